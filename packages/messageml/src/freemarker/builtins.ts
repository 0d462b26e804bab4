import { DateValue, defaultDateText, formatDate, InvalidDateFormat } from "./dates.ts";
import { escapeFor, escapeHtml, escapeRtf, escapeXml } from "./escaping.ts";
import { evalJson, InvalidJson } from "./json-eval.ts";
import { formatComputer, formatNumber, numberPatternFor } from "./number-format.ts";
import { absolute, compareNumbers, isNumber, type NumberValue, parseNumber, toInteger } from "./numbers.ts";
import type { TemplateSettings } from "./settings.ts";
import type { OutputFormat } from "./template-ast.ts";
import { RuntimeFault } from "./template-error.ts";
import { type TruncateMode, truncate } from "./truncate.ts";
import {
  BuiltinMethod,
  isHash,
  isMissing,
  isSequence,
  MAX_SEQUENCE_LENGTH,
  MAX_STRING_LENGTH,
  Macro,
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
  /** The template's output format, for the markup `?esc` and `?no_esc` make. */
  readonly outputFormat: OutputFormat;
  /** The url_escaping_charset setting, unset unless a template sets it. */
  readonly urlCharset: string | undefined;
  /** What `<#setting>` has changed: locale symbols, boolean_format. */
  readonly settings: TemplateSettings;
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

/** Built-ins whose argument may be a lambda (`x -> x > 1`), called once per item. */
export const LAMBDA_BUILTINS = new Set(["filter", "map", "take_while", "drop_while"]);

/**
 * Built-ins that FreeMarker implements as methods: without `(…)` they are a method value, which
 * `${}` refuses. The others give a plain value, and `(…)` after them calls a non-method (an error).
 */
export const METHOD_BUILTINS = new Set([
  ...LAMBDA_BUILTINS,
  "truncate",
  "truncate_w",
  "truncate_c",
  "truncate_m",
  "truncate_w_m",
  "truncate_c_m",
  "contains",
  "ends_with",
  "ensure_ends_with",
  "ensure_starts_with",
  "index_of",
  "keep_after",
  "keep_after_last",
  "keep_before",
  "keep_before_last",
  "last_index_of",
  "left_pad",
  "right_pad",
  "remove_beginning",
  "remove_ending",
  "split",
  "starts_with",
  "substring",
  "replace",
  "matches",
  "join",
  "seq_contains",
  "seq_index_of",
  "seq_last_index_of",
  "chunk",
  "sort_by",
  "item_cycle",
  "then",
]);

/** Built-ins that are a value and a method at once (`n?string`, `n?string("0.00")`). */
export const VALUE_AND_METHOD_BUILTINS = new Set(["string", "url", "url_path"]);

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
  if (t instanceof DateValue) return defaultDateText(t);
  // Markup is not a string to FreeMarker's string built-ins (`x?no_esc?upper_case` fails).
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
    if (call.args.length === 0) return (call.ctx.settings.booleanTexts ?? ["true", "false"])[t ? 0 : 1];
    throw new RuntimeFault(
      undefined,
      "?string on a boolean takes two arguments: the true and the false text.",
    );
  }
  if (t instanceof DateValue) {
    if (call.args.length === 0) return defaultDateText(t);
    try {
      return formatDate(t, arg(call, 0, "string"));
    } catch (error) {
      if (error instanceof InvalidDateFormat) throw new RuntimeFault(undefined, error.message);
      throw error;
    }
  }
  if (isNumber(t)) {
    if (call.args.length === 0) return call.ctx.toText(t, call.at);
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
  return formatNumber(value, pattern, call.ctx.settings.numberSymbols);
}

/** `?seq_contains` equality: numbers by value, strings and booleans as they are, others never. */
function sameValue(a: unknown, b: unknown): boolean {
  if (isNumber(a) && isNumber(b)) return compareNumbers(a, b) === 0;
  return a === b && (typeof a === "string" || typeof a === "boolean");
}

function pad(call: BuiltinCall, left: boolean): string {
  const s = str(call);
  const width = Math.trunc(arg(call, 0, "number"));
  const filler = call.args.length > 1 ? arg(call, 1, "string") : " ";
  if (filler === "") throw new RuntimeFault(undefined, "The padding string can't be empty.");
  boundedString(width, call);
  return left ? s.padStart(width, filler) : s.padEnd(width, filler);
}

/** `?url` needs a charset: an argument, or the url_escaping_charset setting (unset on the agent). */
function urlEncode(call: BuiltinCall, keepSlash: boolean): string {
  const charset = call.args.length > 0 ? arg(call, 0, "string") : call.ctx.urlCharset;
  if (charset === undefined) {
    throw new RuntimeFault(
      undefined,
      "?url needs a charset: ?url('UTF-8'), or #setting url_escaping_charset.",
    );
  }
  const latin1 = /^(ISO-8859-1|latin1)$/i.test(charset);
  let out = "";
  for (const ch of str(call)) {
    if (/[A-Za-z0-9_.\-*!~'()]/.test(ch) || (keepSlash && ch === "/")) out += ch;
    else if (latin1 && ch.charCodeAt(0) < 256)
      out += `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`;
    else
      out += encodeURIComponent(ch).replace(
        /[!'()~]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      );
  }
  return out;
}

/** A Java regular expression as far as JavaScript can run it: `(?i)` in front becomes the i flag. */
function javaRegex(_call: BuiltinCall, pattern: string, flags: string, whole = false): RegExp {
  let source = pattern;
  let jsFlags = flags.replace(/[^gi]/g, "");
  if (source.startsWith("(?i)")) {
    source = source.slice(4);
    if (!jsFlags.includes("i")) jsFlags += "i";
  }
  try {
    return new RegExp(whole ? `^(?:${source})$` : source, jsFlags);
  } catch {
    throw new RuntimeFault(undefined, `Invalid regular expression: ${pattern}`);
  }
}

/** `?sort`, `?sort_by`: all keys numbers, or all strings (compared as Java's Collator for en_US). */
function sortedBy(_call: BuiltinCall, items: unknown[], keyOf: (item: unknown) => unknown): unknown[] {
  const keyed = items.map((item) => ({ item, key: keyOf(item) }));
  const allNumbers = keyed.every((k) => isNumber(k.key));
  const allStrings = keyed.every((k) => typeof k.key === "string");
  if (!allNumbers && !allStrings && keyed.length > 0) {
    throw new RuntimeFault(undefined, "?sort needs keys that are all numbers or all strings.");
  }
  const compare = allNumbers
    ? (a: unknown, b: unknown) => compareNumbers(a as NumberValue, b as NumberValue)
    : (a: unknown, b: unknown) => COLLATOR.compare(a as string, b as string);
  return keyed.sort((a, b) => compare(a.key, b.key)).map((k) => k.item);
}

const COLLATOR = new Intl.Collator("en-US");

function extreme(call: BuiltinCall, sign: 1 | -1): unknown {
  let best: NumberValue | undefined;
  for (const v of toArray(seq(call), call)) {
    if (isMissing(v)) continue;
    if (!isNumber(v)) throw new RuntimeFault(call.at, `?min and ?max need numbers, not a ${typeName(v)}.`);
    if (best === undefined || compareNumbers(v, best) * sign > 0) best = v;
  }
  return best;
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

/** FreeMarker's ?js_string and ?json_string (StringUtil.javaScriptStringEnc). */
function scriptString(text: string, json: boolean): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = ch.charCodeAt(0);
    if (ch === '"' || ch === "\\" || (ch === "'" && !json)) out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (ch === "/" && text[i - 1] === "<") out += "\\/";
    else if (ch === ">" && (text.slice(i - 2, i) === "]]" || text.slice(i - 2, i) === "--")) out += "\\>";
    else if (ch === "<" && (text[i + 1] === "!" || text[i + 1] === "?")) out += json ? "\\u003C" : "\\x3C";
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) {
      out +=
        json || code > 0xff
          ? `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`
          : `\\x${code.toString(16).toUpperCase().padStart(2, "0")}`;
    } else out += ch;
  }
  return out;
}

/** `?no_esc` and `?esc`: markup stays as it is; a string or number becomes markup of the template's format. */
function toMarkup(call: BuiltinCall, escaping: boolean): Markup {
  if (!call.ctx.markupOutput) {
    throw new RuntimeFault(
      call.at,
      '?no_esc and ?esc need a markup output format (<#ftl output_format="HTML">).',
    );
  }
  const t = call.target;
  if (t instanceof Markup) return t;
  // FreeMarker blames the instruction for a value that is neither string nor number.
  if (typeof t !== "string" && !isNumber(t)) {
    throw new RuntimeFault(undefined, `?no_esc and ?esc need a string or number, not a ${typeName(t)}.`);
  }
  const text = str(call);
  const format = call.ctx.outputFormat;
  return escaping ? new Markup(escapeFor(format, text), format, text) : new Markup(text, format);
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

/** `?truncate(maxLength, terminator, terminatorLength)` and its word, character and markup forms. */
function truncateBuiltin(mode: TruncateMode, markupAllowed: boolean): Builtin {
  return (call) => {
    const text = str(call);
    const maxLength = Math.trunc(arg(call, 0, "number"));
    if (maxLength < 0) throw new RuntimeFault(undefined, "?truncate needs a length of at least 0.");
    const terminator = call.args[1];
    if (
      terminator !== undefined &&
      typeof terminator !== "string" &&
      !(markupAllowed && terminator instanceof Markup)
    ) {
      throw new RuntimeFault(
        undefined,
        `The terminator must be a string${markupAllowed ? " or markup" : ""}.`,
      );
    }
    const terminatorLength = call.args.length > 2 ? Math.trunc(arg(call, 2, "number")) : undefined;
    return truncate(text, maxLength, mode, markupAllowed, terminator, terminatorLength);
  };
}

/** The function of ?filter, ?map, ?take_while and ?drop_while: a lambda or a method. */
function itemFunction(call: BuiltinCall): (item: unknown) => unknown {
  const f = call.args[0] as BuiltinMethod;
  return (item) => f.invoke([item]);
}

function itemTest(call: BuiltinCall): (item: unknown) => boolean {
  const f = itemFunction(call);
  return (item) => {
    const result = f(item);
    if (typeof result !== "boolean") {
      throw new RuntimeFault(undefined, `The lambda must give a boolean, not a ${typeName(result)}.`);
    }
    return result;
  };
}

function date(call: BuiltinCall): DateValue {
  if (call.target instanceof DateValue) return call.target;
  // Parsing a date from a string is outside the subset; FreeMarker blames the instruction for a
  // string it cannot parse.
  if (typeof call.target === "string") {
    throw new RuntimeFault(undefined, "Dates are not parsed from strings here (only .now is a date).");
  }
  return fail(call, "a date");
}

const BUILTINS: Record<string, Builtin> = {
  date: (call) => new DateValue(date(call).ms, "date"),
  time: (call) => new DateValue(date(call).ms, "time"),
  datetime: (call) => new DateValue(date(call).ms, "datetime"),
  long: (call) => date(call).ms,
  is_date: (call) => call.target instanceof DateValue,
  is_date_like: (call) => call.target instanceof DateValue,
  is_date_only: (call) => call.target instanceof DateValue && call.target.kind === "date",
  is_time: (call) => call.target instanceof DateValue && call.target.kind === "time",
  is_datetime: (call) => call.target instanceof DateValue && call.target.kind === "datetime",
  is_unknown_date_like: () => false,
  eval_json: (call) => {
    try {
      return evalJson(str(call));
    } catch (error) {
      if (error instanceof InvalidJson) throw new RuntimeFault(call.at, `?eval_json: ${error.message}`);
      throw error;
    }
  },
  // The agent leaves api_builtin_enabled off.
  api: (call) => {
    throw new RuntimeFault(call.at, "?api is not allowed (api_builtin_enabled is off).");
  },
  filter: (call) => toArray(seq(call), call).filter(itemTest(call)),
  map: (call) => {
    const f = itemFunction(call);
    return toArray(seq(call), call).map((item) => {
      const result = f(item);
      if (isMissing(result)) throw new RuntimeFault(undefined, "The ?map lambda gave a missing value.");
      return result;
    });
  },
  take_while: (call) => {
    // Item by item, so an endless range (`(1..)?take_while(…)`) stops where the test fails.
    const items = seq(call);
    const test = itemTest(call);
    const out: unknown[] = [];
    for (let i = 0; i < sequenceLength(items); i++) {
      const item = sequenceItem(items, i);
      if (!test(item)) break;
      if (out.push(item) > MAX_SEQUENCE_LENGTH)
        throw new RuntimeFault(call.at, `Sequences are limited to ${MAX_SEQUENCE_LENGTH} items here.`);
    }
    return out;
  },
  drop_while: (call) => {
    const items = toArray(seq(call), call);
    const test = itemTest(call);
    const start = items.findIndex((item) => !test(item));
    return start < 0 ? [] : items.slice(start);
  },
  truncate: truncateBuiltin("auto", false),
  truncate_w: truncateBuiltin("word", false),
  truncate_c: truncateBuiltin("char", false),
  truncate_m: truncateBuiltin("auto", true),
  truncate_w_m: truncateBuiltin("word", true),
  truncate_c_m: truncateBuiltin("char", true),
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
  js_string: (call) => scriptString(str(call), false),
  json_string: (call) => scriptString(str(call), true),
  url: (call) => urlEncode(call, false),
  url_path: (call) => urlEncode(call, true),
  left_pad: (call) => pad(call, true),
  right_pad: (call) => pad(call, false),
  matches: (call) => javaRegex(call, arg(call, 0, "string"), "", true).test(str(call)),
  keep_before: (call) => {
    const s = str(call);
    const i = s.indexOf(arg(call, 0, "string"));
    return i < 0 ? s : s.slice(0, i);
  },
  keep_after: (call) => {
    const s = str(call);
    const sep = arg(call, 0, "string");
    const i = s.indexOf(sep);
    return i < 0 ? "" : s.slice(i + sep.length);
  },
  keep_before_last: (call) => {
    const s = str(call);
    const i = s.lastIndexOf(arg(call, 0, "string"));
    return i < 0 ? s : s.slice(0, i);
  },
  keep_after_last: (call) => {
    const s = str(call);
    const sep = arg(call, 0, "string");
    const i = s.lastIndexOf(sep);
    return i < 0 ? "" : s.slice(i + sep.length);
  },
  remove_beginning: (call) => {
    const s = str(call);
    const prefix = arg(call, 0, "string");
    return s.startsWith(prefix) ? s.slice(prefix.length) : s;
  },
  remove_ending: (call) => {
    const s = str(call);
    const suffix = arg(call, 0, "string");
    return s.endsWith(suffix) ? s.slice(0, s.length - suffix.length) : s;
  },
  ensure_starts_with: (call) => {
    const s = str(call);
    const prefix = arg(call, 0, "string");
    return s.startsWith(prefix) ? s : prefix + s;
  },
  ensure_ends_with: (call) => {
    const s = str(call);
    const suffix = arg(call, 0, "string");
    return s.endsWith(suffix) ? s : s + suffix;
  },
  chop_linebreak: (call) => str(call).replace(/(\r\n|\r|\n)$/, ""),
  word_list: (call) =>
    str(call)
      .split(/\s+/)
      .filter((w) => w !== ""),
  last_index_of: (call) => {
    const s = str(call);
    const target = arg(call, 0, "string");
    return call.args.length > 1 ? s.lastIndexOf(target, arg(call, 1, "number")) : s.lastIndexOf(target);
  },
  is_macro: (call) => call.target instanceof Macro,
  is_directive: (call) => call.target instanceof Macro,
  is_method: (call) => call.target instanceof BuiltinMethod,
  is_collection: (call) => isSequence(call.target),
  is_indexable: (call) => isSequence(call.target),
  no_esc: (call) => toMarkup(call, false),
  esc: (call) => toMarkup(call, true),
  markup_string: (call) => {
    if (call.target instanceof Markup) return call.target.text;
    return fail(call, "a markup output value");
  },
  rtf: (call) => legacyEscape(call, escapeRtf),
  web_safe: (call) => legacyEscape(call, escapeHtml),
  contains: (call) => str(call).includes(arg(call, 0, "string")),
  starts_with: (call) => str(call).startsWith(arg(call, 0, "string")),
  ends_with: (call) => str(call).endsWith(arg(call, 0, "string")),
  index_of: (call) => {
    const s = str(call);
    const target = arg(call, 0, "string");
    return call.args.length > 1 ? s.indexOf(target, Math.max(0, arg(call, 1, "number"))) : s.indexOf(target);
  },
  replace: (call) => {
    const target = arg(call, 0, "string");
    const replacement = arg(call, 1, "string");
    const flags = call.args.length > 2 ? arg(call, 2, "string") : "";
    if (flags !== "") {
      const pattern = flags.includes("r") ? target : target.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const regex = javaRegex(
        call,
        pattern,
        `${flags.includes("f") ? "" : "g"}${flags.includes("i") ? "i" : ""}`,
      );
      if (flags.includes("r")) return str(call).replace(regex, replacement);
      return str(call).replace(regex, () => replacement);
    }
    // Java's String.replace: an empty target matches before every character and at the end.
    if (target === "")
      return (
        boundedString(str(call).length * (replacement.length + 1), call) &&
        [...str(call), ""].map((c) => replacement + c).join("")
      );
    const parts = str(call).split(target);
    const length = parts.reduce((n, p) => n + p.length, 0) + (parts.length - 1) * replacement.length;
    return boundedString(length, call) && parts.join(replacement);
  },
  split: (call) => {
    const separator = arg(call, 0, "string");
    const flags = call.args.length > 1 ? arg(call, 1, "string") : "";
    if (flags.includes("r") || flags.includes("i")) return str(call).split(javaRegex(call, separator, flags));
    return str(call).split(separator);
  },
  substring: (call) => {
    const s = str(call);
    const begin = Math.trunc(arg(call, 0, "number"));
    const end = call.args.length > 1 ? Math.trunc(arg(call, 1, "number")) : s.length;
    if (begin < 0 || end > s.length || begin > end) {
      throw new RuntimeFault(
        undefined,
        `?substring(${begin}, ${end}) is out of bounds for length ${s.length}.`,
      );
    }
    return s.slice(begin, end);
  },
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
    let count = 0;
    for (const v of toArray(seq(call), call)) {
      if (isMissing(v)) continue;
      if (typeof v !== "string" && !isNumber(v)) {
        throw new RuntimeFault(undefined, `?join can't join a ${typeName(v)}.`);
      }
      const text = call.ctx.toText(v, call.at);
      boundedString(out.length + sep.length + text.length, call);
      out += count++ === 0 ? text : sep + text;
    }
    // ?join(separator, whenEmpty, afterLast)
    if (count === 0) return call.args.length > 1 ? arg(call, 1, "string") : "";
    return call.args.length > 2 ? out + arg(call, 2, "string") : out;
  },
  seq_last_index_of: (call) => {
    const items = toArray(seq(call), call);
    for (let i = items.length - 1; i >= 0; i--) if (sameValue(items[i], call.args[0])) return i;
    return -1;
  },
  sort: (call) => sortedBy(call, toArray(seq(call), call), (v) => v),
  sort_by: (call) => {
    const keys = isSequence(call.args[0]) ? toArray(call.args[0], call) : [call.args[0]];
    return sortedBy(call, toArray(seq(call), call), (item) => {
      let v: unknown = item;
      for (const key of keys) v = isHash(v) ? v[String(key)] : undefined;
      return v;
    });
  },
  chunk: (call) => {
    const size = arg(call, 0, "number");
    if (size < 1) throw new RuntimeFault(undefined, "?chunk needs a size of at least 1.");
    const items = toArray(seq(call), call);
    const chunks: unknown[][] = [];
    for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
    const last = chunks.at(-1);
    if (call.args.length > 1 && last !== undefined) while (last.length < size) last.push(call.args[1]);
    return chunks;
  },
  min: (call) => extreme(call, -1),
  max: (call) => extreme(call, 1),
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

/** Built-ins that parse their target as FreeMarker (an expression, a template): the evaluator runs them. */
export const PARSING_BUILTINS = new Set(["eval", "interpret"]);

export const KNOWN_BUILTINS = new Set([
  ...Object.keys(BUILTINS),
  ...LOOP_BUILTINS,
  ...LAZY_BUILTINS,
  ...PARSING_BUILTINS,
]);

export function applyBuiltin(name: string, call: BuiltinCall): unknown {
  const builtin = BUILTINS[name];
  if (builtin === undefined) throw new RuntimeFault(call.at, `Unknown built-in ?${name}.`);
  if (isMissing(call.target) && !EXISTENCE_BUILTINS.has(name)) {
    throw new RuntimeFault(call.at, "The value is missing; use ! or ?? to handle it.", true);
  }
  return builtin(call);
}
