/**
 * Matching what the bot sent, and failing with a message that shows what it did send.
 */
import { describeButtons } from "../render/describe-sent.ts";
import type { SentMessage } from "./sent-message.ts";

export type TextMatcher = string | RegExp;

export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScenarioError";
  }
}

/**
 * The person's chat client would not submit these values (a required field empty, a text too
 * short or too long for the form's limits): the bot never hears of it. Both drivers throw it, the
 * emulator's because the pod refused the submission, the in-memory one because it checks the same.
 */
export class SubmissionRefused extends ScenarioError {
  constructor(readonly reason: string) {
    super(`The chat client refuses to submit this form: ${reason}.`);
    this.name = "SubmissionRefused";
  }
}

export function textMatches(text: string, matcher: TextMatcher): boolean {
  return typeof matcher === "string" ? text.includes(matcher) : matcher.test(text);
}

/** `expected` is a subset of `actual`: every key of an expected object matches, arrays element-wise. */
export function partialMatch(actual: unknown, expected: unknown): boolean {
  if (expected === actual) return true;
  if (expected instanceof Date && actual instanceof Date) return expected.getTime() === actual.getTime();
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((item, i) => partialMatch(actual[i], item))
    );
  }
  if (typeof expected === "object" && expected !== null) {
    if (typeof actual !== "object" || actual === null) return false;
    return Object.entries(expected).every(([key, value]) =>
      partialMatch((actual as Record<string, unknown>)[key], value),
    );
  }
  return false;
}

export function describeReplies(replies: readonly SentMessage[]): string {
  if (replies.length === 0) return "  (the bot sent nothing)";
  return replies
    .map((r, i) => {
      const head = `  ${i + 1}. ${r.kind}${r.workType ? ` ${r.workType} (${r.mode})` : ""}${r.errorCode ? ` [${r.errorCode}]` : ""}`;
      const body = r.text
        .split("\n")
        .map((line) => `       ${line}`)
        .join("\n");
      const buttons =
        r.buttons.length > 0 && r.kind !== "message" ? `\n       buttons: ${describeButtons(r.buttons)}` : "";
      return `${head}\n${body}${buttons}`;
    })
    .join("\n");
}

export function fail(what: string, replies: readonly SentMessage[]): never {
  throw new ScenarioError(`${what}\nThe bot's replies to the last step:\n${describeReplies(replies)}`);
}
