/**
 * Two instances of one bot on one fanout feed with a shared dedupe store, as the README suggests
 * for scale-out: a counter kept in the chat (`history.latest(Counter)` + 1) must count every
 * increment whichever instance handled it. Instance A is kept busy by a slow command while B
 * handles three increments it never sees (the feed hands them to B; B's answers are the bot's own
 * messages, skipped by A's datafeed); A's next increment must still start from B's last value.
 */
import { createBot, MemoryDedupeStore, work } from "@sprig/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { podAndBotsPerTest } from "./support/pod-and-bots.ts";
import { BOT_ID } from "./support/test-pod.ts";

const Counter = work("counter", z.object({ value: z.number() }));

const { startPod, startBot } = podAndBotsPerTest();

/** One instance's bot (each process has its own), recording which instance handled each increment. */
function counterBot(
  name: string,
  handledBy: string[],
  slow: { entered: () => void; release: Promise<void> },
) {
  const bot = createBot({ help: false });
  bot.command("inc", { description: "Add one" }, async ({ history }) => {
    handledBy.push(name);
    const current = await history.latest(Counter);
    return Counter.create({ value: (current?.value ?? 0) + 1 });
  });
  bot.command("slow", { description: "Takes its time" }, async () => {
    slow.entered();
    await slow.release;
    return "slow done";
  });
  return bot;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("several instances on one fanout feed", () => {
  it("a counter kept in history counts every increment, whichever instance handled it", async () => {
    // Long visibility: A's slow batch must not be handed to B while A still works on it.
    const pod = await startPod({ datafeed: { visibilityTimeoutMs: 30_000, longPollMs: 200 } });
    const alice = pod.personId("alice");
    const im = await pod.dev.createIm([alice, BOT_ID]);
    const dedupe = new MemoryDedupeStore();
    const handledBy: string[] = [];
    let entered!: () => void;
    const slowEntered = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let release!: () => void;
    const slow = { entered, release: new Promise<void>((resolve) => (release = resolve)) };

    const values = async () =>
      (await pod.dev.messages(im))
        .filter((m) => m.user.userId === BOT_ID && m.data)
        .flatMap((m) =>
          Object.values(JSON.parse(m.data ?? "{}") as Record<string, { type?: string; value?: number }>),
        )
        .filter((entity) => entity.type === "counter")
        .map((entity) => entity.value);
    const increment = async () => {
      const before = (await values()).length;
      await pod.dev.postText(im, alice, "/inc");
      const deadline = Date.now() + 15_000;
      while ((await values()).length === before && Date.now() < deadline) await sleep(25);
    };
    const start = (name: string) => startBot(counterBot(name, handledBy, slow), { dedupe });

    await start("A");
    await increment();
    // A takes the slow command and holds its batch: it reads nothing more until released.
    await pod.dev.postText(im, alice, "/slow");
    await slowEntered;
    const b = await start("B");
    await increment();
    await increment();
    await increment();
    await b.stop();
    release();
    await increment();

    expect(handledBy).toEqual(["A", "B", "B", "B", "A"]);
    expect(await values()).toEqual([1, 2, 3, 4, 5]);
  });
});
