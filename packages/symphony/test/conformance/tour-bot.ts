/**
 * A bot that makes the adapter use what the todo bot does not: a reply with files, a form updated in
 * place after a press, history read back, and a poll of the pod until the bot has answered.
 */
import { attachment, createBot, silentLogger, work } from "@sprig/core";
import { z } from "zod";
import type { DevApi, PodMessage } from "../e2e/support/dev-api.ts";
import { BOT_ID } from "../e2e/support/test-pod.ts";

export const Counter = work("counter", z.object({ count: z.number().int() }));

export const NOTES = new TextEncoder().encode("line one\r\n--not-a-boundary\r\nline three");

export function createTourBot() {
  const bot = createBot({ logger: silentLogger });
  bot.command("new", () => Counter.create({ count: 0 }));
  bot.button(Counter, "inc", { text: "Add one" }, ({ work: counter }) =>
    Counter.create({ count: (counter?.count ?? -100) + 1 }),
  );
  bot.command("count", async ({ history }) => {
    const latest = await history.latest(Counter);
    return `latest ${latest?.count ?? "none"}`;
  });
  bot.command("file", () =>
    attachment("notes.txt", NOTES, { mediaType: "text/plain", content: "Here are the notes." }),
  );
  return bot;
}

/** The bot's messages in a stream once there are at least `count` (bounded wait). */
export async function botMessages(dev: DevApi, streamId: string, count: number): Promise<PodMessage[]> {
  // Bounded, not timed: generous, because under a loaded machine (CI, parallel suites) 5 s ran out.
  for (let i = 0; i < 1500; i++) {
    const fromBot = (await dev.messages(streamId)).filter((m) => m.user.userId === BOT_ID);
    if (fromBot.length >= count) return fromBot;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`The bot did not post ${count} message(s) in ${streamId} within 5 s.`);
}

/** Waits until `check` holds of the bot's messages in a stream (bounded). */
export async function untilBotMessages(
  dev: DevApi,
  streamId: string,
  check: (messages: PodMessage[]) => boolean,
  what: string,
): Promise<PodMessage[]> {
  // Bounded, not timed: generous, because under a loaded machine (CI, parallel suites) 5 s ran out.
  for (let i = 0; i < 1500; i++) {
    const fromBot = (await dev.messages(streamId)).filter((m) => m.user.userId === BOT_ID);
    if (check(fromBot)) return fromBot;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Within 30 s the bot's messages in ${streamId} never showed ${what}.`);
}
