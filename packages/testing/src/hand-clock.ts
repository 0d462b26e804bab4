/**
 * A clock that moves only when a test says so, and the timers a bot arms on it: give a bot
 * `now` and `schedule`, then `advance(ms)` fires what has come due — each timer once, in the
 * order armed, none that was cancelled. Timers a bot arms while being fired wait for the next advance.
 */
export interface HandClock {
  now(): Date;
  /** Arms `fire` for `ms` from now; answers the function that cancels it. */
  schedule(ms: number, fire: () => void): () => void;
  /** Moves the clock on by `ms` and fires the timers that came due. */
  advance(ms: number): void;
}

export function handClock(start: Date): HandClock {
  let now = start.getTime();
  const timers: { at: number; fire: () => void; cancelled: boolean }[] = [];
  return {
    now: () => new Date(now),
    schedule(ms, fire) {
      const timer = { at: now + ms, fire, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    advance(ms) {
      now += ms;
      for (const timer of timers.splice(0)) {
        if (timer.cancelled) continue;
        if (timer.at <= now) timer.fire();
        else timers.push(timer);
      }
    },
  };
}
