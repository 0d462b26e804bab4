/**
 * The config of a bot whose pod, agent, key manager and session auth are all one loopback server
 * of a benchmark's own (`port`): plain HTTP, a key pair made for the run, the BDK's default retries.
 */
import { generateKeyPairSync } from "node:crypto";
import type { SymphonyConfig } from "@sprig/symphony";

export function loopbackConfig(port: number): SymphonyConfig {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const service = { scheme: "http" as const, host: "127.0.0.1", port, context: "" };
  const retry = { maxAttempts: 10, initialIntervalMillis: 500, multiplier: 2, maxIntervalMillis: 300_000 };
  return {
    services: { pod: service, agent: service, keyManager: service, sessionAuth: service },
    bot: {
      username: "bench-bot",
      auth: { kind: "rsa", privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }) as string },
    },
    datafeed: { version: "v2", retry: { ...retry, maxAttempts: -1 } },
    retry,
  };
}
