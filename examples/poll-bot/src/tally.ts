/** Counting a poll's votes: one per person, their latest answer. */
import { type History, latestOfEach, readAll } from "@sprig/core";
import { Answer, Poll } from "./work-types.ts";

export const tagOf = (pollId: string) => `poll-${pollId}`;

/** Every answer to the poll, newest first (all pages). */
export async function answersTo(history: History, pollId: string): Promise<Answer[]> {
  return (await readAll(history, Answer, { tag: tagOf(pollId) })).filter((a) => a.pollId === pollId);
}

/** Each person's latest answer (answers newest first). */
export function latestPerVoter(answers: readonly Answer[]): Map<string, Answer> {
  return latestOfEach(answers, (answer) => answer.voter.id);
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
  const polls = await readAll(history, Poll, { maxPages: PAGES_AT_START });
  return [...latestOfEach(polls, (poll) => poll.id).values()].filter((poll) => poll.status === "open");
}
