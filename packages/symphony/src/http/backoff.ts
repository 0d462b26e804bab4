import type { RetryConfig } from "../config/config-types.ts";

/**
 * Delay before retry number `retry` (1 = the first retry), as the BDK's exponential function:
 * initial × multiplier^(retry-1), capped at the maximum.
 */
export function backoffDelay(config: RetryConfig, retry: number): number {
  const raw = config.initialIntervalMillis * config.multiplier ** Math.max(0, retry - 1);
  return Math.min(raw, config.maxIntervalMillis);
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
