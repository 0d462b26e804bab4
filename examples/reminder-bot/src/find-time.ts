/**
 * Finding a date or time in what people write ("call Bob at 3pm tomorrow"), with chrono-node — a
 * small, dependency-free parser in place of Spring Bot's CoreNLP. Times are read in the
 * conversation's time zone and always lie ahead ("at 9am" after 9am is tomorrow).
 */
import { parse } from "chrono-node";

export interface FoundTime {
  readonly when: Date;
  /** The words that said when ("at 3pm tomorrow"). */
  readonly text: string;
  /** The message without those words ("call Bob"). */
  readonly rest: string;
}

export function findTime(text: string, now: Date, zone: string): FoundTime | undefined {
  const [found] = parse(text, { instant: now, timezone: offsetMinutes(zone, now) }, { forwardDate: true });
  if (!found) return undefined;
  const rest = `${text.slice(0, found.index)} ${text.slice(found.index + found.text.length)}`
    .replace(/\s+/g, " ")
    .trim();
  return { when: found.start.date(), text: found.text, rest };
}

/** The zone's offset from UTC at that instant, in minutes (Europe/Paris in winter: 60). */
export function offsetMinutes(zone: string, at: Date): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? "");
  if (!match) return 0;
  return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}
