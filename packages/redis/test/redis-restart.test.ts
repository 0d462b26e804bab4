/**
 * Redis restarted while the bot runs: the connection comes back by itself. A Redis that kept what
 * it held (persistence) is simply back; one that comes back empty has forgotten every claim, place
 * and cached entry — an event in flight may then be answered twice — and the log must say so, not
 * only "Redis is back".
 */
import type { Logger } from "@sprig/core";
import { afterEach, describe, expect, it } from "vitest";
import { connectRedis, type RedisConnection } from "../src/index.ts";
import { type RedisServer, redisServerMissing, startRedisServer } from "../src/testing/index.ts";

const missing = redisServerMissing();

let redis: RedisServer | undefined;
let connection: RedisConnection | undefined;
afterEach(async () => {
  await connection?.close();
  await redis?.stop();
  connection = redis = undefined;
});

/** A logger keeping every line as "level message". */
function recording(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const at =
    (level: string) =>
    (...args: unknown[]) => {
      lines.push(`${level} ${args.find((a) => typeof a === "string") ?? ""}`);
    };
  const logger: Logger = {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    child: () => logger,
  };
  return { logger, lines };
}

async function restartedWhileConnected(appendOnly: boolean): Promise<string[]> {
  redis = await startRedisServer({ appendOnly });
  const { logger, lines } = recording();
  connection = await connectRedis({ url: redis.url }, logger);
  await redis.pause();
  await redis.resume();
  await connection.whenAvailable();
  await expect.poll(() => lines.filter((l) => l.startsWith("info Redis is back")).length).toBe(1);
  // Whatever it says of the restart, it has said it by the time one more command answers.
  await connection.client.ping();
  return lines;
}

describe.skipIf(missing !== undefined)("Redis restarted under a running bot", () => {
  it("back empty (no persistence): a warning says what was lost and what to do", async () => {
    const lines = await restartedWhileConnected(false);
    expect(lines).toContainEqual(
      expect.stringMatching(/^warn Redis came back empty.*answered twice.*appendonly/),
    );
  });

  it("back with what it held (append-only file): no such warning", async () => {
    const lines = await restartedWhileConnected(true);
    expect(lines.filter((l) => l.includes("came back empty"))).toEqual([]);
  });
});
