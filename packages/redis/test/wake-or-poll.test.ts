/** The waiters of the order and the read turn: woken by their key's message, by the poll, or an abort. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { WakeOrPoll } from "../src/connection/wake-or-poll.ts";

describe("WakeOrPoll", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const settled = async (promise: Promise<void>) => {
    let done = false;
    void promise.then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    return done;
  };

  it("wakes the waiters of one key only, and a wake between listening and waiting still counts", async () => {
    const wakeups = new WakeOrPoll(250);
    const a = wakeups.listen("a");
    const b = wakeups.listen("b");
    wakeups.wake("a");
    expect(await settled(a.wait())).toBe(true);
    expect(await settled(b.wait())).toBe(false);
    wakeups.wake("b");
    expect(await settled(b.wait())).toBe(true);
  });

  it("without a wake-up, a waiter looks again after the poll — timed from wait, not listen", async () => {
    const wakeups = new WakeOrPoll(250);
    const listening = wakeups.listen("a");
    await vi.advanceTimersByTimeAsync(1_000);
    const waiting = listening.wait();
    await vi.advanceTimersByTimeAsync(249);
    expect(await settled(waiting)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(waiting)).toBe(true);
  });

  it("an abort, a cancel or wakeAll ends the wait", async () => {
    const wakeups = new WakeOrPoll(250);
    const controller = new AbortController();
    const aborted = wakeups.listen("a", controller.signal);
    const cancelled = wakeups.listen("b");
    const closing = wakeups.listen("c");
    controller.abort();
    cancelled.cancel();
    wakeups.wakeAll();
    for (const listening of [aborted, cancelled, closing]) expect(await settled(listening.wait())).toBe(true);
  });
});
