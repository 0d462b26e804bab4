import { setTimeout as delay } from "node:timers/promises";

/** Time as the adapter sees it: injectable so retries, backoff and JWT expiry are testable. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason as soon as the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * A random number in [0, 1) that spreads retry waits (`backoffDelay`), so instances retrying
   * after the same outage do not all call again at the same moments. Without it waits are exact
   * (test clocks); the system clock draws `Math.random`.
   */
  random?(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  random: () => Math.random(),
  sleep: (ms, signal) => delay(ms, undefined, signal ? { signal } : undefined),
};
