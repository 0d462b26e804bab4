import BigJs, { type Big } from "big.js";

/**
 * FreeMarker numbers as the agent has them. Data numbers come from Jackson as Java Integer, Long or
 * Double: a JS `number` here. Literals and arithmetic results are BigDecimal (FreeMarker's default
 * arithmetic engine): a `Decimal` here, except exact integers within 2^53, which are kept as a plain
 * `number` because they behave the same everywhere and are by far the most common.
 *
 * big.js (a small, well-kept arbitrary-precision decimal) does the BigDecimal part: decimal
 * arithmetic is exactly what makes `${(0.1 + 0.2)?c}` print 0.3 and `${0.0025}` print 0.002 on a
 * pod, and it is not worth hand-writing.
 */
export const Decimal = BigJs();
export type Decimal = Big;
// Plain notation in toString(), as BigDecimal.toPlainString gives it.
Decimal.NE = -1_000_000;
Decimal.PE = 1_000_000;

export type NumberValue = number | Decimal;

export const ROUND_DOWN = 0;
export const ROUND_HALF_UP = 1;
export const ROUND_HALF_EVEN = 2;

export function isNumber(value: unknown): value is NumberValue {
  return typeof value === "number" || value instanceof Decimal;
}

/** A number literal of the template (always BigDecimal in FreeMarker). */
export function numberLiteral(text: string): NumberValue {
  return normalize(new Decimal(text));
}

/** Java's conversion into BigDecimal: a Double goes through its decimal string. */
export function toDecimal(value: NumberValue): Decimal {
  return value instanceof Decimal ? value : new Decimal(value);
}

/** Keeps exact integers as plain numbers; everything else stays a Decimal. */
export function normalize(value: Decimal): NumberValue {
  if (value.e < 15 && value.round(0, ROUND_DOWN).eq(value)) return Number(value.toString());
  return value;
}

export function isIntegerValue(value: NumberValue): boolean {
  return typeof value === "number" ? Number.isInteger(value) : value.round(0, ROUND_DOWN).eq(value);
}

/** Digits after the point, as BigDecimal's scale (trailing zeros are not kept here). */
function scale(value: Decimal): number {
  return Math.max(0, value.c.length - value.e - 1);
}

export class DivisionByZero extends Error {}

/** FreeMarker's BigDecimal arithmetic engine. */
export function arithmetic(
  op: "+" | "-" | "*" | "/" | "%",
  left: NumberValue,
  right: NumberValue,
): NumberValue {
  if (op === "%") {
    // The engine takes the remainder of the two numbers' long values.
    const l = BigInt(toDecimal(left).round(0, ROUND_DOWN).toFixed());
    const r = BigInt(toDecimal(right).round(0, ROUND_DOWN).toFixed());
    if (r === 0n) throw new DivisionByZero();
    return normalize(new Decimal((l % r).toString()));
  }
  if (
    typeof left === "number" &&
    typeof right === "number" &&
    Number.isInteger(left) &&
    Number.isInteger(right)
  ) {
    const quick =
      op === "+" ? left + right : op === "-" ? left - right : op === "*" ? left * right : Number.NaN;
    if (Number.isSafeInteger(quick)) return quick === 0 ? 0 : quick;
  }
  const l = toDecimal(left);
  const r = toDecimal(right);
  if (op === "+") return normalize(l.plus(r));
  if (op === "-") return normalize(l.minus(r));
  if (op === "*") return normalize(l.times(r));
  if (r.eq(0)) throw new DivisionByZero();
  // BigDecimal division at the larger scale of the two, at least 12 digits, rounding half up.
  Decimal.DP = Math.max(12, scale(l), scale(r));
  Decimal.RM = ROUND_HALF_UP;
  return normalize(l.div(r));
}

export function compareNumbers(left: NumberValue, right: NumberValue): number {
  if (typeof left === "number" && typeof right === "number") return left < right ? -1 : left > right ? 1 : 0;
  return toDecimal(left).cmp(toDecimal(right));
}

export function negate(value: NumberValue): NumberValue {
  return typeof value === "number" ? (value === 0 ? 0 : -value) : value.neg();
}

export function absolute(value: NumberValue): NumberValue {
  return typeof value === "number" ? Math.abs(value) : value.abs();
}

/** `?round` (half up, -2.5 → -2), `?floor`, `?ceiling`, `?int` (towards zero): integers. */
export function toInteger(value: NumberValue, how: "round" | "floor" | "ceiling" | "int"): NumberValue {
  if (typeof value === "number" && Number.isSafeInteger(value)) return value;
  const d = how === "round" ? toDecimal(value).plus("0.5") : toDecimal(value);
  const truncated = d.round(0, ROUND_DOWN);
  if (how === "int" || truncated.eq(d)) return normalize(truncated);
  const towardsZeroIsDown = d.gt(0);
  if (how === "ceiling") return normalize(towardsZeroIsDown ? truncated.plus(1) : truncated);
  return normalize(towardsZeroIsDown ? truncated : truncated.minus(1));
}

/** `"12.5"?number`: BigDecimal's syntax. */
export function parseNumber(text: string): NumberValue | undefined {
  // Java's BigDecimal grammar: no surrounding white space.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  return normalize(new Decimal(text.replace(/^\+/, "")));
}

/**
 * A value rounded half-even to `maxFraction` decimals, unsigned, as its integer and fraction digits.
 * A Decimal rounds on its exact value. A double rounds as Java's DecimalFormat does: on its shortest
 * decimal form, except that a tie there is settled by the exact binary value (JDK 8 and later), so
 * 0.0025 (really 0.00250000000000000005…) gives 0.003 while the literal 0.0025 gives 0.002.
 */
export function roundedDigits(
  value: NumberValue,
  maxFraction: number,
): { integer: string; fraction: string } {
  // The common case (counts, ids, amounts in whole units) without the decimal machinery.
  if (typeof value === "number" && Number.isSafeInteger(value))
    return { integer: String(Math.abs(value)), fraction: "" };
  const abs = typeof value === "number" ? new Decimal(Math.abs(value)) : value.abs();
  let rounded = abs.round(maxFraction, ROUND_HALF_EVEN);
  if (typeof value === "number" && isTie(abs, maxFraction)) {
    const exact = Math.abs(value) >= 1e21 ? BigInt(Math.abs(value)).toString() : Math.abs(value).toFixed(100);
    rounded = new Decimal(exact).round(maxFraction, ROUND_HALF_EVEN);
  }
  const [integer = "0", fraction = ""] = rounded.toFixed().split(".");
  return { integer, fraction };
}

function isTie(value: Decimal, maxFraction: number): boolean {
  const fractionDigits = value.c.length - value.e - 1;
  return fractionDigits === maxFraction + 1 && value.c[value.c.length - 1] === 5;
}

export function isNegative(value: NumberValue): boolean {
  return typeof value === "number" ? value < 0 : value.s < 0 && !value.eq(0);
}
