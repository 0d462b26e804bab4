import { Decimal, isNegative, type NumberValue, roundedDigits } from "./numbers.ts";
import { type NumberSymbols, ROOT_SYMBOLS } from "./settings.ts";
import { RuntimeFault } from "./template-error.ts";

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

export function formatNumber(
  value: NumberValue,
  pattern: NumberPattern = LOCALE_NUMBER,
  symbols: NumberSymbols = ROOT_SYMBOLS,
): string {
  const minus = isNegative(value) ? symbols.minus : "";
  const prefix = pattern.prefix.replaceAll("%", symbols.percent);
  const suffix = pattern.suffix.replaceAll("%", symbols.percent);
  if (typeof value === "number" && !Number.isFinite(value)) {
    if (Number.isNaN(value)) return "NaN";
    return `${minus}${prefix}∞${suffix}`;
  }
  const scaled = pattern.multiplier === 1 ? value : new Decimal(value).times(pattern.multiplier);
  const { integer, fraction } = roundedDigits(scaled, pattern.maxFraction);
  let whole = localDigits(integer.replace(/^0+/, "").padStart(pattern.minInteger, "0"), symbols.zero);
  if (pattern.grouping > 0) whole = group(whole, pattern.grouping, symbols.group);
  const decimals = localDigits(fraction.replace(/0+$/, "").padEnd(pattern.minFraction, "0"), symbols.zero);
  let text = decimals === "" ? whole : `${whole}${symbols.decimal}${decimals}`;
  if (text === "") text = symbols.zero;
  // Like DecimalFormat, a negative number keeps its sign even when it rounds to zero ("-0").
  return `${minus}${prefix}${text}${suffix}`;
}

/** `${n}` under the number_format setting: a named format or a DecimalFormat pattern. */
export function formatBySetting(value: NumberValue, format: string, symbols: NumberSymbols): string {
  if (format === "computer") return formatComputer(value);
  const pattern = format.startsWith("@") ? undefined : numberPatternFor(format);
  if (pattern === undefined) throw new RuntimeFault(undefined, `Unsupported number format "${format}".`);
  return formatNumber(value, pattern, symbols);
}

function localDigits(digits: string, zero: string): string {
  if (zero === "0") return digits;
  const base = zero.charCodeAt(0);
  return digits.replace(/[0-9]/g, (d) => String.fromCharCode(base + Number(d)));
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

function group(digits: string, size: number, separator: string): string {
  let out = "";
  for (let end = digits.length; end > 0; end -= size) {
    const part = digits.slice(Math.max(0, end - size), end);
    out = out === "" ? part : `${part}${separator}${out}`;
  }
  return out;
}
