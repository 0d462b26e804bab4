/**
 * Two instances of one bot read one feed (fanout, or tagged). When the feed is gone (400: its TTL ran
 * out, or it was deleted), each instance replaces it — and the second must take the feed the first
 * made, not make its own: on two feeds both instances would get, and answer, every event.
 */
import { createBot } from "@sprig/core";
import { describe, expect, it, vi } from "vitest";
import { podAndBotsPerTest } from "./support/pod-and-bots.ts";
import { BOT_ID, FAST_RETRY } from "./support/test-pod.ts";

const { startPod, startBot } = podAndBotsPerTest();

const echoBot = () => {
  const bot = createBot({ help: false });
  bot.command("echo {word}", ({ vars }) => `echo ${vars.word}`);
  return bot;
};

for (const tag of [undefined, "todo-bot"]) {
  describe(`two instances on one ${tag ? "tagged" : "fanout"} feed`, () => {
    it("after the feed is deleted, they share its replacement: every message answered once", async () => {
      const pod = await startPod({
        datafeed: { visibilityTimeoutMs: 2_000, longPollMs: 200 },
        config: {
          datafeed: { version: "v2", ...(tag ? { tag } : {}), retry: { ...FAST_RETRY, maxAttempts: -1 } },
        },
      });
      const first = await startBot(echoBot());
      const second = await startBot(echoBot());
      const [feed, ...others] = await first.connection.datafeed.listV2(tag);
      expect(others).toEqual([]); // one feed, shared
      const creates = [first, second].map((instance) => vi.spyOn(instance.connection.datafeed, "createV2"));

      await first.connection.datafeed.deleteV2(feed!.id!);
      const alice = pod.personId("alice");
      const im = await pod.dev.createIm([alice, BOT_ID]);
      const words = ["one", "two", "three", "four"];
      for (const word of words) await pod.dev.postText(im, alice, `/echo ${word}`);

      const answers = async () =>
        (await pod.dev.messages(im)).filter((m) => m.user.userId === BOT_ID).map((m) => m.message);
      for (let i = 0; i < 400 && (await answers()).length < words.length; i++)
        await new Promise((resolve) => setTimeout(resolve, 25));
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // a double would show by now
      expect((await answers()).length).toBe(words.length);
      // Each may have made one at the same moment, but they settled on one and deleted the other.
      expect(creates.reduce((sum, create) => sum + create.mock.calls.length, 0)).toBeGreaterThan(0);
      expect(await first.connection.datafeed.listV2(tag)).toHaveLength(1);
    });
  });
}
