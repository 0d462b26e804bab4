/**
 * Value formats the agent checks with Java's parsers (java.time, java.net.URI, Jackson, regex),
 * reproduced closely enough for MessageML: the differences are listed in the package README.
 */

import { compileJavaRegex } from "./java-regex.ts";

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
  return day <= days;
}

const OFFSET = "(?:Z|[+-]\\d{2}:\\d{2}(?::\\d{2})?)";
const ISO_DATE = new RegExp(`^(\\d{4})-(\\d{2})-(\\d{2})(?:${OFFSET})?$`);

/** `LocalDate.parse(s, ISO_DATE)`: `yyyy-MM-dd`, optionally with an offset. */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  return m !== null && validDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** `LocalTime.parse(s, ofPattern("HH:mm:ss"))`. */
export function isTimeHHmmss(s: string): boolean {
  const m = /^(\d{2}):(\d{2}):(\d{2})$/.exec(s);
  return m !== null && Number(m[1]) < 24 && Number(m[2]) < 60 && Number(m[3]) < 60;
}

const ISO_OFFSET_DATE_TIME = new RegExp(
  `^(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d{1,9})?)?${OFFSET}$`,
);

/** `ISO_OFFSET_DATE_TIME`, e.g. `2024-12-31T09:29:47Z`. */
export function isIsoOffsetDateTime(s: string): boolean {
  const m = ISO_OFFSET_DATE_TIME.exec(s);
  if (!m || !validDate(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  return Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6] ?? 0) < 60;
}

/** Letters whose runs `DateTimeFormatter.ofPattern` rejects beyond a length. */
const MAX_PATTERN_RUN: Record<string, number> = { M: 5, d: 2, h: 2, H: 2, m: 2, s: 2, a: 1 };

/** `DateTimeFormatter.ofPattern(p)` succeeds for the letters date/time pickers allow. */
export function isValidJavaPattern(pattern: string): boolean {
  const runs = pattern.match(/([A-Za-z])\1*/g) ?? [];
  for (const run of runs) {
    const max = MAX_PATTERN_RUN[run[0] as string];
    if (max !== undefined && run.length > max) return false;
  }
  return true;
}

const zoneCache = new Map<string, boolean>();

/** `ZoneId.of(id)` through the ICU time-zone database of Node. */
export function isValidTimeZone(id: string): boolean {
  let ok = zoneCache.get(id);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: id });
      ok = /^[A-Za-z]/.test(id) || /^[+-]\d{2}(:?\d{2})?$/.test(id);
    } catch {
      ok = false;
    }
    if (zoneCache.size < 1000) zoneCache.set(id, ok);
  }
  return ok;
}

/** `new java.net.URI(s)`: no spaces or characters RFC 2396 excludes, `%` followed by two hex digits. */
export function isValidUri(s: string): boolean {
  return !/[\s"<>\\^`{|}]|%(?![0-9A-Fa-f]{2})/.test(s) && !/^:/.test(s);
}

export function uriScheme(s: string): string | undefined {
  return /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(s)?.[1];
}

/** `Pattern.compile(p)` succeeds: Java's regex syntax (see `java-regex.ts`). */
export function isValidRegex(pattern: string): boolean {
  return compileJavaRegex(pattern).kind !== "refused";
}

/** `MAPPER.readValue(s, List<Long>)`: a JSON array of integers (or numeric strings, or null). */
export function isLongList(s: string): boolean {
  const value = parseJson(s);
  if (!Array.isArray(value)) return false;
  return value.every(
    (v) =>
      v === null ||
      (typeof v === "number" && Number.isFinite(v) && Math.abs(v) <= 9.223372036854776e18) ||
      (typeof v === "string" && /^[+-]?\d+$/.test(v)),
  );
}

/** `List<String>` with single quotes allowed (room-selector). */
export function isStringList(s: string, singleQuotes: boolean): boolean {
  const value = parseJson(
    singleQuotes ? s.replace(/'([^'\\]*)'/g, (_m, inner: string) => JSON.stringify(inner)) : s,
  );
  return Array.isArray(value) && value.every((v) => v === null || typeof v !== "object");
}

export function parseJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/** The message of a JSON parse failure, for `Error parsing json in attribute …: <message>`. */
export function jsonError(s: string): string | undefined {
  try {
    JSON.parse(s);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
