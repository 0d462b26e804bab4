import { DateValue } from "./dates.ts";
import { Decimal, isNumber } from "./numbers.ts";
import type { MacroDefinition, OutputFormat } from "./template-ast.ts";

/**
 * Template values. JSON data maps directly: strings, numbers, booleans, arrays (sequences) and
 * objects (hashes); `null` and `undefined` are FreeMarker's "missing". Markup (from `?no_esc` or a
 * capture under an escaping output format) and macros are the engine's own kinds.
 */
/**
 * Sizes a template may build in memory (strings, sequences). Output is also capped by the renderer;
 * these stop a template from doubling a value in a loop long before it is printed.
 */
export const MAX_STRING_LENGTH = 4_000_000;
export const MAX_SEQUENCE_LENGTH = 1_000_000;

/**
 * A markup value of an output format (FreeMarker's TemplateMarkupOutputModel): printed as it is.
 * `plainText` is the text it was escaped from, when it was made that way (`?esc`), which lets it
 * be printed under another output format.
 */
export class Markup {
  constructor(
    readonly text: string,
    readonly format: OutputFormat,
    readonly plainText?: string,
  ) {}
}

/**
 * A built-in that takes arguments, written without them (`seq?join`): FreeMarker's method value,
 * which `(…)` calls and `${}` refuses to print.
 */
export class BuiltinMethod {
  constructor(readonly invoke: (args: readonly unknown[]) => unknown) {}
}

export class Macro {
  constructor(readonly definition: MacroDefinition) {}
}

/** An integer range such as `1..3`, kept lazy so `0..` or `1..1e9` costs nothing until listed. */
export class NumberRange {
  constructor(
    readonly from: number,
    readonly length: number,
    readonly step: 1 | -1,
  ) {}

  at(index: number): number | undefined {
    return index >= 0 && index < this.length ? this.from + index * this.step : undefined;
  }
}

export type Sequence = readonly unknown[] | NumberRange;

export function isMissing(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

export function isSequence(value: unknown): value is Sequence {
  return Array.isArray(value) || value instanceof NumberRange;
}

export function isHash(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Markup) &&
    !(value instanceof Macro) &&
    !(value instanceof BuiltinMethod) &&
    !(value instanceof DateValue) &&
    !(value instanceof Decimal) &&
    !(value instanceof NumberRange)
  );
}

export function sequenceLength(seq: Sequence): number {
  return Array.isArray(seq) ? seq.length : (seq as NumberRange).length;
}

export function sequenceItem(seq: Sequence, index: number): unknown {
  return Array.isArray(seq) ? seq[index] : (seq as NumberRange).at(index);
}

/** FreeMarker's own type names, used in error reasons. */
export function typeName(value: unknown): string {
  if (isMissing(value)) return "missing";
  if (typeof value === "string") return "string";
  if (isNumber(value)) return "number";
  if (typeof value === "boolean") return "boolean";
  if (value instanceof Markup) return "markup output";
  if (value instanceof Macro) return "macro";
  if (value instanceof BuiltinMethod) return "method";
  if (value instanceof DateValue) return "date";
  if (isSequence(value)) return "sequence";
  return "hash";
}

export function hasOwn(hash: Record<string, unknown>, key: string): boolean {
  return Object.hasOwn(hash, key);
}
