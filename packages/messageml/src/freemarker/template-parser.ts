import { isMarkupFormat } from "./escaping.ts";
import type { Expr } from "./expression-ast.ts";
import { headerBoolean } from "./ftl-header.ts";
import { LoopVariableScopes } from "./loop-variable-scopes.ts";
import type { MacroDefinition, OutputFormat, ParsedTemplate, TemplateNode } from "./template-ast.ts";
import { SyntaxFault } from "./template-error.ts";
import { type DirectiveTag, type ScanToken, scanTemplate } from "./template-scanner.ts";
import { stripWhitespace } from "./whitespace-stripping.ts";

/** Nesting deeper than this is refused as a syntax error, so hostile input cannot exhaust the stack. */
const MAX_NESTING = 200;

const OUTPUT_FORMATS: Record<string, OutputFormat> = {
  HTML: "HTML",
  XHTML: "XHTML",
  XML: "XML",
  RTF: "RTF",
  plainText: "plainText",
  JavaScript: "JavaScript",
  JSON: "JSON",
  CSS: "CSS",
  undefined: "undefined",
};

type Terminator = (token: ScanToken) => boolean;

export function parseTemplate(source: string): ParsedTemplate {
  const scanned = scanTemplate(source);
  const header = readHeader(scanned);
  // The header and the white space before it are not output.
  const body =
    header.headerToken === undefined ? scanned : scanned.slice(scanned.indexOf(header.headerToken) + 1);
  // The rest of the header's line is part of the header, even when white space is not stripped.
  const first = body[0];
  if (header.headerToken !== undefined && first?.k === "text") {
    const rest = /^[ \t]*(\r\n|\r|\n)/.exec(first.text)?.[0] ?? "";
    body[0] = { ...first, text: first.text.slice(rest.length), start: first.start + rest.length };
  }
  const tokens = stripWhitespace(body, source, header.stripWhitespace);
  return new TreeBuilder(tokens, Math.max(0, source.length - 1), header.stripText).build(
    header.outputFormat,
    header.autoEscape,
  );
}

interface Header {
  /** The `<#ftl>` token, when there is one. */
  readonly headerToken: ScanToken | undefined;
  readonly outputFormat: OutputFormat;
  readonly autoEscape: boolean;
  readonly stripWhitespace: boolean;
  /** `strip_text`: top-level static text is dropped (interpolations and #noparse content stay). */
  readonly stripText: boolean;
}

/** `<#ftl ...>` is only allowed first (white space before it is dropped). */
function readHeader(tokens: readonly ScanToken[]): Header {
  let first = 0;
  while (first < tokens.length && isBlankText(tokens[first])) first++;
  const head = tokens[first];
  if (head?.k !== "tag" || head.tag.name !== "ftl") {
    return {
      headerToken: undefined,
      outputFormat: "undefined",
      autoEscape: false,
      stripWhitespace: true,
      stripText: false,
    };
  }
  // The scanner has checked the parameters' names and values (ftl-header.ts).
  const params = head.tag.params;
  const formatExpr = params.get("output_format");
  const format = formatExpr?.t === "literal" ? String(formatExpr.value) : "undefined";
  const outputFormat = OUTPUT_FORMATS[format];
  if (outputFormat === undefined)
    throw new SyntaxFault(formatExpr?.at ?? head.start, `Unknown output format: "${format}".`);
  const autoEsc = params.get("auto_esc");
  const autoEscape = autoEsc?.t === "literal" ? autoEsc.value === true : true;
  const flag = (name: string, fallback: boolean) => {
    const value = params.get(name);
    return value === undefined ? fallback : headerBoolean(value, true);
  };
  return {
    headerToken: head,
    outputFormat,
    autoEscape: autoEscape && isMarkupFormat(outputFormat),
    stripWhitespace: flag("strip_whitespace", true),
    stripText: flag("strip_text", false),
  };
}

function isBlankText(token: ScanToken | undefined): boolean {
  return token?.k === "text" && token.text.trim() === "";
}

class TreeBuilder {
  private index = 0;
  private depth = 0;
  private readonly macros = new Map<string, MacroDefinition>();
  /** The directives enclosing the one being read, for FreeMarker's placement rules. */
  private readonly enclosing: string[] = [];
  private readonly loops = new LoopVariableScopes();

  constructor(
    private readonly tokens: readonly ScanToken[],
    /** FreeMarker reports an unclosed directive at the template's last character. */
    private readonly lastAt: number,
    private readonly stripText: boolean,
  ) {}

  build(outputFormat: OutputFormat, autoEscape: boolean): ParsedTemplate {
    const nodes = this.block(() => false, undefined);
    return { nodes, outputFormat, autoEscape, macros: this.macros };
  }

  private peek(): ScanToken | undefined {
    return this.tokens[this.index];
  }

  /** Nodes up to (not including) a token accepted by `stop`; EOF is an error when `opener` is set. */
  private block(stop: Terminator, opener: ScanToken | undefined): TemplateNode[] {
    if (++this.depth > MAX_NESTING) {
      throw new SyntaxFault(opener?.start ?? 0, "Directives are nested too deeply.");
    }
    const nodes: TemplateNode[] = [];
    for (;;) {
      const token = this.peek();
      if (token === undefined) {
        if (opener !== undefined) throw new SyntaxFault(this.lastAt, `Unclosed ${describeOpener(opener)}.`);
        break;
      }
      if (stop(token)) break;
      this.index++;
      const node = this.node(token);
      if (node !== undefined) nodes.push(node);
    }
    this.depth--;
    return nodes;
  }

  private node(token: ScanToken): TemplateNode | undefined {
    this.loops.check(token);
    switch (token.k) {
      case "text":
        if (this.stripText && this.depth === 1 && !token.verbatim) return undefined;
        return { t: "text", text: token.text };
      case "interpolation":
        return { t: "interpolation", expr: token.expr, numeric: token.numeric, at: token.start };
      case "comment":
        return undefined;
      case "end":
        throw new SyntaxFault(token.start, `Unexpected end tag </#${token.name}>.`);
      case "callEnd":
        throw new SyntaxFault(token.start, "Unexpected end tag of a user-defined directive.");
      case "call":
        return this.call(token);
      case "tag":
        return this.directive(token, token.tag);
    }
  }

  private call(token: ScanToken & { k: "call" }): TemplateNode {
    const { callee, named, positional, loopVars, selfClosing } = token.call;
    let body: TemplateNode[] | undefined;
    if (!selfClosing) {
      const loop = { names: loopVars, userDirective: true, barrier: false };
      body = this.loops.within(loop, () => this.block((t) => t.k === "callEnd", token));
      const end = this.tokens[this.index++] as ScanToken & { k: "callEnd" };
      const name = calleeName(callee);
      if (end.name !== "" && end.name !== name) {
        throw new SyntaxFault(end.start, `Expecting </@> or </@${name}>.`);
      }
    }
    return { t: "call", callee, named, positional, loopVars, body, at: token.start };
  }

  /** Reads a block with `kind` on the enclosing stack. */
  private within<T>(kind: string, read: () => T): T {
    this.enclosing.push(kind);
    try {
      return read();
    } finally {
      this.enclosing.pop();
    }
  }

  /** The innermost enclosing directive of these kinds, not looking past a #macro or #function. */
  private innermost(...kinds: string[]): string | undefined {
    for (let i = this.enclosing.length - 1; i >= 0; i--) {
      const kind = this.enclosing[i]!;
      if (kinds.includes(kind)) return kind;
      if (kind === "macro" || kind === "function") return undefined;
    }
    return undefined;
  }

  /** FreeMarker refuses these while parsing when they stand outside the directive they belong to. */
  private checkPlacement(tag: DirectiveTag, at: number): void {
    const name = tag.name;
    const inMacro = this.enclosing.includes("macro");
    const inFunction = this.enclosing.includes("function");
    const misplaced =
      (name === "items" && this.innermost("list", "listAs", "items") !== "list") ||
      (name === "sep" && !["listAs", "items"].includes(this.innermost("list", "listAs", "items") ?? "")) ||
      (name === "break" && this.innermost("list", "listAs", "items", "switch") === undefined) ||
      (name === "continue" && this.innermost("list", "listAs", "items") === undefined) ||
      (name === "local" && !inMacro && !inFunction) ||
      (name === "macro" && (inMacro || inFunction)) ||
      ((name === "nested" || name === "fallback") && !inMacro) ||
      // A macro cannot return a value, a function must; elsewhere FreeMarker wants one too.
      (name === "return" && (inMacro ? tag.expr !== undefined : tag.expr === undefined));
    if (misplaced) throw new SyntaxFault(at, `#${name} is not allowed here.`);
  }

  private directive(token: ScanToken, tag: DirectiveTag): TemplateNode | undefined {
    const at = token.start;
    this.checkPlacement(tag, at);
    switch (tag.name) {
      case "if":
        return this.ifChain(token, tag.expr);
      case "list": {
        const loop = { names: tag.vars ?? [], userDirective: false, barrier: false };
        const body = this.within(tag.vars === undefined ? "list" : "listAs", () =>
          this.loops.within(loop, () =>
            this.block(tag.foreach ? isForeachEnd : endOr("list", "else"), token),
          ),
        );
        const otherwise = tag.foreach ? this.skipEnd() : this.optionalElse("list", token);
        if (tag.vars === undefined && !body.some(holdsItems)) {
          throw new SyntaxFault(at, "#list without a loop variable must have an #items inside.");
        }
        return { t: "list", source: tag.expr, vars: tag.vars, body, otherwise, at };
      }
      case "items":
        return {
          t: "items",
          vars: tag.vars,
          body: this.within("items", () =>
            this.loops.within({ names: tag.vars, userDirective: false, barrier: false }, () =>
              this.closed("items", token),
            ),
          ),
          at,
        };
      case "sep":
        return this.sep(token);
      case "break":
      case "continue":
        return { t: tag.name, at };
      case "return":
        return { t: "return", value: tag.expr, at };
      case "nested":
        return { t: "nested", args: tag.args, at };
      case "assign":
      case "global":
      case "local":
        return { t: "assign", scope: tag.name, ops: tag.ops, at };
      case "capture":
        return { t: "capture", scope: tag.scope, name: tag.target, body: this.closed(tag.scope, token), at };
      case "macro":
        return this.macro(token, tag);
      case "switch":
        return this.switchBlock(token, tag.expr);
      case "noautoesc":
      case "autoesc":
        return { t: "autoescape", enabled: tag.name === "autoesc", body: this.closed(tag.name, token) };
      case "compress":
        return { t: "compress", body: this.closed("compress", token), at };
      case "attempt":
        return this.attempt(token);
      case "stop":
        return { t: "stop", message: tag.expr, at };
      case "ignored":
      case "trim":
        return undefined;
      case "ftl":
        throw new SyntaxFault(at, "The #ftl directive must be the first thing in the template.");
      case "escape":
      case "noescape":
        return { t: "escape", body: this.closed(tag.name, token), at };
      case "include":
        return { t: "include", name: tag.expr, options: tag.options, at };
      case "import":
        return { t: "import", name: tag.expr, at };
      case "visit":
      case "recurse":
        return { t: "visit", kind: tag.name, node: tag.expr, at };
      case "fallback":
        return { t: "fallback", at };
      case "setting":
        return { t: "setting", name: tag.setting, value: tag.expr, at };
      default:
        throw new SyntaxFault(at, `Unexpected #${tag.name} here.`);
    }
  }

  /** A block closed by `</#name>`, which is consumed. */
  private closed(name: string, opener: ScanToken): TemplateNode[] {
    const body = this.block(endOr(name), opener);
    this.index++;
    return body;
  }

  /** Consumes the end tag a `block` stopped at. */
  private skipEnd(): undefined {
    this.index++;
    return undefined;
  }

  private optionalElse(name: string, opener: ScanToken): TemplateNode[] | undefined {
    const next = this.tokens[this.index++];
    if (next?.k === "tag" && next.tag.name === "else") return this.closed(name, opener);
    return undefined;
  }

  private ifChain(opener: ScanToken, first: Expr): TemplateNode {
    const branches: { condition: Expr; body: TemplateNode[] }[] = [];
    let condition = first;
    for (;;) {
      const body = this.block(endOr("if", "elseif", "else"), opener);
      branches.push({ condition, body });
      const next = this.tokens[this.index++] as ScanToken;
      if (next.k === "tag" && next.tag.name === "elseif") {
        condition = next.tag.expr;
        continue;
      }
      if (next.k === "tag" && next.tag.name === "else") {
        return { t: "if", branches, otherwise: this.closed("if", opener), at: opener.start };
      }
      return { t: "if", branches, otherwise: undefined, at: opener.start };
    }
  }

  /** `<#sep>` runs to `</#sep>` or to the end of the enclosing #list/#items body. */
  private sep(opener: ScanToken): TemplateNode {
    const body = this.block(
      (t) => (t.k === "end" && ["sep", "list", "items"].includes(t.name)) || isElse(t) || isForeachEnd(t),
      opener,
    );
    const next = this.peek();
    if (next?.k === "end" && next.name === "sep") this.index++;
    return { t: "sep", body, at: opener.start };
  }

  /** `<#attempt>…<#recover>…</#attempt>`. */
  private attempt(opener: ScanToken): TemplateNode {
    const body = this.block((t) => t.k === "tag" && t.tag.name === "recover", opener);
    this.index++;
    const recover = this.closed("attempt", opener);
    return { t: "attempt", body, recover, at: opener.start };
  }

  private macro(opener: ScanToken, tag: DirectiveTag & { name: "macro" }): TemplateNode {
    const kind = tag.isFunction ? "function" : "macro";
    const barrier = { names: [], userDirective: false, barrier: true };
    const body = this.within(kind, () => this.loops.within(barrier, () => this.closed(kind, opener)));
    const macro: MacroDefinition = {
      name: tag.macroName,
      isFunction: tag.isFunction,
      at: opener.start,
      params: tag.params,
      catchAll: tag.catchAll,
      body,
    };
    // Defined before the template runs, wherever the definition stands (FreeMarker's Template.addMacro).
    this.macros.set(macro.name, macro);
    return { t: "macro", macro, at: opener.start };
  }

  private switchBlock(opener: ScanToken, value: Expr): TemplateNode {
    const isCase = (t: ScanToken) => t.k === "tag" && (t.tag.name === "case" || t.tag.name === "default");
    this.enclosing.push("switch");
    try {
      return this.switchCases(opener, value, isCase);
    } finally {
      this.enclosing.pop();
    }
  }

  private switchCases(opener: ScanToken, value: Expr, isCase: (t: ScanToken) => boolean): TemplateNode {
    const first = this.index;
    this.block((t) => isCase(t) || (t.k === "end" && t.name === "switch"), opener);
    const stray = this.tokens
      .slice(first, this.index)
      .find((t) => t.k !== "comment" && !(t.k === "text" && t.text.trim() === ""));
    if (stray !== undefined) {
      throw new SyntaxFault(stray.start, "Only #case and #default may appear directly in #switch.");
    }
    const cases: { match: Expr | undefined; body: TemplateNode[] }[] = [];
    for (;;) {
      const next = this.tokens[this.index++] as ScanToken;
      if (next.k === "end") break;
      const match = next.k === "tag" && next.tag.name === "case" ? next.tag.expr : undefined;
      cases.push({
        match,
        body: this.block((t) => isCase(t) || (t.k === "end" && t.name === "switch"), opener),
      });
    }
    if (cases.filter((c) => c.match === undefined).length > 1) {
      throw new SyntaxFault(opener.start, "#switch may have only one #default.");
    }
    return { t: "switch", value, cases, at: opener.start };
  }
}

function endOr(name: string, ...tags: string[]): Terminator {
  return (t) => (t.k === "end" && t.name === name) || (t.k === "tag" && tags.includes(t.tag.name));
}

/** Whether an `#items` stands in this node for the enclosing #list (not for a #list inside it). */
function holdsItems(node: TemplateNode): boolean {
  if (node.t === "items") return true;
  if (node.t === "list" || node.t === "macro") return false;
  return childBlocks(node).some((block) => block.some(holdsItems));
}

function childBlocks(node: TemplateNode): (readonly TemplateNode[])[] {
  switch (node.t) {
    case "if":
      return [...node.branches.map((b) => b.body), node.otherwise ?? []];
    case "switch":
      return node.cases.map((c) => c.body);
    case "attempt":
      return [node.body, node.recover];
    case "call":
      return [node.body ?? []];
    case "sep":
    case "capture":
    case "compress":
    case "autoescape":
    case "escape":
      return [node.body];
    default:
      return [];
  }
}

/** The name `</@name>` must repeat: the callee's dotted name. */
function calleeName(callee: Expr): string {
  if (callee.t === "variable") return callee.name;
  if (callee.t === "member") return `${calleeName(callee.target)}.${callee.name}`;
  return "";
}

function isForeachEnd(t: ScanToken): boolean {
  return t.k === "end" && (t.name === "foreach" || t.name === "forEach");
}

function isElse(t: ScanToken): boolean {
  return t.k === "tag" && t.tag.name === "else";
}

function describeOpener(token: ScanToken): string {
  if (token.k === "tag") return `"#${token.tag.name === "capture" ? token.tag.scope : token.tag.name}"`;
  if (token.k === "call") return '"<@...>"';
  return "directive";
}
