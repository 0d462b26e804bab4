import { escapeHtml, escapeXml } from "./escaping.ts";
import { formatComputer, formatNumber, numberPatternFor } from "./number-format.ts";
import { absolute, compareNumbers, isNumber, type NumberValue, parseNumber, toInteger } from "./numbers.ts";
import { RuntimeFault } from "./template-error.ts";
import {
  isHash,
  isMissing,
  isSequence,
  MAX_SEQUENCE_LENGTH,
  MAX_STRING_LENGTH,
  Markup,
  type Sequence,
  sequenceItem,
  sequenceLength,
  typeName,
} from "./values.ts";

/** What a built-in may need from the running template. */
export interface BuiltinContext {
  readonly autoEscape: boolean;
  /** Whether the template has a markup output format (HTML, XHTML, XML), for ?no_esc and ?esc. */
  readonly markupOutput: boolean;
  /** Turns a value into text the way `${}` would (numbers formatted, booleans refused). */
  toText(value: unknown, at: number): string;
}

export interface BuiltinCall {
  readonly target: unknown;
  readonly args: readonly unknown[];
  /** Offset of the target expression, which FreeMarker blames for a wrong type. */
  readonly at: number;
  readonly ctx: BuiltinContext;
}

type Builtin = (call: BuiltinCall) => unknown;

/** Built-ins that work on the loop variable itself (`item?index`), handled by the evaluator. */
export const LOOP_BUILTINS = new Set([
  "index",
  "counter",
  "has_next",
  "is_first",
  "is_last",
  "item_parity",
  "item_parity_cap",
  "is_odd_item",
  "is_even_item",
  "item_cycle",
]);

/** Built-ins that accept a missing target (`x?has_content`), like `??`. */
export const EXISTENCE_BUILTINS = new Set(["has_content", "if_exists"]);

function fail(call: BuiltinCall, expected: string): never {
  throw new RuntimeFault(
    call.at,
    `Expected ${expected}, but this has evaluated to a ${typeName(call.target)}.`,
  );
}

function str(call: BuiltinCall): string {
  const t = call.target;
  if (typeof t === "string") return t;
  if (isNumber(t)) return call.ctx.toText(t, call.at);
  if (t instanceof Markup) return t.text;
  return fail(call, "a string or something automatically convertible to string (number, date or boolean)");
}

function num(call: BuiltinCall): NumberValue {
  if (isNumber(call.target)) return call.target;
  return fail(call, "a number");
}

function seq(call: BuiltinCall): Sequence {
  if (isSequence(call.target)) return call.target;
  return fail(call, "a sequence");
}

function arg<T extends "string" | "number">(
  call: BuiltinCall,
  index: number,
  type: T,
): T extends "string" ? string : number {
  const value = call.args[index];
  if (type === "number" && isNumber(value)) return Number(value) as T extends "string" ? string : number;
  if (typeof value !== type) {
    // FreeMarker blames the instruction for a bad or missing argument.
    throw new RuntimeFault(undefined, `Argument ${index + 1} must be a ${type}, but was ${typeName(value)}.`);
  }
  return value as T extends "string" ? string : number;
}

function toArray(s: Sequence, call: BuiltinCall): unknown[] {
  if (sequenceLength(s) > MAX_SEQUENCE_LENGTH) {
    throw new RuntimeFault(call.at, `Sequences are limited to ${MAX_SEQUENCE_LENGTH} items here.`);
  }
  if (Array.isArray(s)) return s;
  const out: unknown[] = [];
  for (let i = 0; i < sequenceLength(s); i++) out.push(sequenceItem(s, i));
  return out;
}

/** Refuses to build a string longer than MAX_STRING_LENGTH (checked before building it). */
function boundedString(length: number, call: BuiltinCall): true {
  if (length > MAX_STRING_LENGTH) {
    throw new RuntimeFault(call.at, `Strings are limited to ${MAX_STRING_LENGTH} characters here.`);
  }
  return true;
}

function stringBuiltin(call: BuiltinCall): unknown {
  const t = call.target;
  if (typeof t === "boolean") {
    if (call.args.length === 2) return t ? call.args[0] : call.args[1];
    if (call.args.length === 0) return t ? "true" : "false";
    throw new RuntimeFault(
      undefined,
      "?string on a boolean takes two arguments: the true and the false text.",
    );
  }
  if (isNumber(t)) {
    if (call.args.length === 0) return formatNumber(t);
    if (call.args.length === 1) return formatPattern(t, call);
    throw new RuntimeFault(undefined, "?string on a number takes at most one argument, the format.");
  }
  if (call.args.length > 0) throw new RuntimeFault(call.at, "?string on a string takes no arguments.");
  return str(call);
}

/** `?string("0.00")`, `?string("#,##0")`, `?string("percent")`: Java's DecimalFormat patterns. */
export function formatPattern(value: NumberValue, call: BuiltinCall): string {
  const name = arg(call, 0, "string");
  if (name === "computer") return formatComputer(value);
  const pattern = numberPatternFor(name);
  if (pattern === undefined) throw new RuntimeFault(undefined, `Unsupported number format "${name}".`);
  return formatNumber(value, pattern);
}

/** `?seq_contains` equality: numbers by value, strings and booleans as they are, others never. */
function sameValue(a: unknown, b: unknown): boolean {
  if (isNumber(a) && isNumber(b)) return compareNumbers(a, b) === 0;
  return a === b && (typeof a === "string" || typeof a === "boolean");
}

function hasContent(value: unknown): boolean {
  if (isMissing(value)) return false;
  if (typeof value === "string") return value.length > 0;
  if (value instanceof Markup) return value.text.length > 0;
  if (isSequence(value)) return sequenceLength(value) > 0;
  if (isHash(value)) return Object.keys(value).length > 0;
  return true;
}

function capitalize(text: string): string {
  return text.replace(
    /(^|\s)(\S)(\S*)/g,
    (_m, sp: string, first: string, rest: string) => sp + first.toUpperCase() + rest.toLowerCase(),
  );
}

function jsString(text: string): string {
  return text.replace(/[\\"'\n\r\t<>]/g, (ch) => {
    switch (ch) {
      case "\n":
        return "\\n";
      case "\r":
        return "\\r";
      case "\t":
        return "\\t";
      case "<":
        return "\\x3C";
      case ">":
        return "\\x3E";
      default:
        return `\\${ch}`;
    }
  });
}

function jsonString(text: string): string {
  return JSON.stringify(text).slice(1, -1).replace(/</g, "\\u003C").replace(/>/g, "\\u003E");
}

function markupText(call: BuiltinCall, text: string): string {
  if (!call.ctx.markupOutput) {
    throw new RuntimeFault(
      call.at,
      '?no_esc and ?esc need a markup output format (<#ftl output_format="HTML">).',
    );
  }
  return text;
}

function legacyEscape(call: BuiltinCall, escaper: (s: string) => string): string {
  // FreeMarker refuses the old escaping built-ins where auto-escaping already happens.
  if (call.ctx.autoEscape) {
    throw new RuntimeFault(
      call.at,
      "Legacy escaping built-ins are not allowed under auto-escaping; use ?no_esc.",
    );
  }
  return escaper(str(call));
}

const BUILTINS: Record<string, Builtin> = {
  c: (call) => {
    const t = call.target;
    if (isNumber(t)) return formatComputer(t);
    if (typeof t === "boolean") return t ? "true" : "false";
    return fail(call, "a number or boolean");
  },
  string: stringBuiltin,
  has_content: (call) => hasContent(call.target),
  if_exists: (call) => (isMissing(call.target) ? "" : call.target),
  size: (call) => {
    if (isSequence(call.target)) return sequenceLength(call.target);
    if (isHash(call.target)) return Object.keys(call.target).length;
    return fail(call, "an extended-hash or sequence");
  },
  length: (call) => str(call).length,
  lower_case: (call) => str(call).toLowerCase(),
  upper_case: (call) => str(call).toUpperCase(),
  cap_first: (call) => str(call).replace(/^(\s*)(\S)/, (_m, sp: string, c: string) => sp + c.toUpperCase()),
  uncap_first: (call) => str(call).replace(/^(\s*)(\S)/, (_m, sp: string, c: string) => sp + c.toLowerCase()),
  capitalize: (call) => capitalize(str(call)),
  trim: (call) => str(call).trim(),
  html: (call) => legacyEscape(call, escapeHtml),
  xhtml: (call) => legacyEscape(call, escapeHtml),
  xml: (call) => legacyEscape(call, escapeXml),
  js_string: (call) => jsString(str(call)),
  json_string: (call) => jsonString(str(call)),
  url: (call) => encodeURIComponent(str(call)),
  no_esc: (call) => new Markup(markupText(call, str(call))),
  esc: (call) => new Markup(markupText(call, escapeHtml(str(call)))),
  contains: (call) => str(call).includes(arg(call, 0, "string")),
  starts_with: (call) => str(call).startsWith(arg(call, 0, "string")),
  ends_with: (call) => str(call).endsWith(arg(call, 0, "string")),
  index_of: (call) => str(call).indexOf(arg(call, 0, "string")),
  replace: (call) => {
    const parts = str(call).split(arg(call, 0, "string"));
    const replacement = arg(call, 1, "string");
    const length = parts.reduce((n, p) => n + p.length, 0) + (parts.length - 1) * replacement.length;
    return boundedString(length, call) && parts.join(replacement);
  },
  split: (call) => str(call).split(arg(call, 0, "string")),
  substring: (call) =>
    str(call).slice(arg(call, 0, "number"), call.args.length > 1 ? arg(call, 1, "number") : undefined),
  number: (call) => {
    if (isNumber(call.target)) return call.target;
    const n = parseNumber(str(call));
    if (n === undefined) throw new RuntimeFault(undefined, "The string cannot be converted to a number.");
    return n;
  },
  boolean: (call) => {
    if (typeof call.target === "boolean") return call.target;
    const text = str(call);
    if (text === "true") return true;
    if (text === "false") return false;
    throw new RuntimeFault(call.at, `Can't convert "${text}" to a boolean.`);
  },
  abs: (call) => absolute(num(call)),
  round: (call) => toInteger(num(call), "round"),
  floor: (call) => toInteger(num(call), "floor"),
  ceiling: (call) => toInteger(num(call), "ceiling"),
  int: (call) => toInteger(num(call), "int"),
  first: (call) => sequenceItem(seq(call), 0),
  last: (call) => {
    const s = seq(call);
    return sequenceItem(s, sequenceLength(s) - 1);
  },
  reverse: (call) => toArray(seq(call), call).slice().reverse(),
  join: (call) => {
    const sep = arg(call, 0, "string");
    let out = "";
    for (const v of toArray(seq(call), call)) {
      if (isMissing(v)) continue;
      const text = call.ctx.toText(v, call.at);
      boundedString(out.length + sep.length + text.length, call);
      out += out === "" ? text : sep + text;
    }
    return out;
  },
  seq_contains: (call) => toArray(seq(call), call).some((v) => sameValue(v, call.args[0])),
  seq_index_of: (call) => toArray(seq(call), call).findIndex((v) => sameValue(v, call.args[0])),
  keys: (call) => {
    if (isHash(call.target)) return Object.keys(call.target);
    return fail(call, "an extended hash");
  },
  values: (call) => {
    if (isHash(call.target)) return Object.values(call.target);
    return fail(call, "an extended hash");
  },
  is_string: (call) => typeof call.target === "string",
  is_number: (call) => isNumber(call.target),
  is_boolean: (call) => typeof call.target === "boolean",
  is_sequence: (call) => isSequence(call.target),
  is_hash: (call) => isHash(call.target),
  is_hash_ex: (call) => isHash(call.target),
  is_enumerable: (call) => isSequence(call.target),
  is_markup_output: (call) => call.target instanceof Markup,
  new: (call) => {
    // The agent's class resolver allows nothing; FreeMarker blames the enclosing instruction.
    throw new RuntimeFault(undefined, `?new is not allowed (target: ${typeName(call.target)}).`);
  },
};

/** Built-ins whose arguments the evaluator must not evaluate up front (`?then` runs one branch only). */
export const LAZY_BUILTINS = new Set(["then"]);

export const KNOWN_BUILTINS = new Set([...Object.keys(BUILTINS), ...LOOP_BUILTINS, ...LAZY_BUILTINS]);

export function applyBuiltin(name: string, call: BuiltinCall): unknown {
  const builtin = BUILTINS[name];
  if (builtin === undefined) throw new RuntimeFault(call.at, `Unknown built-in ?${name}.`);
  if (isMissing(call.target) && !EXISTENCE_BUILTINS.has(name)) {
    throw new RuntimeFault(call.at, "The value is missing; use ! or ?? to handle it.", true);
  }
  return builtin(call);
}
