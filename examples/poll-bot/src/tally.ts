/** Counting a poll's votes: one per person, their latest answer. */
import type { History } from "@sprig/core";
import { Answer, Poll } from "./work-types.ts";

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

/** How many pages of a room's polls are read back at start (100 each, newest first). */
const PAGES_AT_START = 20;

/** The polls of a conversation whose latest state is open (the newest message of each poll wins). */
export async function openPollsIn(history: History): Promise<Poll[]> {
  const latest = new Map<string, Poll>();
  let cursor: string | undefined;
  for (let page = 0; page < PAGES_AT_START; page++) {
    const found = await history.all(Poll, { limit: 100, ...(cursor ? { cursor } : {}) });
    for (const poll of found.items) if (!latest.has(poll.id)) latest.set(poll.id, poll);
    cursor = found.next;
    if (!cursor) break;
  }
  return [...latest.values()].filter((poll) => poll.status === "open");
}
