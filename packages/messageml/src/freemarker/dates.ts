/**
 * Date values (FreeMarker's TemplateDateModel), which a template meets only through `.now`: the
 * data model is JSON. They print as the agent's Java 17 does for en_US in UTC (CLDR formats), and
 * `?string("…")` takes Java's SimpleDateFormat letters.
 */
export type DateKind = "datetime" | "date" | "time";

export class DateValue {
  constructor(
    /** Milliseconds since the epoch. */
    readonly ms: number,
    readonly kind: DateKind,
  ) {}
}

export class InvalidDateFormat extends Error {}

const DATE_STYLES: Record<string, string> = {
  short: "M/d/yy",
  medium: "MMM d, y",
  long: "MMMM d, y",
  full: "EEEE, MMMM d, y",
};
const TIME_STYLES: Record<string, string> = {
  short: "h:mm a",
  medium: "h:mm:ss a",
  long: "h:mm:ss a z",
  full: "h:mm:ss a zzzz",
};

/** The pattern of a style name (`short`, `medium_long`…) for this kind of date, or undefined. */
function stylePattern(kind: DateKind, name: string): string | undefined {
  const [dateStyle = "", timeStyle = dateStyle, extra] = name.split("_");
  const date = DATE_STYLES[dateStyle];
  const time = TIME_STYLES[timeStyle];
  if (extra !== undefined || date === undefined || time === undefined) return undefined;
  if (kind === "date") return name.includes("_") ? undefined : date;
  if (kind === "time") return name.includes("_") ? undefined : TIME_STYLES[dateStyle];
  // Java joins with the pattern of the shorter style: " 'at' " when both are long or full.
  const long = (style: string) => style === "long" || style === "full";
  const joiner = long(dateStyle) && long(timeStyle) ? " 'at' " : ", ";
  return `${date}${joiner}${time}`;
}

/** `${date}`: the agent's default, the medium style. */
export function defaultDateText(value: DateValue): string {
  return formatDate(value, "medium");
}

/** `?string("…")`: a style name or a SimpleDateFormat pattern. */
export function formatDate(value: DateValue, format: string): string {
  return formatPattern(value.ms, stylePattern(value.kind, format) ?? format);
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function formatPattern(ms: number, pattern: string): string {
  const d = new Date(ms);
  let out = "";
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === "'") {
      // 'text' is literal, and '' is a quote, inside or outside such text.
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      i++;
      for (;;) {
        if (i >= pattern.length)
          throw new InvalidDateFormat(`Unterminated quote in date format "${pattern}".`);
        if (pattern[i] === "'" && pattern[i + 1] === "'") {
          out += "'";
          i += 2;
        } else if (pattern[i] === "'") {
          i++;
          break;
        } else out += pattern[i++];
      }
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n++;
    out += field(d, ch, n, pattern);
    i += n;
  }
  return out;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

function field(d: Date, letter: string, n: number, pattern: string): string {
  const hours = d.getUTCHours();
  switch (letter) {
    case "G":
      return "AD";
    case "u":
      return String(d.getUTCDay() === 0 ? 7 : d.getUTCDay());
    case "y":
      return n === 2 ? pad(d.getUTCFullYear() % 100, 2) : pad(d.getUTCFullYear(), n);
    case "M":
    case "L": {
      const month = d.getUTCMonth();
      if (n >= 4) return MONTHS[month] as string;
      if (n === 3) return (MONTHS[month] as string).slice(0, 3);
      return pad(month + 1, n);
    }
    case "d":
      return pad(d.getUTCDate(), n);
    case "D": {
      const start = Date.UTC(d.getUTCFullYear(), 0, 1);
      return pad(Math.floor((d.getTime() - start) / 86_400_000) + 1, n);
    }
    case "E":
      return n >= 4 ? (DAYS[d.getUTCDay()] as string) : (DAYS[d.getUTCDay()] as string).slice(0, 3);
    case "a":
      return hours < 12 ? "AM" : "PM";
    case "H":
      return pad(hours, n);
    case "k":
      return pad(hours === 0 ? 24 : hours, n);
    case "K":
      return pad(hours % 12, n);
    case "h":
      return pad(hours % 12 === 0 ? 12 : hours % 12, n);
    case "m":
      return pad(d.getUTCMinutes(), n);
    case "s":
      return pad(d.getUTCSeconds(), n);
    case "S":
      return pad(d.getUTCMilliseconds(), n);
    case "z":
      return n >= 4 ? "Coordinated Universal Time" : "UTC";
    case "Z":
      return "+0000";
    case "X":
      return "Z";
    default:
      throw new InvalidDateFormat(`Unknown letter "${letter}" in date format "${pattern}".`);
  }
}
