/**
 * Number output as the agent's FreeMarker prints it: `${n}` uses the default `number_format`
 * ("number", i.e. Java's `#,##0.###` for the en_US locale, HALF_EVEN rounding), `?c` the
 * locale-independent "computer" format (no grouping, no exponent).
 */
export function formatNumber(value: number, style: NumberStyle = LOCALE_NUMBER): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "-∞";
  if (Number.isSafeInteger(value) && style.minFraction === 0) return formatInteger(value, style.grouping);
  // Java's DecimalFormat rounds on the double's exact binary value (JDK 8+), so 0.0025 (really
  // 0.00250000000000000005…) gives 0.003: round on an exact expansion, not on the shortest form.
  const abs = Math.abs(value);
  const exact = abs < 1e21 ? abs.toFixed(Math.min(100, style.maxFraction + 30)) : plainDecimal(abs);
  const { integer, fraction } = roundHalfEven(exact, style.maxFraction);
  const grouped = style.grouping ? integer.replace(/\B(?=(\d{3})+(?!\d))/g, ",") : integer;
  const padded = fraction.padEnd(style.minFraction, "0");
  const text = padded.length > 0 ? `${grouped}.${padded}` : grouped;
  // Like DecimalFormat, a negative number keeps its sign even when it rounds to zero ("-0").
  return value < 0 ? `-${text}` : text;
}

/** Decimal format settings: Java's `#,##0.###` is `{ grouping: true, minFraction: 0, maxFraction: 3 }`. */
export interface NumberStyle {
  readonly grouping: boolean;
  readonly minFraction: number;
  readonly maxFraction: number;
}

/** The common case (counts, ids, amounts in whole units) without the decimal machinery. */
function formatInteger(value: number, grouping: boolean): string {
  const digits = String(Math.abs(value));
  if (!grouping || digits.length <= 3) return value < 0 ? `-${digits}` : digits;
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return value < 0 ? `-${out}` : out;
}

export const LOCALE_NUMBER: NumberStyle = { grouping: true, minFraction: 0, maxFraction: 3 };

export function formatComputer(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "INF" : "-INF";
  const text = plainDecimal(Math.abs(value));
  return value < 0 && text !== "0" ? `-${text}` : text;
}

/** The shortest decimal form of a non-negative number, never in exponent notation. */
function plainDecimal(value: number): string {
  const text = String(value);
  const exponentAt = text.indexOf("e");
  if (exponentAt < 0) return text;
  const mantissa = text.slice(0, exponentAt);
  const exponent = Number(text.slice(exponentAt + 1));
  const [whole = "", decimals = ""] = mantissa.split(".");
  const digits = whole + decimals;
  const pointAt = whole.length + exponent;
  if (pointAt <= 0) return `0.${"0".repeat(-pointAt)}${digits}`.replace(/\.?0+$/, "");
  if (pointAt >= digits.length) return digits + "0".repeat(pointAt - digits.length);
  return `${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

function roundHalfEven(decimal: string, maxFraction: number): { integer: string; fraction: string } {
  const [integerPart = "0", fractionPart = ""] = decimal.split(".");
  if (fractionPart.length <= maxFraction) {
    return { integer: integerPart, fraction: fractionPart.replace(/0+$/, "") };
  }
  const kept = fractionPart.slice(0, maxFraction);
  const rest = fractionPart.slice(maxFraction);
  const digits = integerPart + kept;
  const first = rest.charCodeAt(0) - 48;
  const beyondHalf = first > 5 || (first === 5 && /[1-9]/.test(rest.slice(1)));
  const exactlyHalf = first === 5 && !beyondHalf;
  const lastDigit = (digits.charCodeAt(digits.length - 1) - 48) % 10;
  const roundUp = beyondHalf || (exactlyHalf && lastDigit % 2 === 1);
  const rounded = roundUp ? incrementDigits(digits) : digits;
  const integer = rounded.slice(0, rounded.length - maxFraction) || "0";
  const fraction = rounded.slice(rounded.length - maxFraction).replace(/0+$/, "");
  return { integer: integer.replace(/^0+(?=\d)/, ""), fraction };
}

function incrementDigits(digits: string): string {
  const chars = digits.split("");
  let i = chars.length - 1;
  while (i >= 0) {
    if (chars[i] === "9") {
      chars[i] = "0";
      i--;
    } else {
      chars[i] = String(Number(chars[i]) + 1);
      return chars.join("");
    }
  }
  return `1${chars.join("")}`;
}
