/**
 * Field errors a person reads in chat, for zod's own issues. zod's default words are written for
 * developers ("Invalid input: expected number, received string"); these say what to type instead.
 *
 * Used as a per-parse error map: zod asks it only for issues that have no message of the schema
 * author's own (`z.string().min(1, "Say what to do")` keeps its words), and falls back to its locale
 * for any issue this map leaves alone (returns undefined).
 */
import type { z } from "zod";

type RawIssue = z.core.$ZodRawIssue;

const DATE_EXAMPLE = "Enter a date like 2026-11-21";

function count(n: unknown, one: string, many: string): string {
  return `${String(n)} ${Number(n) === 1 ? one : many}`;
}

function day(limit: unknown): string {
  const date = new Date(limit instanceof Date ? limit.getTime() : Number(limit));
  return Number.isNaN(date.getTime()) ? String(limit) : date.toISOString().slice(0, 10);
}

/** Nothing was given where the schema wanted a value (a blank date reads as an invalid Date, not null). */
function isMissing(issue: RawIssue): boolean {
  return issue.input === undefined || (issue.input === null && !("received" in issue));
}

const EXPECTED: Readonly<Record<string, string>> = {
  number: "Enter a number",
  int: "Enter a whole number",
  bigint: "Enter a whole number",
  date: DATE_EXAMPLE,
  string: "Enter some text",
  boolean: "Choose yes or no",
};

function invalidType(issue: RawIssue & { expected: string }): string | undefined {
  if (isMissing(issue)) return "This field is required";
  return EXPECTED[issue.expected];
}

type Sized = RawIssue & { origin: string; inclusive?: boolean };

/** The words of one side of a bound: too_small and too_big say the same things, mirrored. */
interface BoundWords {
  /** Strings, arrays and sets: "at least" / "at most". */
  readonly count: string;
  /** Numbers and dates, by whether the limit itself is allowed. */
  readonly number: { readonly inclusive: string; readonly exclusive: string };
  readonly date: { readonly inclusive: string; readonly exclusive: string };
}

const LOWER_BOUND: BoundWords = {
  count: "at least",
  number: { inclusive: "of at least", exclusive: "greater than" },
  date: { inclusive: "on or after", exclusive: "after" },
};

const UPPER_BOUND: BoundWords = {
  count: "at most",
  number: { inclusive: "no more than", exclusive: "less than" },
  date: { inclusive: "on or before", exclusive: "before" },
};

function outOfBounds(
  origin: string,
  limit: unknown,
  inclusive: boolean,
  words: BoundWords,
): string | undefined {
  const side = inclusive ? "inclusive" : "exclusive";
  switch (origin) {
    case "string":
      return `Enter ${words.count} ${count(limit, "character", "characters")}`;
    case "number":
    case "int":
    case "bigint":
      return `Enter a number ${words.number[side]} ${String(limit)}`;
    case "array":
    case "set":
      return `Choose ${words.count} ${count(limit, "item", "items")}`;
    case "date":
      return `Enter a date ${words.date[side]} ${day(limit)}`;
    default:
      return undefined;
  }
}

function tooSmall(issue: Sized & { minimum: unknown }): string | undefined {
  const { minimum: min, inclusive = true } = issue;
  // A string that must not be empty reads as a required field, not as "at least 1 character".
  if (issue.origin === "string" && ((inclusive && Number(min) <= 1) || (!inclusive && Number(min) === 0)))
    return "This field is required";
  return outOfBounds(issue.origin, min, inclusive, LOWER_BOUND);
}

function tooBig(issue: Sized & { maximum: unknown }): string | undefined {
  const { maximum: max, inclusive = true } = issue;
  return outOfBounds(issue.origin, max, inclusive, UPPER_BOUND);
}

const FORMATS: Readonly<Record<string, string>> = {
  email: "Enter an email address like name@example.com",
  url: "Enter a web address like https://example.com",
  date: DATE_EXAMPLE,
  datetime: "Enter a date and time like 2026-11-21T09:30:00Z",
  time: "Enter a time like 09:30",
};

/** The error map: a plain message for zod's common issues, undefined to let zod's locale speak. */
export function plainIssueMessage(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      return invalidType(issue);
    case "too_small":
      return tooSmall(issue);
    case "too_big":
      return tooBig(issue);
    case "invalid_value":
      return "Choose one of the options";
    case "invalid_format":
      return FORMATS[issue.format] ?? "Check the format of this value";
    case "not_multiple_of":
      return `Enter a multiple of ${String(issue.divisor)}`;
    default:
      return undefined;
  }
}
