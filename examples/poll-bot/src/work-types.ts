/**
 * The poll bot's work types: the set-up form, the poll as everyone sees it (its options with live
 * counts), and one answer per vote — the votes are these answers, read back from the chat.
 */
import { field, user, work } from "@sprig/core";
import { z } from "zod";

export const MAX_OPTIONS = 6;
const optionNumbers = Array.from({ length: MAX_OPTIONS }, (_, i) => i + 1);

const option = (n: number) =>
  field(z.string().trim().max(100).default(""), {
    label: `Option ${n}`,
    placeholder: n <= 2 ? "required" : "",
  });

const PollSetupSchema = z
  .object({
    question: field(z.string().trim().min(1, "Ask a question").max(300), { label: "Question" }),
    ...Object.fromEntries(optionNumbers.map((n) => [`option${n}`, option(n)])),
    minutes: field(z.number().int().min(1, "At least 1 minute").max(60, "At most 60 minutes").default(5), {
      label: "Ends after (minutes)",
    }),
  })
  .superRefine((setup, ctx) => {
    if (optionsOf(setup as Record<string, unknown>).length < 2) {
      ctx.addIssue({ code: "custom", path: ["option2"], message: "Give at least two options" });
    }
  });
export const PollSetup = work("poll-setup", PollSetupSchema);
export type PollSetup = z.infer<typeof PollSetupSchema>;

/** The options filled in, in order. */
export function optionsOf(setup: Readonly<Record<string, unknown>>): string[] {
  return optionNumbers.map((n) => String(setup[`option${n}`] ?? "").trim()).filter((text) => text !== "");
}

const PollSchema = z.object({
  id: field(z.string(), { hidden: true }),
  question: field(z.string(), { label: "Question", readOnly: true }),
  options: field(
    z.array(
      z.object({
        option: field(z.string(), { label: "Option" }),
        votes: field(z.number().int(), { label: "Votes" }),
      }),
    ),
    { label: "Votes so far", readOnly: true },
  ),
  author: field(user(), { label: "Asked by", readOnly: true }),
  endsAt: field(z.iso.datetime(), { label: "Ends at", readOnly: true }),
  status: field(z.enum(["open", "closed"]).default("open"), { label: "Status", readOnly: true }),
});
export const Poll = work("poll", PollSchema);
export type Poll = z.infer<typeof PollSchema>;

const AnswerSchema = z.object({
  pollId: field(z.string(), { hidden: true }),
  voter: field(user(), { label: "Voter" }),
  choice: field(z.string(), { label: "Voted for" }),
});
export const Answer = work("poll-answer", AnswerSchema);
export type Answer = z.infer<typeof AnswerSchema>;
