/**
 * Number output as the agent's FreeMarker prints it: `${n}` uses the default `number_format`
 * ("number", i.e. Java's `#,##0.###` for the en_US locale, HALF_EVEN rounding), `?c` the
 * locale-independent "computer" format (no grouping, no exponent).
 */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "-∞";
  const { negative, integer, fraction } = roundHalfEven(plainDecimal(Math.abs(value)), 3);
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const text = fraction.length > 0 ? `${grouped}.${fraction}` : grouped;
  return (negative || value < 0) && text !== "0" ? `-${text}` : text;
}

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

function roundHalfEven(
  decimal: string,
  maxFraction: number,
): { negative: boolean; integer: string; fraction: string } {
  const [integerPart = "0", fractionPart = ""] = decimal.split(".");
  if (fractionPart.length <= maxFraction) {
    return { negative: false, integer: integerPart, fraction: fractionPart.replace(/0+$/, "") };
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
  return { negative: false, integer: integer.replace(/^0+(?=\d)/, ""), fraction };
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
