import type { Expr } from "./expression-ast.ts";
import { ExpressionParser } from "./expression-parser.ts";
import { checkHeaderValue, headerBoolean, headerParameterName } from "./ftl-header.ts";
import { EscapeStack } from "./legacy-escape.ts";
import { COMPUTER_NUMBER, type NumberPattern } from "./number-format.ts";
import { settingName } from "./settings.ts";
import type { AssignOp, MacroParameter } from "./template-ast.ts";
import { SyntaxFault } from "./template-error.ts";

/**
 * First pass over a template: cuts it into static text, interpolations, comments and tags, parsing
 * each tag's parameters. The tree is built from these tokens by `template-parser.ts`.
 */
export type ScanToken =
  | {
      readonly k: "text";
      readonly text: string;
      readonly start: number;
      readonly end: number;
      /** `#noparse` content, which `strip_text` keeps. */
      readonly verbatim?: true;
    }
  | {
      readonly k: "interpolation";
      readonly expr: Expr;
      /** Set for the legacy numerical interpolation `#{x}` / `#{x; m1M2}`. */
      readonly numeric: NumberPattern | undefined;
      readonly start: number;
      readonly end: number;
    }
  | { readonly k: "comment"; readonly start: number; readonly end: number }
  | { readonly k: "tag"; readonly tag: DirectiveTag; readonly start: number; readonly end: number }
  | { readonly k: "end"; readonly name: string; readonly start: number; readonly end: number }
  | { readonly k: "call"; readonly call: CallTag; readonly start: number; readonly end: number }
  /** `</@name>` or `</@>` (name ""). */
  | { readonly k: "callEnd"; readonly name: string; readonly start: number; readonly end: number };

export type DirectiveTag =
  | { readonly name: "if" | "elseif" | "switch" | "case"; readonly expr: Expr }
  /** `#list`, or the deprecated `<#foreach x in xs>` (`foreach` set: it ends with `</#foreach>`). */
  | {
      readonly name: "list";
      readonly expr: Expr;
      readonly vars: readonly string[] | undefined;
      readonly foreach?: true;
    }
  | { readonly name: "items"; readonly vars: readonly string[] }
  | { readonly name: "else" | "sep" | "break" | "continue" | "default" }
  /** `<#return>`, or `<#return value>` in a #function. */
  | { readonly name: "return"; readonly expr: Expr | undefined }
  /** `<#nested a, b>`: the values of the caller's loop variables (`<@m ; x, y>`). */
  | { readonly name: "nested"; readonly args: readonly Expr[] }
  | { readonly name: "noautoesc" | "autoesc" | "compress" | "attempt" | "recover" }
  | { readonly name: "ignored" }
  /** `#t` (both), `#lt` (left), `#rt` (right), `#nt` (neither: no stripping on the line). */
  | { readonly name: "trim"; readonly left: boolean; readonly right: boolean }
  | { readonly name: "stop"; readonly expr: Expr | undefined }
  | { readonly name: "assign" | "global" | "local"; readonly ops: readonly AssignOp[] }
  | { readonly name: "capture"; readonly scope: "assign" | "global" | "local"; readonly target: string }
  | {
      readonly name: "macro";
      readonly isFunction: boolean;
      readonly macroName: string;
      readonly params: readonly MacroParameter[];
      readonly catchAll: string | undefined;
    }
  | { readonly name: "ftl"; readonly params: ReadonlyMap<string, Expr> }
  /** `#escape`/`#noescape`: the scanner has already rewritten the interpolations inside. */
  | { readonly name: "escape" | "noescape" }
  | { readonly name: "include"; readonly expr: Expr; readonly options: IncludeOptions }
  | { readonly name: "import"; readonly expr: Expr }
  /** `#visit node` (expr set) and `#recurse [node]`: the agent's data has no XML nodes to visit. */
  | { readonly name: "visit" | "recurse"; readonly expr: Expr | undefined }
  | { readonly name: "fallback" }
  /** `<#setting name=value>`, the name in snake_case. */
  | { readonly name: "setting"; readonly setting: string; readonly expr: Expr };

/** The named parameters of `<#include>` (FreeMarker's Include). */
export interface IncludeOptions {
  readonly parse?: Expr;
  readonly encoding?: Expr;
  readonly ignoreMissing?: Expr;
}

export interface CallTag {
  readonly callee: Expr;
  readonly named: readonly (readonly [string, Expr])[];
  readonly positional: readonly Expr[];
  /** `<@m ; x, y>`: names the caller binds to the values `<#nested>` passes. */
  readonly loopVars: readonly string[];
  readonly selfClosing: boolean;
}

const SPECIAL = /<\/?[#@]|[$#]\{/g;
const NAME_START = /[A-Za-z_]/;
const NAME_CHARS = /[A-Za-z0-9_.-]/;
const ASSIGN_OPS = new Set(["=", "+=", "-=", "*=", "/=", "%="]);
const NO_PARAM_DIRECTIVES = new Set([
  "else",
  "sep",
  "break",
  "continue",
  "return",
  "default",
  "noautoesc",
  "autoesc",
]);

function expectAs(parser: ExpressionParser): void {
  if (!parser.isName("as"))
    throw new SyntaxFault(parser.current.at, `Encountered "${parser.describe()}", but was expecting "as".`);
  parser.advance();
}

function isTagEnd(parser: ExpressionParser): boolean {
  return parser.isPunct(">") || parser.isPunct("/>");
}

/** Directive starts as FreeMarker's lexer (FTL.jj) spells them; see `checkTagShape`. */
const TAKES_PARAMETERS = new Set([
  "if",
  "elseif",
  "elseIf",
  "list",
  "items",
  "foreach",
  "forEach",
  "switch",
  "case",
  "assign",
  "global",
  "local",
  "include",
  "import",
  "function",
  "macro",
  "transform",
  "visit",
  "stop",
  "return",
  "call",
  "setting",
  "outputformat",
  "outputFormat",
  "nested",
  "recurse",
  "escape",
  "ftl",
]);
const CLOSES_AFTER_NAME = new Set([
  "attempt",
  "recover",
  "sep",
  "compress",
  "comment",
  "default",
  "autoesc",
  "autoEsc",
  "noautoesc",
  "noAutoEsc",
  "noescape",
  "noEscape",
  "noparse",
  "noParse",
]);
const MAY_SELF_CLOSE = new Set([
  "ftl",
  "else",
  "break",
  "continue",
  "return",
  "stop",
  "flush",
  "t",
  "lt",
  "rt",
  "nt",
  "nested",
  "recurse",
  "fallback",
]);

export function scanTemplate(source: string): ScanToken[] {
  return new TemplateScanner(source).scan();
}

const MARKUP_FORMATS = new Set(["HTML", "XHTML", "XML", "RTF"]);

class TemplateScanner {
  private readonly tokens: ScanToken[] = [];
  private textStart = 0;
  /** The output format so far (the #ftl header) and the #autoesc/#noautoesc blocks open here. */
  private readonly output = {
    markup: false,
    defaultEscaping: false,
    escapingBlocks: [] as boolean[],
    autoEscaping(): boolean {
      return this.markup && (this.escapingBlocks.at(-1) ?? this.defaultEscaping);
    },
  };

  private readonly escapes = new EscapeStack();

  constructor(private readonly source: string) {}

  scan(): ScanToken[] {
    const src = this.source;
    const special = new RegExp(SPECIAL.source, "g");
    let at = 0;
    for (;;) {
      special.lastIndex = at;
      const match = special.exec(src);
      if (match === null) break;
      const start = match.index;
      const next = this.scanAt(start, match[0]);
      at = next ?? start + 1;
    }
    this.flushText(src.length);
    return this.tokens;
  }

  /** Scans the construct at `start`; returns where scanning resumes, or undefined if it was plain text. */
  private scanAt(start: number, opener: string): number | undefined {
    const src = this.source;
    if (opener === "${" || opener === "#{") return this.interpolation(start);
    const nameAt = start + opener.length;
    if (opener === "<#" && src.startsWith("--", nameAt)) return this.comment(start);
    if (!NAME_START.test(src[nameAt] ?? "")) {
      // `</@>` closes a macro call; anything else that is not a name stays text, as in FreeMarker.
      if (opener === "</@" && src[nameAt] === ">")
        return this.push({ k: "callEnd", name: "", start, end: nameAt + 1 });
      return undefined;
    }
    if (opener === "<#") return this.directive(start, nameAt);
    if (opener === "</#") return this.endTag(start, nameAt);
    if (opener === "<@") return this.call(start, nameAt);
    return this.callEnd(start, nameAt);
  }

  private push(token: ScanToken): number {
    this.flushText(token.start);
    this.tokens.push(token);
    this.textStart = token.end;
    return token.end;
  }

  private flushText(upTo: number): void {
    if (upTo > this.textStart) {
      this.tokens.push({
        k: "text",
        text: this.source.slice(this.textStart, upTo),
        start: this.textStart,
        end: upTo,
      });
    }
    this.textStart = upTo;
  }

  private interpolation(start: number): number {
    const parser = new ExpressionParser(this.source, start + 2, false, undefined, this.output);
    const expr = parser.parseExpression();
    if (this.source[start] === "$") {
      const end = parser.expectClosing("}");
      return this.push({
        k: "interpolation",
        expr: this.escapes.apply(expr),
        numeric: undefined,
        start,
        end,
      });
    }
    // `#{x}` prints as `?c` does; `#{x; m1M2}` sets the minimum and maximum fraction digits.
    let numeric: NumberPattern = COMPUTER_NUMBER;
    let end: number;
    if (parser.isPunct(";")) {
      const formatAt = parser.current.end;
      const match = /^\s*(?:m(\d{1,2}))?(?:M(\d{1,2}))?\s*\}/.exec(
        this.source.slice(formatAt, formatAt + 40),
      );
      if (match === null)
        throw new SyntaxFault(formatAt, "Invalid numerical interpolation format; use mXMY.");
      const min = match[1] === undefined ? 0 : Number(match[1]);
      const max = match[2] === undefined ? min : Number(match[2]);
      if (min > max) {
        const specAt = formatAt + (match[0].length - match[0].trimStart().length);
        throw new SyntaxFault(specAt, "Invalid format specification, min cannot be greater than max!");
      }
      numeric = { ...COMPUTER_NUMBER, minFraction: min, maxFraction: max };
      end = formatAt + match[0].length;
    } else {
      end = parser.expectClosing("}");
    }
    return this.push({ k: "interpolation", expr, numeric, start, end });
  }

  private comment(start: number): number {
    const close = this.source.indexOf("-->", start + 4);
    if (close < 0) throw new SyntaxFault(start, "Unclosed comment: <#-- has no matching -->.");
    return this.push({ k: "comment", start, end: close + 3 });
  }

  private readName(at: number): string {
    let end = at;
    while (end < this.source.length && NAME_CHARS.test(this.source[end] as string)) end++;
    return this.source.slice(at, end);
  }

  private endTag(start: number, nameAt: number): number {
    const name = this.readName(nameAt);
    let end = nameAt + name.length;
    while (end < this.source.length && /\s/.test(this.source[end] as string)) end++;
    if (this.source[end] !== ">") throw new SyntaxFault(end, `Encountered a malformed end tag </#${name}.`);
    if (name === "autoesc" || name === "noautoesc") this.output.escapingBlocks.pop();
    if (name === "escape") this.escapes.close();
    if (name === "noescape") this.escapes.closeNoescape();
    return this.push({ k: "end", name, start, end: end + 1 });
  }

  private callEnd(start: number, nameAt: number): number {
    const close = this.source.indexOf(">", nameAt);
    if (close < 0) throw new SyntaxFault(start, "Unclosed end tag of a user-defined directive.");
    const name = this.source.slice(nameAt, close).trim();
    return this.push({ k: "callEnd", name, start, end: close + 1 });
  }

  private directive(start: number, nameAt: number): number {
    const name = this.readName(nameAt).replace(/[.-]+$/, "");
    this.checkTagShape(name, start, nameAt + name.length);
    if (name === "noparse") return this.noparse(start, nameAt + name.length);
    if (name === "comment") return this.legacyComment(start);
    const parser = new ExpressionParser(this.source, nameAt + name.length, true, undefined, this.output);
    const tag = this.directiveParams(name, parser, start);
    const end = this.closeTag(parser);
    this.trackOutput(tag, start);
    return this.push({ k: "tag", tag, start, end });
  }

  /**
   * FreeMarker's lexer knows each directive's start by its shape: a name then white space where
   * parameters follow (`<#if `), or a name then `>` (`<#sep>`, also `/>` for `<#else/>`). A known
   * name in another shape (`<#if>`, `<#sep x>`) is refused at its `#`.
   */
  private checkTagShape(name: string, start: number, afterName: number): void {
    const rest = this.source.slice(afterName, afterName + 64);
    const fits =
      (TAKES_PARAMETERS.has(name) && (name === "items" ? /^\s+as\s/ : /^\s/).test(rest)) ||
      (CLOSES_AFTER_NAME.has(name) && /^\s*>/.test(rest)) ||
      (MAY_SELF_CLOSE.has(name) && /^\s*\/?>/.test(rest));
    const known = TAKES_PARAMETERS.has(name) || CLOSES_AFTER_NAME.has(name) || MAY_SELF_CLOSE.has(name);
    if (known && !fits) {
      throw new SyntaxFault(start + 1, `#${name} is an existing directive, but the tag is malformed.`);
    }
  }

  private trackOutput(tag: DirectiveTag, start: number): void {
    if (tag.name === "ftl") {
      const format = tag.params.get("output_format");
      this.output.markup = format?.t === "literal" && MARKUP_FORMATS.has(String(format.value));
      const autoEsc = tag.params.get("auto_esc");
      this.output.defaultEscaping = !(autoEsc?.t === "literal" && autoEsc.value === false);
    } else if (tag.name === "autoesc" || tag.name === "noautoesc") {
      if (tag.name === "autoesc" && !this.output.markup) {
        throw new SyntaxFault(start, "The current output format can't do escaping.");
      }
      this.output.escapingBlocks.push(tag.name === "autoesc");
    }
  }

  /** `<#noparse>` content is static text up to `</#noparse>`. */
  private noparse(start: number, afterName: number): number {
    const open = this.source.indexOf(">", afterName);
    const close = this.source.indexOf("</#noparse>", afterName);
    if (open < 0 || close < 0) throw new SyntaxFault(start, 'Unclosed "#noparse".');
    this.flushText(start);
    this.tokens.push({
      k: "text",
      text: this.source.slice(open + 1, close),
      start: open + 1,
      end: close,
      verbatim: true,
    });
    this.textStart = close + "</#noparse>".length;
    return this.textStart;
  }

  /** `<#comment>…</#comment>`: FreeMarker's old comment, skipped like `<#-- -->`. */
  private legacyComment(start: number): number {
    const close = this.source.indexOf("</#comment>", start);
    if (close < 0) throw new SyntaxFault(start, 'Unclosed "#comment".');
    return this.push({ k: "comment", start, end: close + "</#comment>".length });
  }

  private closeTag(parser: ExpressionParser): number {
    if (parser.isPunct(">") || parser.isPunct("/>")) return parser.current.end;
    throw new SyntaxFault(parser.current.at, `Encountered "${parser.describe()}", but was expecting ">".`);
  }

  private directiveParams(name: string, parser: ExpressionParser, start: number): DirectiveTag {
    switch (name) {
      case "if":
      case "elseif":
      case "switch":
      case "case":
        return { name, expr: parser.parseExpression() };
      case "else":
      case "sep":
      case "break":
      case "continue":
      case "default":
      case "noautoesc":
      case "autoesc":
      case "compress":
      case "attempt":
      case "recover":
        return { name } as DirectiveTag;
      case "t":
      case "lt":
      case "rt":
      case "nt":
        return { name: "trim", left: name === "t" || name === "lt", right: name === "t" || name === "rt" };
      case "flush":
        return { name: "ignored" };
      case "stop":
      case "return":
        return { name, expr: isTagEnd(parser) ? undefined : parser.parseExpression() };
      case "nested":
        return { name, args: this.positionalArgs(parser) };
      case "list":
        return this.listParams(parser);
      case "foreach":
      case "forEach": {
        const loopVar = parser.expectName();
        if (!parser.isName("in"))
          throw new SyntaxFault(
            parser.current.at,
            `Encountered "${parser.describe()}", but was expecting "in".`,
          );
        parser.advance();
        return { name: "list", expr: parser.parseExpression(), vars: [loopVar], foreach: true };
      }
      case "items":
        if (!parser.isName("as"))
          throw new SyntaxFault(parser.current.at, '#items needs "as" and a loop variable.');
        parser.advance();
        return { name, vars: this.loopVars(parser) };
      case "assign":
      case "global":
      case "local":
        return this.assignParams(name, parser, start);
      case "macro":
      case "function":
        return this.macroParams(parser, name === "function");
      case "ftl":
        return { name, params: this.headerParams(parser) };
      case "escape":
        return this.escape(parser, start);
      case "noescape":
        this.escapes.openNoescape(start);
        return { name };
      case "include":
        return this.includeParams(parser);
      case "import": {
        const expr = parser.parseExpression();
        expectAs(parser);
        parser.expectName();
        return { name, expr };
      }
      case "visit":
      case "recurse": {
        const expr = name === "visit" || !isTagEnd(parser) ? this.optionalExpression(parser) : undefined;
        if (parser.isName("using")) {
          parser.advance();
          parser.parseExpression();
        }
        return { name, expr };
      }
      case "fallback":
        return { name };
      case "setting": {
        const nameAt = parser.current.at;
        const setting = settingName(parser.expectName(), nameAt);
        parser.expectPunct("=");
        return { name, setting, expr: parser.parseExpression() };
      }
      default:
        if (NO_PARAM_DIRECTIVES.has(name)) return { name } as DirectiveTag;
        throw new SyntaxFault(start + 1, `Unknown directive: #${name}.`);
    }
  }

  private listParams(parser: ExpressionParser): DirectiveTag {
    const expr = parser.parseExpression();
    if (!parser.isName("as")) return { name: "list", expr, vars: undefined };
    parser.advance();
    return { name: "list", expr, vars: this.loopVars(parser) };
  }

  private loopVars(parser: ExpressionParser): string[] {
    const vars = [parser.expectName()];
    if (parser.isPunct(",")) {
      parser.advance();
      vars.push(parser.expectName());
    }
    return vars;
  }

  private assignParams(
    scope: "assign" | "global" | "local",
    parser: ExpressionParser,
    tagStart: number,
  ): DirectiveTag {
    const ops: AssignOp[] = [];
    /** Where the next assignment starts, its comma included: FreeMarker blames it as a whole. */
    let nextAt = parser.current.at;
    while (!parser.isPunct(">") && !parser.isPunct("/>")) {
      const at = parser.current.at;
      if (ops.length > 0 && parser.current.k !== "name" && parser.current.k !== "string")
        throw new SyntaxFault(nextAt, `Encountered "${parser.describe()}", but was expecting a name.`);
      const target = this.assignTarget(parser);
      const opToken = parser.current;
      if (ops.length === 0 && (parser.isPunct(">") || parser.isPunct("/>"))) {
        return { name: "capture", scope, target };
      }
      if (opToken.k === "punct" && (opToken.value === "++" || opToken.value === "--")) {
        parser.advance();
        ops.push({ name: target, op: opToken.value, value: undefined, at });
      } else if (opToken.k === "punct" && ASSIGN_OPS.has(opToken.value)) {
        parser.advance();
        ops.push({ name: target, op: opToken.value as AssignOp["op"], value: parser.parseExpression(), at });
      } else {
        // After the first assignment FreeMarker looks two tokens ahead, so it blames the name.
        const blamed = ops.length === 0 ? opToken.at : nextAt;
        throw new SyntaxFault(blamed, `Encountered "${parser.describe()}", but was expecting "=".`);
      }
      nextAt = parser.current.at;
      if (parser.isPunct(",")) {
        parser.advance();
        if (isTagEnd(parser)) throw new SyntaxFault(nextAt, "A comma must be followed by an assignment.");
      }
      if (parser.current.k === "eof") throw new SyntaxFault(at, "Unclosed #assign tag.");
    }
    // A lone assignment is located at its directive, several each at its own name (FreeMarker's
    // Assignment vs AssignmentInstruction): that is where their own errors are blamed.
    if (ops.length === 1) return { name: scope, ops: [{ ...(ops[0] as AssignOp), at: tagStart }] };
    return { name: scope, ops };
  }

  private assignTarget(parser: ExpressionParser): string {
    const t = parser.current;
    if (t.k === "string") {
      parser.advance();
      return t.value;
    }
    return parser.expectName();
  }

  private macroParams(parser: ExpressionParser, isFunction: boolean): DirectiveTag {
    const macroName = this.assignTarget(parser);
    const params: MacroParameter[] = [];
    let catchAll: string | undefined;
    const parenthesised = parser.isPunct("(");
    if (parenthesised) parser.advance();
    while (!parser.isPunct(">") && !parser.isPunct("/>") && !parser.isPunct(")")) {
      const nameAt = parser.current.at;
      const name = parser.expectName();
      const isCatchAll = parser.isPunct("...");
      if (isCatchAll) parser.advance();
      let fallback: Expr | undefined;
      if (parser.isPunct("=")) {
        parser.advance();
        fallback = parser.parseExpression();
      }
      if (parser.isPunct(",")) parser.advance();
      if (catchAll !== undefined)
        throw new SyntaxFault(nameAt, "Only the last parameter may be a catch-all one (name...).");
      if (isCatchAll && fallback !== undefined)
        throw new SyntaxFault(nameAt, "A catch-all parameter may not have a default value.");
      if (!isCatchAll && fallback === undefined && params.some((p) => p.fallback !== undefined))
        throw new SyntaxFault(nameAt, "Parameters without a default value must come before those with one.");
      if (isCatchAll) catchAll = name;
      else params.push({ name, fallback });
      if (parser.current.k === "eof") throw new SyntaxFault(parser.current.at, "Unclosed #macro tag.");
    }
    if (parenthesised) parser.expectPunct(")");
    return { name: "macro", isFunction, macroName, params, catchAll };
  }

  /** `<#escape x as expr>`: refused where auto-escaping is on, as FreeMarker does. */
  private escape(parser: ExpressionParser, start: number): DirectiveTag {
    if (this.output.autoEscaping()) {
      throw new SyntaxFault(start, "#escape (legacy escaping) is not allowed while auto-escaping is on.");
    }
    const name = parser.expectName();
    expectAs(parser);
    this.escapes.open(name, parser.parseExpression());
    return { name: "escape" };
  }

  private optionalExpression(parser: ExpressionParser): Expr | undefined {
    return parser.isName("using") ? undefined : parser.parseExpression();
  }

  /** `<#include name [;] parse=… encoding=… ignore_missing=…>`; literal values are checked now. */
  private includeParams(parser: ExpressionParser): DirectiveTag {
    const expr = parser.parseExpression();
    if (parser.isPunct(";")) parser.advance();
    const options: { parse?: Expr; encoding?: Expr; ignoreMissing?: Expr } = {};
    while (parser.current.k === "name" && this.isNamedArgument(parser)) {
      const nameAt = parser.current.at;
      const name = parser.expectName();
      parser.expectPunct("=");
      const value = parser.parseExpression();
      const key = name.toLowerCase();
      const literal = value.t === "literal" ? value.value : undefined;
      if (key === "parse") options.parse = value;
      else if (key === "encoding") {
        if (literal !== undefined && typeof literal !== "string")
          throw new SyntaxFault(value.at, 'Expected a string as the value of "encoding".');
        options.encoding = value;
      } else if (key === "ignore_missing" || name === "ignoreMissing") {
        if (literal !== undefined && typeof literal !== "boolean")
          throw new SyntaxFault(value.at, 'Expected a boolean as the value of "ignore_missing".');
        options.ignoreMissing = value;
      } else {
        throw new SyntaxFault(nameAt, `Unsupported #include parameter "${name}".`);
      }
    }
    return { name: "include", expr, options };
  }

  /** `<#ftl name=value…>`, checked in order as FreeMarker does; names come out in snake_case. */
  private headerParams(parser: ExpressionParser): Map<string, Expr> {
    const params = new Map<string, Expr>();
    let autoEscAt: number | undefined;
    while (!isTagEnd(parser)) {
      const nameAt = parser.current.at;
      const name = headerParameterName(parser.expectName(), nameAt);
      parser.expectPunct("=");
      const value = parser.parseExpression();
      checkHeaderValue(name, value);
      params.set(name, value);
      if (name === "auto_esc") autoEscAt = headerBoolean(value, false) ? nameAt : undefined;
      if (parser.current.k === "eof") throw new SyntaxFault(parser.current.at, "Unclosed tag.");
    }
    const format = params.get("output_format");
    const markup = format?.t === "literal" && MARKUP_FORMATS.has(String(format.value));
    if (autoEscAt !== undefined && !markup) {
      throw new SyntaxFault(autoEscAt, "The current output format can't do escaping.");
    }
    return params;
  }

  /** `<@callee named=args…>` or `<@callee positional, args…>`, then `; loop, vars`, as FreeMarker's grammar. */
  private call(start: number, nameAt: number): number {
    const parser = new ExpressionParser(this.source, nameAt, true, undefined, this.output);
    const callee = this.calleeExpression(parser);
    const named: [string, Expr][] = [];
    let positional: Expr[] = [];
    if (parser.current.k === "name" && this.isNamedArgument(parser)) {
      while (parser.current.k === "name" && this.isNamedArgument(parser)) {
        const name = parser.expectName();
        parser.expectPunct("=");
        named.push([name, parser.parseExpression()]);
      }
    } else {
      positional = this.positionalArgs(parser);
    }
    const loopVars: string[] = [];
    if (parser.isPunct(";")) {
      parser.advance();
      if (parser.current.k === "name") loopVars.push(parser.expectName());
      while (loopVars.length > 0 && parser.isPunct(",")) {
        parser.advance();
        loopVars.push(parser.expectName());
      }
    }
    if (!isTagEnd(parser)) {
      throw new SyntaxFault(parser.current.at, `Encountered "${parser.describe()}", but was expecting ">".`);
    }
    const selfClosing = parser.isPunct("/>");
    return this.push({
      k: "call",
      call: { callee, named, positional, loopVars, selfClosing },
      start,
      end: parser.current.end,
    });
  }

  /** Expressions, optionally separated by commas, up to the end of the tag or a `;`. */
  private positionalArgs(parser: ExpressionParser): Expr[] {
    const args: Expr[] = [];
    while (!isTagEnd(parser) && !parser.isPunct(";") && parser.current.k !== "eof") {
      if (args.length > 0 && parser.isPunct(",")) parser.advance();
      args.push(parser.parseExpression());
    }
    return args;
  }

  /** `name=` starts a named argument; anything else is positional. */
  private isNamedArgument(parser: ExpressionParser): boolean {
    const t = parser.current;
    let i = t.end;
    while (i < this.source.length && /\s/.test(this.source[i] as string)) i++;
    return this.source[i] === "=" && this.source[i + 1] !== "=";
  }

  private calleeExpression(parser: ExpressionParser): Expr {
    const first = parser.current;
    let lastEnd = first.end;
    let callee: Expr = { t: "variable", name: parser.expectName(), at: first.at };
    // `<@ns.macro>`: a dotted name, without spaces.
    while (parser.isPunct(".") && parser.current.at === lastEnd) {
      parser.advance();
      const segment = parser.current;
      const name = parser.expectName();
      lastEnd = segment.end;
      callee = { t: "member", target: callee, name, at: first.at };
    }
    return callee;
  }
}
