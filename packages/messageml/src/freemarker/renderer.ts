import { DateValue } from "./dates.ts";
import { escapeFor, isMarkupFormat } from "./escaping.ts";
import {
  bool,
  type EvaluationContext,
  equals,
  evaluate,
  type LoopPosition,
  plainText,
  required,
} from "./evaluator.ts";
import type { Expr } from "./expression-ast.ts";
import { formatNumber, type NumberPattern } from "./number-format.ts";
import { arithmetic, isNumber } from "./numbers.ts";
import { settingText, TemplateSettings } from "./settings.ts";
import type {
  AssignOp,
  AssignScope,
  MacroDefinition,
  OutputFormat,
  ParsedTemplate,
  TemplateNode,
} from "./template-ast.ts";
import { LimitFault, RuntimeFault } from "./template-error.ts";
import { fallback, importLibrary, include, visit } from "./unavailable-directives.ts";
import {
  BuiltinMethod,
  isHash,
  isMissing,
  isSequence,
  Macro,
  Markup,
  type Sequence,
  sequenceItem,
  sequenceLength,
  typeName,
} from "./values.ts";

/** Bounds that keep a hostile template from running away with time or memory. */
export interface RenderLimits {
  /** Characters of output. */
  readonly maxOutput: number;
  /** Loop iterations plus macro calls plus interpolations. */
  readonly maxSteps: number;
  /** Nested macro calls. */
  readonly maxCallDepth: number;
}

export const DEFAULT_LIMITS: RenderLimits = { maxOutput: 4_000_000, maxSteps: 1_000_000, maxCallDepth: 100 };

class BreakSignal {}
class ContinueSignal {}
class ReturnSignal {}

/** A lexical frame: loop variables, macro arguments, or `<#local>` variables. */
class Scope {
  readonly vars = new Map<string, unknown>();
  constructor(
    readonly parent: Scope | undefined,
    readonly loop: { readonly names: readonly string[]; position: LoopPosition } | undefined,
    readonly call: CallFrame | undefined,
  ) {}
}

/** Where `<#nested>` goes back to: the caller's body and scope, and the names of its loop variables. */
interface CallFrame {
  readonly body: readonly TemplateNode[] | undefined;
  readonly loopVars: readonly string[];
  readonly callerScope: Scope | undefined;
}

/** A macro call (`<@m …>`) or function call (`f(…)`). */
interface Invocation {
  readonly named: readonly (readonly [string, Expr])[];
  readonly positional: readonly Expr[];
  readonly loopVars: readonly string[];
  readonly body: readonly TemplateNode[] | undefined;
}

/** The innermost `#list` being run, for `<#items>` and `<#sep>`. */
interface ListFrame {
  readonly source: unknown;
  readonly sourceExpr: Expr;
  hasNext: boolean;
  iterated: boolean;
}

/** The agent names every template `messageML` (MMU `MessageMLParser`). */
const TEMPLATE_NAME = "messageML";

export function render(
  template: ParsedTemplate,
  dataModel: Record<string, unknown>,
  limits: RenderLimits,
  now: () => Date,
): string {
  return new Renderer(template, dataModel, limits, now).run();
}

class Renderer implements EvaluationContext {
  private out: string[] = [];
  private outputLength = 0;
  private steps = 0;
  private callDepth = 0;
  private scope: Scope | undefined;
  private readonly namespace = new Map<string, unknown>();
  private readonly globals = new Map<string, unknown>();
  private escaping: boolean;
  private listFrames: ListFrame[] = [];
  /** The errors of the `#recover` blocks running now, innermost last (`.error`). */
  private readonly recovering: string[] = [];
  /**
   * What the last `<#return value>` gave. FreeMarker keeps one such value for the whole run, so a
   * function that ends without #return answers what the last function it called returned.
   */
  private lastReturnValue: unknown;
  /** What `<#setting>` changes; the agent starts with FreeMarker's defaults. */
  readonly settings = new TemplateSettings();
  /** Offset of the directive or interpolation running now, blamed when an expression is not. */
  private currentAt = 0;

  constructor(
    private readonly template: ParsedTemplate,
    private readonly dataModel: Record<string, unknown>,
    private readonly limits: RenderLimits,
    /** The clock `.now` reads (injected: the engine reads no clock of its own). */
    private readonly now: () => Date,
  ) {
    this.escaping = template.autoEscape;
    for (const [name, macro] of template.macros) this.namespace.set(name, new Macro(macro));
  }

  get autoEscape(): boolean {
    return this.escaping;
  }

  get markupOutput(): boolean {
    return isMarkupFormat(this.template.outputFormat);
  }

  get outputFormat(): OutputFormat {
    return this.template.outputFormat;
  }

  run(): string {
    try {
      this.nodes(this.template.nodes);
    } catch (error) {
      if (error instanceof ReturnSignal) return this.out.join("");
      if (error instanceof BreakSignal || error instanceof ContinueSignal) {
        throw new RuntimeFault(this.currentAt, "#break or #continue outside a loop.");
      }
      throw error;
    }
    return this.out.join("");
  }

  // ---- EvaluationContext ----

  lookup(name: string): unknown {
    for (let s = this.scope; s !== undefined; s = s.parent) {
      if (s.vars.has(name)) return s.vars.get(name);
    }
    if (this.namespace.has(name)) return this.namespace.get(name);
    if (this.globals.has(name)) return this.globals.get(name);
    return Object.hasOwn(this.dataModel, name) ? this.dataModel[name] : undefined;
  }

  loopPosition(name: string): LoopPosition | undefined {
    for (let s = this.scope; s !== undefined; s = s.parent) {
      if (s.loop?.names.includes(name)) return s.loop.position;
      if (s.vars.has(name)) return undefined;
    }
    return undefined;
  }

  special(name: string, at: number): unknown {
    switch (name) {
      case "data_model":
        return this.dataModel;
      case "now":
        return new DateValue(this.now().getTime(), "datetime");
      case "template_name":
      case "current_template_name":
      case "main_template_name":
        return TEMPLATE_NAME;
      case "caller_template_name":
        if (this.macroScope() === undefined) {
          throw new RuntimeFault(undefined, ".caller_template_name works only inside a macro or function.");
        }
        return TEMPLATE_NAME;
      case "globals": {
        const globals: Record<string, unknown> = { ...this.dataModel };
        for (const [k, v] of this.globals) globals[k] = v;
        return globals;
      }
      case "main":
      case "namespace":
        return Object.fromEntries(this.namespace);
      case "locals": {
        const frame = this.macroScope();
        if (frame === undefined) return undefined;
        const locals: Record<string, unknown> = {};
        for (let s = this.scope; s !== undefined; s = s.parent) {
          for (const [k, v] of s.vars) if (!Object.hasOwn(locals, k)) locals[k] = v;
          if (s === frame) break;
        }
        return locals;
      }
      case "error": {
        const error = this.recovering.at(-1);
        if (error === undefined) throw new RuntimeFault(undefined, ".error works only inside #recover.");
        return error;
      }
      case "pass":
        return new Macro({ name: "pass", at, params: [], catchAll: undefined, body: [], isFunction: false });
      case "get_optional_template":
        // The agent's templates have no loader: every template is absent.
        return new BuiltinMethod(() => ({ exists: false }));
      case "locale_object":
        return "en_US";
      case "time_zone":
        return "UTC";
      case "incompatible_improvements":
        return "2.3.30";
      case "node":
      case "output_encoding":
      case "url_escaping_charset":
        return this.urlCharset !== undefined && name === "url_escaping_charset" ? this.urlCharset : undefined;
      case "locale":
        return this.settings.locale;
      case "lang":
        return this.settings.locale.split("_")[0];
      case "version":
        return "2.3.31";
      case "output_format":
        return this.template.outputFormat;
      case "auto_esc":
        return this.escaping;
      case "vars": {
        const vars: Record<string, unknown> = { ...this.dataModel };
        for (const [k, v] of this.globals) vars[k] = v;
        for (const [k, v] of this.namespace) vars[k] = v;
        return vars;
      }
      default:
        throw new RuntimeFault(at, `Unknown special variable .${name}.`);
    }
  }

  get urlCharset(): string | undefined {
    return this.settings.urlCharset;
  }

  toText(value: unknown, at: number): string {
    return plainText(value, at, this.settings);
  }

  /** `f(args)` in an expression: runs the #function with its output dropped, answers its #return. */
  callFunction(callee: Macro, args: readonly Expr[]): unknown {
    if (!callee.definition.isFunction) {
      throw new RuntimeFault(undefined, "A macro cannot be called in an expression; functions can.");
    }
    this.lastReturnValue = undefined;
    const savedOut = this.out;
    const savedLength = this.outputLength;
    this.out = [];
    try {
      this.invoke(callee.definition, { named: [], positional: args, loopVars: [], body: undefined });
    } finally {
      this.out = savedOut;
      this.outputLength = savedLength;
    }
    return this.lastReturnValue;
  }

  // ---- output and budget ----

  private write(text: string): void {
    this.outputLength += text.length;
    if (this.outputLength > this.limits.maxOutput) {
      throw new RuntimeFault(
        this.currentAt,
        `The output is longer than ${this.limits.maxOutput} characters.`,
      );
    }
    this.out.push(text);
  }

  private step(): void {
    if (++this.steps > this.limits.maxSteps) {
      throw new LimitFault(this.currentAt, `The template ran more than ${this.limits.maxSteps} steps.`);
    }
  }

  // ---- directives ----

  private nodes(nodes: readonly TemplateNode[]): void {
    for (const node of nodes) this.node(node);
  }

  private node(node: TemplateNode): void {
    if (node.t === "text") {
      this.write(node.text);
      return;
    }
    if (node.t === "autoescape") {
      const saved = this.escaping;
      this.escaping = node.enabled && isMarkupFormat(this.template.outputFormat);
      try {
        this.nodes(node.body);
      } finally {
        this.escaping = saved;
      }
      return;
    }
    this.currentAt = node.at;
    try {
      this.directive(node);
    } catch (error) {
      // FreeMarker blames the running instruction when no expression is to blame (e.g. `?new`).
      if (error instanceof RuntimeFault && error.offset === undefined && !(error instanceof LimitFault)) {
        throw new RuntimeFault(node.at, error.detail, error.missing);
      }
      throw error;
    }
  }

  private directive(node: Exclude<TemplateNode, { t: "text" } | { t: "autoescape" }>): void {
    switch (node.t) {
      case "compress":
        this.write(compress(this.captured(node.body)));
        return;
      case "attempt":
        this.attempt(node.body, node.recover);
        return;
      case "stop":
        throw new RuntimeFault(
          node.at,
          `#stop: ${node.message === undefined ? "" : this.toText(required(node.message, this), node.message.at)}`,
        );
      case "interpolation":
        if (node.numeric === undefined) this.interpolation(node.expr);
        else this.numericInterpolation(node.expr, node.numeric);
        return;
      case "if":
        this.ifNode(node);
        return;
      case "list":
        this.list(node);
        return;
      case "items":
        this.items(node);
        return;
      case "sep":
        if (this.listFrames.at(-1)?.hasNext) this.nodes(node.body);
        return;
      case "break":
        throw new BreakSignal();
      case "continue":
        throw new ContinueSignal();
      case "return":
        if (node.value !== undefined) this.lastReturnValue = evaluate(node.value, this);
        throw new ReturnSignal();
      case "assign":
        for (const op of node.ops) this.assign(node.scope, op);
        return;
      case "capture":
        this.capture(node);
        return;
      case "macro":
        this.namespace.set(node.macro.name, new Macro(node.macro));
        return;
      case "call":
        this.call(node);
        return;
      case "nested":
        this.nested(node.args);
        return;
      case "switch":
        this.switchNode(node);
        return;
      case "escape":
        this.nodes(node.body);
        return;
      case "include":
        include(node, this);
        return;
      case "import":
        importLibrary(node, this);
        return;
      case "visit":
        visit(node, this);
        return;
      case "fallback":
        fallback();
        return;
      case "setting":
        this.settings.set(node.name, settingText(required(node.value, this), node.value.at, this));
    }
  }

  private interpolation(expr: Expr): void {
    this.step();
    const value = required(expr, this);
    if (value instanceof Markup) {
      this.write(this.markupText(value));
      return;
    }
    const text = this.toText(value, expr.at);
    this.write(this.escaping ? escapeFor(this.template.outputFormat, text) : text);
  }

  /**
   * Markup prints as it is under its own format or no format; under another format only markup made
   * by escaping text can print (its text, escaped anew), as in FreeMarker.
   */
  private markupText(value: Markup): string {
    const format = this.template.outputFormat;
    if (value.format === format || format === "undefined") return value.text;
    if (value.plainText === undefined) {
      throw new RuntimeFault(
        undefined,
        `The value is ${value.format} markup, which can't be printed as ${format}.`,
      );
    }
    return isMarkupFormat(format) ? escapeFor(format, value.plainText) : value.plainText;
  }

  private numericInterpolation(expr: Expr, style: NumberPattern): void {
    this.step();
    const value = required(expr, this);
    if (!isNumber(value)) {
      throw new RuntimeFault(expr.at, `Expected a number, but this has evaluated to a ${typeName(value)}.`);
    }
    this.write(formatNumber(value, style));
  }

  private ifNode(node: TemplateNode & { t: "if" }): void {
    for (const branch of node.branches) {
      if (bool(evaluate(branch.condition, this), branch.condition)) {
        this.nodes(branch.body);
        return;
      }
    }
    if (node.otherwise !== undefined) this.nodes(node.otherwise);
  }

  private list(node: TemplateNode & { t: "list" }): void {
    const source = required(node.source, this);
    const count = listableCount(source, node.source, node.vars);
    const frame: ListFrame = { source, sourceExpr: node.source, hasNext: false, iterated: false };
    this.listFrames.push(frame);
    try {
      if (node.vars === undefined) {
        // `<#list xs>…<#items as x>…</#items>…</#list>`: the body runs once if there are items.
        if (count > 0) this.runLoopBody(node.body);
      } else if (count > 0) {
        this.iterate(source, node.vars, node.body, frame, node.source);
      }
    } finally {
      this.listFrames.pop();
    }
    if (count === 0 && node.otherwise !== undefined) this.nodes(node.otherwise);
  }

  private runLoopBody(body: readonly TemplateNode[]): void {
    try {
      this.nodes(body);
    } catch (error) {
      if (!(error instanceof BreakSignal)) throw error;
    }
  }

  private items(node: TemplateNode & { t: "items" }): void {
    const frame = this.listFrames.at(-1);
    if (frame === undefined || frame.iterated) {
      throw new RuntimeFault(node.at, "#items must be inside a #list that has no loop variable.");
    }
    frame.iterated = true;
    this.iterate(frame.source, node.vars, node.body, frame, frame.sourceExpr);
  }

  private iterate(
    source: unknown,
    vars: readonly string[],
    body: readonly TemplateNode[],
    frame: ListFrame,
    _sourceExpr: Expr,
  ): void {
    const entries = isSequence(source) ? undefined : Object.entries(source as Record<string, unknown>);
    const count = entries === undefined ? sequenceLength(source as Sequence) : entries.length;
    if (entries === undefined && vars.length === 2) {
      throw new RuntimeFault(undefined, "Two loop variables need a hash to list.");
    }
    const loop = { names: vars, position: { index: 0, hasNext: count > 1 } };
    const saved = this.scope;
    this.scope = new Scope(saved, loop, undefined);
    try {
      for (let i = 0; i < count; i++) {
        this.step();
        loop.position = { index: i, hasNext: i + 1 < count };
        frame.hasNext = i + 1 < count;
        this.bindLoopVars(vars, entries, source as Sequence, i);
        try {
          this.nodes(body);
        } catch (error) {
          if (error instanceof BreakSignal) break;
          if (!(error instanceof ContinueSignal)) throw error;
        }
      }
    } finally {
      this.scope = saved;
    }
  }

  private bindLoopVars(
    vars: readonly string[],
    entries: [string, unknown][] | undefined,
    seq: Sequence,
    i: number,
  ): void {
    const scope = this.scope as Scope;
    if (entries === undefined) {
      scope.vars.set(vars[0] as string, sequenceItem(seq, i));
      return;
    }
    const [key, value] = entries[i] as [string, unknown];
    scope.vars.set(vars[0] as string, key);
    if (vars.length > 1) scope.vars.set(vars[1] as string, value);
  }

  private assign(scope: AssignScope, op: AssignOp): void {
    let value: unknown;
    if (op.value === undefined) {
      const current = this.lookup(op.name);
      if (!isNumber(current)) {
        throw new RuntimeFault(op.at, `${op.name} must be a number to use ${op.op}.`);
      }
      value = arithmetic(op.op === "++" ? "+" : "-", current, 1);
    } else if (op.op === "=") {
      value = required(op.value, this);
    } else {
      value = this.compound(op, op.value);
    }
    this.store(scope, op.name, value, op.at);
  }

  private compound(op: AssignOp, valueExpr: Expr): unknown {
    const operator = op.op.slice(0, 1) as "+" | "-" | "*" | "/" | "%";
    const synthetic: Expr = {
      t: "binary",
      op: operator,
      left: { t: "variable", name: op.name, at: op.at },
      right: valueExpr,
      at: op.at,
    };
    return evaluate(synthetic, this);
  }

  private store(scope: AssignScope, name: string, value: unknown, at: number): void {
    if (scope === "global") {
      this.globals.set(name, value);
      return;
    }
    if (scope === "local") {
      const frame = this.macroScope();
      if (frame === undefined) throw new RuntimeFault(at, "#local is only allowed inside a macro.");
      frame.vars.set(name, value);
      return;
    }
    this.namespace.set(name, value);
  }

  private macroScope(): Scope | undefined {
    for (let s = this.scope; s !== undefined; s = s.parent) if (s.call !== undefined) return s;
    return undefined;
  }

  private capture(node: TemplateNode & { t: "capture" }): void {
    const text = this.captured(node.body);
    this.store(
      node.scope,
      node.name,
      this.escaping ? new Markup(text, this.template.outputFormat) : text,
      node.at,
    );
  }

  /** Renders `body` to a string instead of the output (still counted against the output budget). */
  private captured(body: readonly TemplateNode[]): string {
    const savedOut = this.out;
    const savedLength = this.outputLength;
    this.out = [];
    try {
      this.nodes(body);
      return this.out.join("");
    } finally {
      this.out = savedOut;
      this.outputLength = savedLength;
    }
  }

  /** `#attempt`: on a template error its output is dropped and `#recover` runs instead. */
  private attempt(body: readonly TemplateNode[], recover: readonly TemplateNode[]): void {
    let text: string;
    try {
      text = this.captured(body);
    } catch (error) {
      if (!(error instanceof RuntimeFault) || error instanceof LimitFault) throw error;
      this.recovering.push(error.detail);
      try {
        this.nodes(recover);
      } finally {
        this.recovering.pop();
      }
      return;
    }
    this.write(text);
  }

  private call(node: TemplateNode & { t: "call" }): void {
    this.step();
    const callee = evaluate(node.callee, this);
    if (!(callee instanceof Macro)) {
      if (isMissing(callee)) throw new RuntimeFault(node.callee.at, "The macro to call is missing.", true);
      throw new RuntimeFault(
        node.callee.at,
        `Expected a macro, but this has evaluated to a ${typeName(callee)}.`,
      );
    }
    if (callee.definition.isFunction) {
      throw new RuntimeFault(undefined, `"${callee.definition.name}" is a function: call it as \${f()}.`);
    }
    this.invoke(callee.definition, node);
  }

  /** Runs a macro or function body in a frame of its own, with the call's arguments bound. */
  private invoke(macro: MacroDefinition, call: Invocation): void {
    if (++this.callDepth > this.limits.maxCallDepth) {
      throw new LimitFault(
        this.currentAt,
        `Macro calls are nested more than ${this.limits.maxCallDepth} deep.`,
      );
    }
    const frame = new Scope(undefined, undefined, {
      body: call.body,
      loopVars: call.loopVars,
      callerScope: this.scope,
    });
    const saved = this.scope;
    const savedLists = this.listFrames;
    try {
      this.bindArguments(macro, call, frame);
      this.scope = frame;
      this.listFrames = [];
      this.nodes(macro.body);
    } catch (error) {
      if (!(error instanceof ReturnSignal)) throw error;
    } finally {
      this.scope = saved;
      this.listFrames = savedLists;
      this.callDepth--;
    }
  }

  /**
   * As FreeMarker's Environment.setMacroContextLocalsFromArguments: too many positional arguments
   * fail before any is evaluated; a missing argument counts as not given (its default applies).
   */
  private bindArguments(macro: MacroDefinition, call: Invocation, frame: Scope): void {
    const { named, positional } = call;
    if (positional.length > macro.params.length && macro.catchAll === undefined) {
      throw new RuntimeFault(
        undefined,
        `"${macro.name}" takes ${macro.params.length} parameters, but got ${positional.length}.`,
      );
    }
    const extra: Record<string, unknown> = {};
    const extraPositional: unknown[] = [];
    positional.forEach((expr, i) => {
      const value = evaluate(expr, this);
      const param = macro.params[i];
      if (param === undefined) extraPositional.push(value);
      else if (!isMissing(value)) frame.vars.set(param.name, value);
    });
    for (const [name, expr] of named) {
      if (!macro.params.some((p) => p.name === name) && macro.catchAll === undefined) {
        throw new RuntimeFault(undefined, `"${macro.name}" has no parameter with name "${name}".`);
      }
      const value = evaluate(expr, this);
      if (macro.params.some((p) => p.name === name)) {
        if (!isMissing(value)) frame.vars.set(name, value);
      } else extra[name] = value;
    }
    // Defaults may refer to earlier parameters, so they are evaluated inside the macro's frame.
    const saved = this.scope;
    this.scope = frame;
    try {
      for (const param of macro.params) {
        if (frame.vars.has(param.name)) continue;
        if (param.fallback === undefined) {
          // FreeMarker blames the #macro, not the call.
          throw new RuntimeFault(macro.at, `"${macro.name}" needs the parameter "${param.name}".`);
        }
        frame.vars.set(param.name, required(param.fallback, this));
      }
    } finally {
      this.scope = saved;
    }
    if (macro.catchAll !== undefined) {
      frame.vars.set(macro.catchAll, positional.length > 0 ? extraPositional : extra);
    }
  }

  /** `<#nested a, b>`: the caller's body, in the caller's scope, with its loop variables (`; x, y`) bound. */
  private nested(args: readonly Expr[]): void {
    const frame = this.macroScope()?.call;
    const values = args.map((arg) => evaluate(arg, this));
    if (frame?.body === undefined) return;
    const saved = this.scope;
    this.scope = new Scope(frame.callerScope, undefined, undefined);
    frame.loopVars.forEach((name, i) => {
      if (!isMissing(values[i])) this.scope?.vars.set(name, values[i]);
    });
    try {
      this.nodes(frame.body);
    } finally {
      this.scope = saved;
    }
  }

  /**
   * As FreeMarker's SwitchBlock: the cases are tested in order until one matches, then it and the
   * ones after it run (a #default among them too) until #break; if none matches, only #default runs.
   */
  private switchNode(node: TemplateNode & { t: "switch" }): void {
    let matched = false;
    try {
      for (const c of node.cases) {
        if (!matched && c.match !== undefined) {
          matched = equals(required(node.value, this), required(c.match, this), c.match);
        }
        if (matched) this.nodes(c.body);
      }
      const fallback = node.cases.find((c) => c.match === undefined);
      if (!matched && fallback !== undefined) this.nodes(fallback.body);
    } catch (error) {
      if (!(error instanceof BreakSignal)) throw error;
    }
  }
}

/** `#compress`: lines trimmed, blank lines dropped, runs of spaces and tabs made one space. */
function compress(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim().replace(/[ \t]+/g, " "))
    .filter((line) => line !== "")
    .join("\n");
}

function listableCount(source: unknown, expr: Expr, vars: readonly string[] | undefined): number {
  if (isSequence(source)) return sequenceLength(source);
  if (isHash(source) && (vars === undefined || vars.length === 2)) return Object.keys(source).length;
  // A hash listed with one loop variable: FreeMarker blames the #list instruction, not the hash.
  const blamed = isHash(source) ? undefined : expr.at;
  throw new RuntimeFault(blamed, `Expected a sequence, but this has evaluated to a ${typeName(source)}.`);
}
