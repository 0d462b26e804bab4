import type { SymphonyConfig } from "../../src/index.ts";

/** A resolved config pointing every service at one fake server, with fast retries for tests. */
export function testConfig(
  port: number,
  privateKeyPem: string,
  overrides: Partial<SymphonyConfig> = {},
): SymphonyConfig {
  const service = { scheme: "http" as const, host: "127.0.0.1", port, context: "" };
  const retry = { maxAttempts: 4, initialIntervalMillis: 1, multiplier: 2, maxIntervalMillis: 20 };
  return {
    services: { pod: service, agent: service, keyManager: service, sessionAuth: service },
    bot: { username: "sprig-bot", auth: { kind: "rsa", privateKeyPem } },
    datafeed: { version: "v2", retry: { ...retry, maxAttempts: -1 } },
    retry,
    ...overrides,
  };
}

/** A clock whose sleeps resolve at once and are recorded, so backoff delays can be asserted exactly. */
export function recordingClock() {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => Date.now(),
    sleep: async (ms: number, signal?: AbortSignal) => {
      sleeps.push(ms);
      if (signal?.aborted) throw signal.reason;
      await new Promise((resolve) => setImmediate(resolve));
      if (signal?.aborted) throw signal.reason;
    },
  };
}
