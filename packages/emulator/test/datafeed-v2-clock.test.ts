import { describe, expect, it } from "vitest";
import { defaultDatafeedSettings } from "../src/datafeed/datafeed-settings.ts";
import { DatafeedV2, type ReadOutcome } from "../src/datafeed/datafeed-v2.ts";
import type { V4Event } from "../src/events/event-factory.ts";
import { createIdSource, seededRandom } from "../src/index.ts";
import type { Clock } from "../src/runtime/clock.ts";

/** A clock the test moves by hand: timers fire only when `advance` passes them. */
class ManualClock implements Clock {
  private time = 1_000_000;
  private timers: Array<{ at: number; callback: () => void; id: number }> = [];
  private nextId = 1;
  now = () => this.time;
  setTimeout = (callback: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, callback, id });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };
  advance(ms: number) {
    const until = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.callback();
    }
    this.time = until;
  }
}

const event = (id: string): V4Event => ({
  id,
  timestamp: 0,
  type: "MESSAGESENT",
  initiator: { user: {} },
  payload: {},
});
const ids = (outcome: ReadOutcome) => (outcome.kind === "events" ? outcome.events.map((e) => e.id) : "gone");

describe("datafeed v2 on a manual clock (no real time passes)", () => {
  const settings = { ...defaultDatafeedSettings, visibilityTimeoutMs: 30_000, longPollMs: 30_000 };
  const setup = () => {
    const clock = new ManualClock();
    const feed = new DatafeedV2(
      "f_f",
      1,
      undefined,
      clock.now(),
      settings,
      clock,
      createIdSource(seededRandom(1)),
    );
    return { clock, feed };
  };

  it("redelivers an unacknowledged batch exactly at the visibility timeout, not a millisecond before", async () => {
    const { clock, feed } = setup();
    feed.deliver(event("a"));
    const first = await feed.read("");
    expect(ids(first)).toEqual(["a"]);
    let settled: ReadOutcome | undefined;
    void feed.read("").then((o) => {
      settled = o;
    });
    clock.advance(29_999);
    await Promise.resolve();
    expect(settled).toBeUndefined();
    clock.advance(1);
    await Promise.resolve();
    expect(settled && ids(settled)).toEqual(["a"]);
  });

  it("an acknowledged batch never comes back; the long-poll ends empty at 30 s", async () => {
    const { clock, feed } = setup();
    feed.deliver(event("a"));
    const first = await feed.read("");
    let settled: ReadOutcome | undefined;
    void feed.read(first.kind === "events" ? first.ackId : "").then((o) => {
      settled = o;
    });
    clock.advance(30_000);
    await Promise.resolve();
    expect(settled && ids(settled)).toEqual([]);
    clock.advance(120_000);
    const later = feed.read("");
    clock.advance(30_000);
    expect(ids(await later)).toEqual([]);
  });

  it("redelivered events go ahead of newer ones, in their original order", async () => {
    const { clock, feed } = setup();
    feed.deliver(event("a"));
    feed.deliver(event("b"));
    await feed.read("");
    feed.deliver(event("c"));
    clock.advance(30_000);
    expect(ids(await feed.read(""))).toEqual(["a", "b", "c"]);
  });

  it("is expired after its TTL without a read, but not while a reader waits", async () => {
    const { clock, feed } = setup();
    const pending = feed.read("");
    clock.advance(settings.ttlMs + 1);
    expect(feed.isExpired(clock.now())).toBe(false); // the long-poll ended at 30 s and counted as a read
    await pending;
    clock.advance(settings.ttlMs + 1);
    expect(feed.isExpired(clock.now())).toBe(true);
  });
});
