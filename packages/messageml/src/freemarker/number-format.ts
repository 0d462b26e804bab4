import { Decimal, isNegative, type NumberValue, roundedDigits } from "./numbers.ts";

/**
 * Number output as the agent's FreeMarker prints it, through Java's DecimalFormat for en_US with
 * HALF_EVEN rounding on the exact value: `${n}` uses "#,##0.###", `?c` and `#{n}` the computer
 * format ("0.################", integers as they are), `?string("…")` and `#setting number_format`
 * any pattern of digits, grouping, fraction, percent and literal prefix/suffix.
 */
export interface NumberPattern {
  readonly prefix: string;
  readonly suffix: string;
  /** Digits per group, 0 for none. */
  readonly grouping: number;
  readonly minInteger: number;
  readonly minFraction: number;
  readonly maxFraction: number;
  /** 100 for percent patterns. */
  readonly multiplier: number;
}

export const LOCALE_NUMBER = parseNumberPattern("#,##0.###")!;
export const COMPUTER_NUMBER = parseNumberPattern("0.################")!;

/** FreeMarker's named formats, then a DecimalFormat pattern; undefined if it cannot be parsed. */
export function numberPatternFor(name: string): NumberPattern | undefined {
  if (name === "number" || name === "") return LOCALE_NUMBER;
  if (name === "computer") return COMPUTER_NUMBER;
  if (name === "currency") return parseNumberPattern("$#,##0.00");
  if (name === "percent") return parseNumberPattern("#,##0%");
  return parseNumberPattern(name);
}

export function parseNumberPattern(pattern: string): NumberPattern | undefined {
  // Only the positive subpattern counts: a negative one changes just the sign's look, rarely used.
  const positive = pattern.split(";")[0] ?? "";
  const match = /^([^#0,.]*?)([#0,]*)(?:\.([0#]*))?([^#0,.]*)$/.exec(positive);
  if (match === null) return undefined;
  const [, prefix = "", integer = "", fraction = "", suffix = ""] = match;
  if (/[0#,.E']/.test(prefix + suffix) || (integer === "" && fraction === "")) return undefined;
  const lastComma = integer.lastIndexOf(",");
  const digitsOnly = integer.replaceAll(",", "");
  return {
    prefix,
    suffix,
    grouping: lastComma < 0 ? 0 : integer.length - lastComma - 1,
    minInteger: (digitsOnly.match(/0/g) ?? []).length,
    minFraction: (fraction.match(/0/g) ?? []).length,
    maxFraction: fraction.length,
    multiplier: suffix.includes("%") || prefix.includes("%") ? 100 : 1,
  };
}

export function formatNumber(value: NumberValue, pattern: NumberPattern = LOCALE_NUMBER): string {
  if (typeof value === "number" && !Number.isFinite(value)) {
    if (Number.isNaN(value)) return "NaN";
    return `${value < 0 ? "-" : ""}${pattern.prefix}∞${pattern.suffix}`;
  }
  const scaled = pattern.multiplier === 1 ? value : new Decimal(value).times(pattern.multiplier);
  const { integer, fraction } = roundedDigits(scaled, pattern.maxFraction);
  let whole = integer.replace(/^0+/, "").padStart(pattern.minInteger, "0");
  if (pattern.grouping > 0) whole = group(whole, pattern.grouping);
  const decimals = fraction.replace(/0+$/, "").padEnd(pattern.minFraction, "0");
  let text = decimals === "" ? whole : `${whole}.${decimals}`;
  if (text === "") text = "0";
  // Like DecimalFormat, a negative number keeps its sign even when it rounds to zero ("-0").
  return `${isNegative(value) ? "-" : ""}${pattern.prefix}${text}${pattern.suffix}`;
}

/** `?c`: integers as they are, other numbers with up to 16 decimals. */
export function formatComputer(value: NumberValue): string {
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "NaN";
    if (!Number.isFinite(value)) return value > 0 ? "INF" : "-INF";
    if (Number.isSafeInteger(value)) return String(value);
  }
  return formatNumber(value, COMPUTER_NUMBER);
}

function group(digits: string, size: number): string {
  let out = "";
  for (let end = digits.length; end > 0; end -= size) {
    const part = digits.slice(Math.max(0, end - size), end);
    out = out === "" ? part : `${part},${out}`;
  }
  return out;
}
