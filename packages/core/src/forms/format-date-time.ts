/**
 * A moment as a person reads it — "Mon, 7 Dec 2026, 15:00 (Europe/London)" — in the zone they live
 * in, never a raw ISO timestamp. One formatter for the whole framework (forms' date-time fields
 * in view mode) and for bots (a reminder's confirmation), so the same moment reads the same
 * everywhere. Intl does the work; the zone is named because a reader elsewhere must know it.
 */
import { isTimeZone } from "./picker-schemas.ts";

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string, locale: string): Intl.DateTimeFormat {
  const key = `${locale}\u0000${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone,
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
    });
    formats.set(key, format);
  }
  return format;
}

export interface DateTimeFormatOptions {
  /** IANA zone the reader lives in; UTC when absent or not a zone. */
  readonly timeZone?: string | undefined;
  /** BCP 47 locale; "en-GB" by default (day before month, 24-hour clock). */
  readonly locale?: string;
}

/**
 * A date (or ISO string, or epoch milliseconds) for a person. Something that is no moment is
 * returned as it came, so a bad stored value is still shown rather than hidden.
 */
export function formatDateTime(when: Date | string | number, options: DateTimeFormatOptions = {}): string {
  const date = when instanceof Date ? when : new Date(when);
  if (Number.isNaN(date.getTime())) return String(when);
  const timeZone = options.timeZone && isTimeZone(options.timeZone) ? options.timeZone : "UTC";
  return `${formatFor(timeZone, options.locale ?? "en-GB").format(date)} (${timeZone})`;
}
