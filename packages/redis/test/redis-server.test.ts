/**
 * The throwaway redis-server of `@sprig/redis/testing` (tests, the soak, benches): empty after a
 * restart by default; with `appendOnly`, what it held comes back, as from a production Redis.
 */
import { afterEach, describe, expect, it } from "vitest";
import { connectRedis, type RedisConnection } from "../src/index.ts";
import { type RedisServer, redisServerMissing, startRedisServer } from "../src/testing/index.ts";

const missing = redisServerMissing();

let server: RedisServer | undefined;
let redis: RedisConnection | undefined;
afterEach(async () => {
  await redis?.close();
  await server?.stop();
  server = redis = undefined;
});

async function keptAcrossRestart(appendOnly: boolean): Promise<string | null> {
  server = await startRedisServer({ appendOnly });
  redis = await connectRedis({ url: server.url });
  await redis.client.set("kept", "yes");
  await server.pause();
  await server.resume();
  await redis.whenAvailable();
  return (await redis.client.get("kept")) as string | null;
}

describe.skipIf(missing !== undefined)("startRedisServer", () => {
  it("comes back empty after pause() / resume() by default", async () => {
    expect(await keptAcrossRestart(false)).toBeNull();
  });

  it("with appendOnly, gives back what it held after pause() / resume()", async () => {
    expect(await keptAcrossRestart(true)).toBe("yes");
  });
});
