import { describe, expect, it } from "vitest";
import { SessionService } from "../src/auth/session-service.ts";
import { createIdSource, seededRandom } from "../src/index.ts";
import type { Clock } from "../src/runtime/clock.ts";
import { PodStore } from "../src/store/pod-store.ts";

/** Time moves only when the test says; timers are kept for the test to fire. */
function manualClock() {
  let now = 1_000_000;
  const timers: Array<{ at: number; callback: () => void }> = [];
  const clock: Clock = {
    now: () => now,
    setTimeout: (callback, ms) => {
      const timer = { at: now + ms, callback };
      timers.push(timer);
      return timer;
    },
    clearTimeout: (handle) => {
      const at = timers.indexOf(handle as (typeof timers)[number]);
      if (at >= 0) timers.splice(at, 1);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers.filter((t) => t.at <= now)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.callback();
    }
  };
  return { clock, advance, timers };
}

describe("sessions expire and are swept", () => {
  it("many logins with a short lifetime: the table shrinks back once they expire, with nobody calling in", () => {
    const { clock, advance } = manualClock();
    const store = new PodStore();
    const sessions = new SessionService(store, createIdSource(seededRandom(1)), clock, 5_000);
    for (let i = 0; i < 2_000; i++) sessions.issue(1, i % 2 === 0 ? "session" : "keyManager");
    expect(store.sessions.size).toBe(2_000);
    advance(3_000);
    const fresh = sessions.issue(2, "session");
    advance(2_500); // the first 2,000 are past their 5 s; the fresh one is not
    expect(store.sessions.size).toBe(1);
    expect(store.sessions.has(fresh.token)).toBe(true);
    advance(5_000);
    expect(store.sessions.size).toBe(0);
    sessions.dispose();
  });

  it("an expired token is refused even before the sweep runs", () => {
    const { clock, advance } = manualClock();
    const store = new PodStore();
    store.users.set(1, { id: 1, username: "a", displayName: "A", bot: true });
    const sessions = new SessionService(store, createIdSource(seededRandom(2)), clock, 60_000);
    const record = sessions.issue(1, "session");
    expect(sessions.resolve(record.token, "session")?.id).toBe(1);
    advance(59_999);
    expect(sessions.resolve(record.token, "session")?.id).toBe(1);
    advance(1);
    expect(sessions.resolve(record.token, "session")).toBeUndefined();
    sessions.dispose();
  });

  it("dispose stops the sweep timer", () => {
    const { clock, timers } = manualClock();
    const sessions = new SessionService(new PodStore(), createIdSource(seededRandom(3)), clock, 5_000);
    expect(timers).toHaveLength(1);
    sessions.dispose();
    expect(timers).toHaveLength(0);
  });
});
