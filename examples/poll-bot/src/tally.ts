/** Counting a poll's votes: one per person, their latest answer. */
import type { History } from "@sprig/core";
import { Answer, type Poll } from "./work-types.ts";

export const tagOf = (pollId: string) => `poll-${pollId}`;

/** Every answer to the poll, newest first (all pages). */
export async function answersTo(history: History, pollId: string): Promise<Answer[]> {
  const answers: Answer[] = [];
  let cursor: string | undefined;
  do {
    const page = await history.all(Answer, { tag: tagOf(pollId), limit: 100, ...(cursor ? { cursor } : {}) });
    answers.push(...page.items.filter((a) => a.pollId === pollId));
    cursor = page.next;
  } while (cursor);
  return answers;
}

/** Each person's latest answer (answers newest first). */
export function latestPerVoter(answers: readonly Answer[]): Map<string, Answer> {
  const latest = new Map<string, Answer>();
  for (const answer of answers) if (!latest.has(answer.voter.id)) latest.set(answer.voter.id, answer);
  return latest;
}

/** The poll with its options' counts from these answers. */
export function withCounts(poll: Poll, answers: readonly Answer[]): Poll["options"] {
  const votes = [...latestPerVoter(answers).values()];
  return poll.options.map(({ option }) => ({
    option,
    votes: votes.filter((v) => v.choice === option).length,
  }));
}
