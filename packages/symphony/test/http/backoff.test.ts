import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter } from "../../src/index.ts";

describe("exponential backoff (BDK defaults)", () => {
  it("waits 500 ms, then doubles, capped at 5 minutes", () => {
    const delays = [1, 2, 3, 4, 10, 11, 20].map((retry) => backoffDelay(DEFAULT_RETRY, retry));
    expect(delays).toEqual([500, 1000, 2000, 4000, 256_000, 300_000, 300_000]);
  });
});

describe("Retry-After", () => {
  const now = Date.UTC(2026, 0, 1, 0, 0, 0);
  it("reads delay-seconds and HTTP dates", () => {
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("0.5", now)).toBe(500);
    expect(parseRetryAfter(new Date(now + 7000).toUTCString(), now)).toBe(7000);
    expect(parseRetryAfter(new Date(now - 7000).toUTCString(), now)).toBe(0);
  });
  it("ignores what is absent or unreadable", () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("", now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });
});
