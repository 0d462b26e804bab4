import {
  applyBuiltin,
  type BuiltinContext,
  EXISTENCE_BUILTINS,
  LAMBDA_BUILTINS,
  LOOP_BUILTINS,
  METHOD_BUILTINS,
  PARSING_BUILTINS,
  VALUE_AND_METHOD_BUILTINS,
} from "./builtins.ts";
import { DateValue, defaultDateText } from "./dates.ts";
import { escapeFor } from "./escaping.ts";
import type { BinaryOp, Expr } from "./expression-ast.ts";
import { ExpressionParser } from "./expression-parser.ts";
import { formatBySetting, formatNumber } from "./number-format.ts";
import {
  compareNumbers,
  DivisionByZero,
  isNumber,
  type NumberValue,
  negate,
  arithmetic as numberArithmetic,
} from "./numbers.ts";
import type { TemplateSettings } from "./settings.ts";
import { RuntimeFault, SyntaxFault } from "./template-error.ts";
import { parseTemplate } from "./template-parser.ts";
import {
  BuiltinMethod,
  isHash,
  isMissing,
  isSequence,
  MAX_SEQUENCE_LENGTH,
  MAX_STRING_LENGTH,
  Macro,
  Markup,
  NumberRange,
  type Sequence,
  sequenceItem,
  sequenceLength,
  typeName,
} from "./values.ts";

/** Where a loop variable stands, for `?index`, `?has_next` and the like. */
export interface LoopPosition {
  readonly index: number;
  readonly hasNext: boolean;
}

/** What expressions need from the running template. */
export interface EvaluationContext extends BuiltinContext {
  lookup(name: string): unknown;
  loopPosition(name: string): LoopPosition | undefined;
  special(name: string, at: number): unknown;
  /** Runs a `#function` (a macro here is an error), answering what it returned. */
  callFunction(callee: Macro, args: readonly Expr[]): unknown;
}

/** The longest range a template may build; listing is further bounded by the iteration budget. */
const MAX_RANGE = 10_000_000;

export function evaluate(expr: Expr, ctx: EvaluationContext): unknown {
  switch (expr.t) {
    case "literal":
      return expr.value;
    case "string":
      return stringLiteral(expr, ctx);
    case "variable":
      return ctx.lookup(expr.name);
    case "special":
      return ctx.special(expr.name, expr.at);
    case "member":
      return member(required(expr.target, ctx), expr.name, expr.target);
    case "index":
      return index(required(expr.target, ctx), evaluate(expr.key, ctx), expr);
    case "builtin":
      return builtin(expr, ctx);
    case "call":
      return call(expr, ctx);
    case "default":
      return withDefault(expr.target, expr.fallback, ctx);
    case "exists":
      return !isMissing(lenient(expr.target, ctx));
    case "not":
      return !bool(evaluate(expr.operand, ctx), expr.operand);
    case "negate":
      return negate(numberValue(required(expr.operand, ctx), expr.operand));
    case "binary":
      return binary(expr.op, expr.left, expr.right, ctx);
    case "paren":
      return evaluate(expr.inner, ctx);
    case "sequence":
      return expr.items.map((item) => required(item, ctx));
    case "hash":
      return hashLiteral(expr, ctx);
    case "range":
      return range(expr, ctx);
    case "lambda":
      return new BuiltinMethod((args) => evaluate(expr.body, withLocal(ctx, expr.param, args[0])));
  }
}

/**
 * The context a lambda's body runs in: its parameter shadows any variable of that name (but not a
 * loop variable's `?index`, which FreeMarker binds to the loop while parsing).
 */
function withLocal(ctx: EvaluationContext, name: string, value: unknown): EvaluationContext {
  const local: Pick<EvaluationContext, "lookup"> = { lookup: (n) => (n === name ? value : ctx.lookup(n)) };
  return Object.assign(Object.create(ctx) as EvaluationContext, local);
}

/** Evaluates and refuses a missing value, blaming the expression as FreeMarker does. */
export function required(expr: Expr, ctx: EvaluationContext): unknown {
  const value = evaluate(expr, ctx);
  if (isMissing(value)) throw missingFault(expr);
  return value;
}

export function missingFault(expr: Expr): RuntimeFault {
  return new RuntimeFault(
    expr.at,
    `The following has evaluated to null or missing: ${describeExpr(expr)}`,
    true,
  );
}

export function bool(value: unknown, expr: Expr): boolean {
  if (typeof value === "boolean") return value;
  if (isMissing(value)) throw missingFault(expr);
  throw new RuntimeFault(expr.at, `Expected a boolean, but this has evaluated to a ${typeName(value)}.`);
}

function numberValue(value: unknown, expr: Expr): NumberValue {
  if (isNumber(value)) return value;
  throw new RuntimeFault(expr.at, `Expected a number, but this has evaluated to a ${typeName(value)}.`);
}

/**
 * `expr!x`, `expr??` and the existence built-ins: a missing last step is fine; inside parentheses
 * any missing step is fine (FreeMarker's rule for `(a.b.c)!x`).
 */
function lenient(expr: Expr, ctx: EvaluationContext): unknown {
  if (expr.t !== "paren") return evaluate(expr, ctx);
  try {
    return evaluate(expr.inner, ctx);
  } catch (error) {
    if (error instanceof RuntimeFault && error.missing) return undefined;
    throw error;
  }
}

function withDefault(target: Expr, fallback: Expr | undefined, ctx: EvaluationContext): unknown {
  const value = lenient(target, ctx);
  if (!isMissing(value)) return value;
  return fallback === undefined ? "" : evaluate(fallback, ctx);
}

function member(target: unknown, name: string, targetExpr: Expr): unknown {
  if (isHash(target)) return Object.hasOwn(target, name) ? target[name] : undefined;
  throw new RuntimeFault(
    targetExpr.at,
    `Expected a hash, but this has evaluated to a ${typeName(target)}: ${describeExpr(targetExpr)}`,
  );
}

function index(target: unknown, key: unknown, expr: Expr & { t: "index" }): unknown {
  if (key instanceof NumberRange) return slice(target, key, expr);
  if (isNumber(key)) {
    const i = Math.trunc(Number(key));
    if (isSequence(target)) return sequenceItem(target, i);
    if (typeof target === "string") return target[i];
    throw new RuntimeFault(
      expr.target.at,
      `Expected a sequence, but this has evaluated to a ${typeName(target)}.`,
    );
  }
  if (typeof key === "string") return member(target, key, expr.target);
  if (isMissing(key)) throw missingFault(expr.key);
  throw new RuntimeFault(expr.key.at, `A ${typeName(key)} can't be used as a key or index.`);
}

/** `seq[1..3]`, `seq[2..]`, `text[0..<4]`: an ascending range of indexes, which must exist. */
function slice(target: unknown, range: NumberRange, expr: Expr & { t: "index" }): unknown {
  const length =
    typeof target === "string" ? target.length : isSequence(target) ? sequenceLength(target) : -1;
  if (length < 0) {
    throw new RuntimeFault(
      expr.target.at,
      `Expected a sequence or string, but this has evaluated to a ${typeName(target)}.`,
    );
  }
  const from = range.from;
  // An open range (`2..`) runs to the end; a closed one must fit.
  const end = range.length === MAX_RANGE ? length : from + range.length;
  if (range.step !== 1 || from < 0 || from > length || end > length) {
    throw new RuntimeFault(expr.key.at, `The range ${from}..${end - 1} is out of bounds (length ${length}).`);
  }
  if (typeof target === "string") return target.slice(from, end);
  const out: unknown[] = [];
  for (let i = from; i < end; i++) out.push(sequenceItem(target as Sequence, i));
  return out;
}

function builtin(expr: Expr & { t: "builtin" }, ctx: EvaluationContext): unknown {
  const result = builtinValue(expr, ctx);
  // `s?upper_case()` calls the string the built-in gave: FreeMarker blames the whole expression.
  if (
    expr.args !== undefined &&
    !METHOD_BUILTINS.has(expr.name) &&
    !VALUE_AND_METHOD_BUILTINS.has(expr.name)
  ) {
    throw notAMethod(result, expr);
  }
  return result;
}

function builtinValue(expr: Expr & { t: "builtin" }, ctx: EvaluationContext): unknown {
  if (LOOP_BUILTINS.has(expr.name) && expr.name !== "item_cycle") return loopBuiltin(expr, ctx);
  // FreeMarker's ?map is lazy: `?size` counts its items without calling the lambda.
  if (expr.name === "size" && expr.target.t === "builtin" && expr.target.name === "map") {
    return builtinValue({ ...expr, target: expr.target.target }, ctx);
  }
  const target = EXISTENCE_BUILTINS.has(expr.name) ? lenient(expr.target, ctx) : evaluate(expr.target, ctx);
  if (isMissing(target) && !EXISTENCE_BUILTINS.has(expr.name)) throw missingFault(expr.target);
  if (expr.args === undefined && METHOD_BUILTINS.has(expr.name)) {
    return new BuiltinMethod((args) => applyBuiltin(expr.name, { target, args, at: expr.target.at, ctx }));
  }
  if (expr.name === "then") return thenBranch(expr, target, ctx);
  // `?string` is a method only on numbers, booleans and dates; on a string it is the string.
  if (expr.name === "string" && typeof target === "string" && expr.args !== undefined) {
    throw notAMethod(target, expr);
  }
  if (expr.name === "item_cycle") return loopBuiltin(expr, ctx);
  if (PARSING_BUILTINS.has(expr.name)) return parsingBuiltin(expr, target, ctx);
  const args = (expr.args ?? []).map((a) => required(a, ctx));
  if (LAMBDA_BUILTINS.has(expr.name) && !(args[0] instanceof BuiltinMethod)) {
    throw new RuntimeFault(expr.args![0]!.at, `?${expr.name} needs a lambda (x -> …) or a function.`);
  }
  return applyBuiltin(expr.name, { target, args, at: expr.target.at, ctx });
}

/**
 * `s?eval` evaluates `s` as an expression here; `s?interpret` makes it a template to call as a
 * directive (`<@t/>`). Text that does not parse fails where the target stands; the parsed code's
 * own errors point there too, since its offsets are not in this template.
 */
function parsingBuiltin(expr: Expr & { t: "builtin" }, target: unknown, ctx: EvaluationContext): unknown {
  const text = isNumber(target) ? ctx.toText(target, expr.target.at) : target;
  if (typeof text !== "string") {
    throw new RuntimeFault(
      expr.target.at,
      `Expected a string, but this has evaluated to a ${typeName(target)}.`,
    );
  }
  try {
    if (expr.name === "interpret") {
      const { nodes } = parseTemplate(text);
      return new Macro({
        name: "interpret",
        at: expr.at,
        params: [],
        catchAll: undefined,
        body: nodes,
        isFunction: false,
      });
    }
    const parser = new ExpressionParser(text, 0, false, expr.target.at);
    const parsed = parser.parseExpression();
    if (parser.current.k !== "eof")
      throw new SyntaxFault(parser.current.at, "Extra text after the expression.");
    return evaluate(parsed, ctx);
  } catch (error) {
    if (error instanceof SyntaxFault)
      throw new RuntimeFault(expr.target.at, `?${expr.name}: ${error.detail}`);
    throw error;
  }
}

/** `f(args)`: a template's own #function, or a method (a built-in written without its arguments). */
function call(expr: Expr & { t: "call" }, ctx: EvaluationContext): unknown {
  const callee = evaluate(expr.target, ctx);
  if (callee instanceof Macro) return ctx.callFunction(callee, expr.args);
  if (callee instanceof BuiltinMethod) return callee.invoke(expr.args.map((a) => required(a, ctx)));
  if (isMissing(callee)) throw missingFault(expr.target);
  throw notAMethod(callee, expr.target);
}

function notAMethod(value: unknown, expr: Expr): RuntimeFault {
  return new RuntimeFault(expr.at, `Expected a method, but this has evaluated to a ${typeName(value)}.`);
}

/** `cond?then(a, b)` evaluates only the branch it picks: the other may be invalid for this value. */
function thenBranch(expr: Expr & { t: "builtin" }, condition: unknown, ctx: EvaluationContext): unknown {
  const branches = expr.args ?? [];
  if (branches.length !== 2) throw new RuntimeFault(expr.at, "?then needs exactly 2 arguments.");
  if (typeof condition !== "boolean") {
    throw new RuntimeFault(
      expr.target.at,
      `Expected a boolean, but this has evaluated to a ${typeName(condition)}.`,
    );
  }
  return required(condition ? branches[0]! : branches[1]!, ctx);
}

function loopBuiltin(expr: Expr & { t: "builtin" }, ctx: EvaluationContext): unknown {
  const position = expr.target.t === "variable" ? ctx.loopPosition(expr.target.name) : undefined;
  if (position === undefined) {
    throw new RuntimeFault(expr.target.at, `?${expr.name} works only on a loop variable.`);
  }
  const { index: i, hasNext } = position;
  switch (expr.name) {
    case "index":
      return i;
    case "counter":
      return i + 1;
    case "has_next":
      return hasNext;
    case "is_first":
      return i === 0;
    case "is_last":
      return !hasNext;
    case "item_parity":
      return i % 2 === 0 ? "odd" : "even";
    case "item_parity_cap":
      return i % 2 === 0 ? "Odd" : "Even";
    case "is_odd_item":
      return i % 2 === 0;
    case "is_even_item":
      return i % 2 === 1;
    default: {
      const args = (expr.args ?? []).map((a) => required(a, ctx));
      if (args.length === 0) throw new RuntimeFault(expr.at, "?item_cycle needs at least one argument.");
      return args[i % args.length];
    }
  }
}

function binary(op: BinaryOp, leftExpr: Expr, rightExpr: Expr, ctx: EvaluationContext): unknown {
  if (op === "&&")
    return bool(evaluate(leftExpr, ctx), leftExpr) && bool(evaluate(rightExpr, ctx), rightExpr);
  if (op === "||")
    return bool(evaluate(leftExpr, ctx), leftExpr) || bool(evaluate(rightExpr, ctx), rightExpr);
  const left = required(leftExpr, ctx);
  const right = required(rightExpr, ctx);
  switch (op) {
    case "==":
      return equals(left, right, leftExpr);
    case "!=":
      return !equals(left, right, leftExpr);
    case "+":
      return plus(left, right, leftExpr, ctx);
    case "<":
    case "<=":
    case ">":
    case ">=":
      return compare(op, compareNumbers(numberValue(left, leftExpr), numberValue(right, rightExpr)));
    default:
      return arithmetic(op, numberValue(left, leftExpr), numberValue(right, rightExpr));
  }
}

/** `==`: numbers by value, strings and booleans as they are; anything else (markup too) is an error. */
export function equals(left: unknown, right: unknown, at: Expr): boolean {
  if (isNumber(left) && isNumber(right)) return compareNumbers(left, right) === 0;
  const comparable = typeof left === typeof right && ["string", "boolean"].includes(typeof left);
  if (!comparable) {
    throw new RuntimeFault(
      at.at,
      `Can't compare values of these types: ${typeName(left)} and ${typeName(right)}.`,
    );
  }
  return left === right;
}

function compare(op: BinaryOp, order: number): boolean {
  if (op === "<") return order < 0;
  if (op === "<=") return order <= 0;
  if (op === ">") return order > 0;
  return order >= 0;
}

function arithmetic(op: BinaryOp, l: NumberValue, r: NumberValue): NumberValue {
  try {
    return numberArithmetic(op as "+" | "-" | "*" | "/" | "%", l, r);
  } catch (error) {
    // FreeMarker blames the running instruction, not the divisor.
    if (error instanceof DivisionByZero) throw new RuntimeFault(undefined, "Division by zero.");
    throw error;
  }
}

function plus(left: unknown, right: unknown, at: Expr, ctx: EvaluationContext): unknown {
  if (isNumber(left) && isNumber(right)) return arithmetic("+", left, right);
  if (isSequence(left) && isSequence(right)) {
    if (sequenceLength(left) + sequenceLength(right) > MAX_SEQUENCE_LENGTH) {
      throw new RuntimeFault(at.at, `Sequences are limited to ${MAX_SEQUENCE_LENGTH} items here.`);
    }
    return [...toArray(left), ...toArray(right)];
  }
  if (isHash(left) && isHash(right)) return { ...left, ...right };
  // Markup plus text is markup: the text is escaped for the markup's format first.
  const format = left instanceof Markup ? left.format : right instanceof Markup ? right.format : undefined;
  const textOf = (v: unknown) =>
    v instanceof Markup
      ? v.text
      : format === undefined
        ? ctx.toText(v, at.at)
        : escapeFor(format, ctx.toText(v, at.at));
  const l = textOf(left);
  const r = textOf(right);
  if (l.length + r.length > MAX_STRING_LENGTH) {
    throw new RuntimeFault(at.at, `Strings are limited to ${MAX_STRING_LENGTH} characters here.`);
  }
  return format === undefined ? l + r : new Markup(l + r, format);
}

function toArray(seq: Sequence): unknown[] {
  if (Array.isArray(seq)) return seq;
  const out: unknown[] = [];
  for (let i = 0; i < sequenceLength(seq); i++) out.push(sequenceItem(seq, i));
  return out;
}

function hashLiteral(expr: Expr & { t: "hash" }, ctx: EvaluationContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [keyExpr, valueExpr] of expr.entries) {
    const key = required(keyExpr, ctx);
    if (typeof key !== "string") throw new RuntimeFault(keyExpr.at, "Hash literal keys must be strings.");
    out[key] = required(valueExpr, ctx);
  }
  return out;
}

function range(expr: Expr & { t: "range" }, ctx: EvaluationContext): NumberRange {
  const from = Math.trunc(Number(numberValue(required(expr.from, ctx), expr.from)));
  if (expr.to === undefined) return new NumberRange(from, MAX_RANGE, 1);
  const to = Math.trunc(Number(numberValue(required(expr.to, ctx), expr.to)));
  const step = to >= from ? 1 : -1;
  const length = Math.abs(to - from) + (expr.exclusive ? 0 : 1);
  if (length > MAX_RANGE) throw new RuntimeFault(expr.at, `Ranges are limited to ${MAX_RANGE} items.`);
  return new NumberRange(from, length, step);
}

/** `"a ${x} b"`: a string, or markup when an interpolated value is markup (the rest escaped for it). */
function stringLiteral(expr: Expr & { t: "string" }, ctx: EvaluationContext): string | Markup {
  const parts = expr.parts.map((part) => (typeof part === "string" ? part : required(part, ctx)));
  const markup = parts.find((p): p is Markup => p instanceof Markup);
  let out = "";
  expr.parts.forEach((part, i) => {
    const value = parts[i];
    let text: string;
    if (value instanceof Markup) text = value.text;
    else {
      text = typeof part === "string" ? part : ctx.toText(value, part.at);
      if (markup !== undefined) text = escapeFor(markup.format, text);
    }
    out += text;
    if (out.length > MAX_STRING_LENGTH) {
      throw new RuntimeFault(expr.at, `Strings are limited to ${MAX_STRING_LENGTH} characters here.`);
    }
  });
  return markup === undefined ? out : new Markup(out, markup.format);
}

/** The text `${}` prints for a value, before any auto-escaping, under the run's settings. */
export function plainText(value: unknown, at: number, settings?: TemplateSettings): string {
  if (typeof value === "string") return value;
  if (isNumber(value)) {
    return settings === undefined
      ? formatNumber(value)
      : formatBySetting(value, settings.numberFormat, settings.numberSymbols);
  }
  const booleanTexts = settings?.booleanTexts;
  if (typeof value === "boolean" && booleanTexts !== undefined) return booleanTexts[value ? 0 : 1];
  if (typeof value === "boolean") {
    // FreeMarker blames the running instruction (`${…}`), not the expression.
    throw new RuntimeFault(
      undefined,
      "Can't convert boolean to string automatically; use ?c or ?string('yes', 'no') to format it.",
    );
  }
  if (value instanceof Markup) return value.text;
  if (value instanceof DateValue) return defaultDateText(value);
  if (value instanceof Macro) throw new RuntimeFault(at, "A macro can't be printed.");
  throw new RuntimeFault(at, `Expected a string or number, but this has evaluated to a ${typeName(value)}.`);
}

function describeExpr(expr: Expr): string {
  switch (expr.t) {
    case "variable":
      return expr.name;
    case "member":
      return `${describeExpr(expr.target)}.${expr.name}`;
    case "index":
      return `${describeExpr(expr.target)}[...]`;
    case "builtin":
      return `${describeExpr(expr.target)}?${expr.name}`;
    case "paren":
      return `(${describeExpr(expr.inner)})`;
    default:
      return "the expression";
  }
}
