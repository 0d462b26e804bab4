import { type Bot, type RoomRef, work } from "@sprig/core";
import { z } from "zod";
import type { EmulatedPod, PodMessage } from "../emulated-pod.ts";

export const Counter = work("counter", z.object({ count: z.number().int() }));

// -100 when nothing is found, so a lost counter shows in the count instead of passing as 0.
const nextCount = (counter: { count: number } | undefined) => (counter?.count ?? -100) + 1;

/** `inc`: a new counter one above the chat's latest, found through history. */
export function incFromHistory(bot: Bot): void {
  bot.command("inc", async ({ history }) =>
    Counter.create({ count: nextCount(await history.latest(Counter)) }),
  );
}

/** "Add one" on counter forms: a new counter one above the pressed form's. */
export function addOneButton(bot: Bot, rooms?: RoomRef[]): void {
  const options = rooms ? { text: "Add one", rooms } : { text: "Add one" };
  bot.button(Counter, "inc", options, ({ work }) => Counter.create({ count: nextCount(work) }));
}

/** A person presses "Add one" on the counter form in message `messageId`, through the dev API. */
export function pressAddOne(pod: EmulatedPod, streamId: string, messageId: string, as: number) {
  return pod.dev("POST", `/streams/${streamId}/messages/${messageId}/form`, {
    as,
    formId: "counter",
    action: "inc",
    values: {},
  });
}

/** The count of the counter a bot message carries in its data, if any. */
export function countOf(message: PodMessage | undefined): number | undefined {
  return (JSON.parse(message?.data ?? "{}") as { form?: { count?: number } }).form?.count;
}
