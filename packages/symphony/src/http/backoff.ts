import type { RetryConfig } from "../config/config-types.ts";

/** The share of each wait drawn at random: a wait is between half and all of the BDK's delay. */
const JITTER = 0.5;

/**
 * Delay before retry number `retry` (1 = the first retry), as the BDK's exponential function:
 * initial × multiplier^(retry-1), capped at the maximum — less a random share of up to half when
 * `random` is given (a draw in [0, 1)), so instances failing together retry apart.
 */
export function backoffDelay(config: RetryConfig, retry: number, random?: () => number): number {
  const raw = config.initialIntervalMillis * config.multiplier ** Math.max(0, retry - 1);
  const capped = Math.min(raw, config.maxIntervalMillis);
  return random ? Math.round(capped * (1 - JITTER * random())) : capped;
}

/** Whether another attempt is allowed after `attemptsMade` attempts (`maxAttempts` -1 = unlimited). */
export function mayRetry(config: RetryConfig, attemptsMade: number): boolean {
  return config.maxAttempts < 0 || attemptsMade < config.maxAttempts;
}

/**
 * `Retry-After` in milliseconds: delay-seconds or an HTTP date. Undefined when absent or unreadable,
 * so the caller falls back to its own backoff.
 */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  if (header === null || header === undefined || header.trim() === "") return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
