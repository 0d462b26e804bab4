/**
 * Which events an earlier process may have handled, on the pod's clock: those it stamped before
 * this process began reading. Their answers are looked up before they are posted (however late
 * they are redelivered); every event after the start is the steady state and costs no lookup.
 */
import { type Bot, createBot, silentLogger } from "@sprig/core";
import { describe, expect, it, vi } from "vitest";
import { ProcessStart } from "../../src/adapter/process-start.ts";
import { type DatafeedApi, systemClock } from "../../src/index.ts";
import type { FeedCallOptions } from "../../src/rest/datafeed-api.ts";
import { ANN, BOT, textOf } from "./emulated-pod.ts";
import { adapterOnPod } from "./support/adapter-on-pod.ts";

const VISIBILITY_MS = 60_000;

describe("a restart, with the pod's clock 3 minutes ahead of this machine's", () => {
  // A redelivery a minute after the read (on the pod's clock, which the test moves on).
  const { pod, start, stop, steady } = adapterOnPod({ visibilityTimeoutMs: VISIBILITY_MS });

  const botTexts = async () =>
    (await pod.messages(pod.annIm)).filter((m) => m.user.userId === BOT).map((m) => textOf(m.message));

  it("an earlier process's event, redelivered after the start, is looked up; events after the start are not", async () => {
    // Beyond the 60 s clockSkewMs allowance (a login JWT still passes): this machine's clock
    // would call the earlier process's event new, and post its answer a second time.
    pod.advanceClock(180_000);
    let runs = 0;
    const handlers = (bot: Bot) => {
      bot.command("once", async ({ reply }) => {
        runs++;
        await reply(`answer ${runs}`);
        // The earlier process dies here: posted, never acknowledged.
        if (runs === 1) await new Promise(() => undefined);
      });
      bot.command("echo {n}", ({ vars }) => `echo ${vars.n}`);
    };
    const earlier = createBot({ logger: silentLogger });
    handlers(earlier);
    await start(earlier, { stopGraceMs: 100 });
    await pod.say(pod.annIm, ANN, "/once");
    await pod.botMessages(pod.annIm, 1);
    await stop(); // the batch is abandoned: redelivered once its visibility timeout is over

    const later = createBot({ logger: silentLogger });
    handlers(later);
    const adapter = await start(later);
    const list = vi.spyOn(adapter.connection.messages, "list");
    await steady();
    for (const n of [1, 2, 3]) await pod.say(pod.annIm, ANN, `/echo ${n}`);
    await pod.botMessages(pod.annIm, 4);
    expect(list).not.toHaveBeenCalled(); // three events after the start: no lookup

    // The pod's clock passes the visibility timeout: the unacknowledged /once comes back now.
    pod.advanceClock(VISIBILITY_MS);
    await vi.waitUntil(() => runs === 2, { timeout: 10_000 });
    await stop(); // the redelivery handled and acknowledged: nothing more can come
    expect(await botTexts()).toEqual(["answer 1", "echo 1", "echo 2", "echo 3"]);
    expect(list).toHaveBeenCalled();
  });
});

describe("ProcessStart: the line is the pod's time at the first answered read", () => {
  /** A datafeed API whose reads answer with the given `Date` (or none). */
  function feed(podTime: number | undefined): DatafeedApi {
    const read = async (options?: FeedCallOptions) => {
      options?.onServerDate?.(podTime);
      return { events: [], ackId: "a" };
    };
    return {
      readV2: (_feed: string, _ack: string, options?: FeedCallOptions) => read(options),
      readV1: async (_feed: string, options?: FeedCallOptions) => (await read(options)).events,
    } as unknown as DatafeedApi;
  }

  it("before any answer every event may predate the process; after, those before Date + 1 s", async () => {
    const start = new ProcessStart(systemClock, 60_000);
    expect(start.mayPredate(0)).toBe(true);
    const api = start.wrap(feed(Date.parse("Mon, 07 Dec 2026 10:00:00 GMT")));
    await api.readV2("f", "");
    expect(start.mayPredate(Date.parse("2026-12-07T10:00:00.999Z"))).toBe(true);
    expect(start.mayPredate(Date.parse("2026-12-07T10:00:01.000Z"))).toBe(false);
    expect(start.mayPredate(undefined)).toBe(true);
    await start.reading; // the first read went out
  });

  it("a later answer does not move the line; a read answered without Date draws it on this machine's clock plus the allowance", async () => {
    const clock = { ...systemClock, now: () => 5_000 };
    const start = new ProcessStart(clock, 60_000);
    await start.wrap(feed(undefined)).readV1("f");
    await start.wrap(feed(10_000_000)).readV1("f");
    expect(start.mayPredate(64_999)).toBe(true);
    expect(start.mayPredate(65_000)).toBe(false);
  });
});
