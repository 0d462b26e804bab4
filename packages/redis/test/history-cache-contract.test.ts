import type { HistoryCache } from "@sprig/core";
import { historyCacheContract } from "@sprig/testing/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectRedis, type RedisConnection, RedisHistoryCache } from "../src/index.ts";
import { type RedisServer, redisServerMissing, startRedisServer } from "../src/testing/index.ts";

const missing = redisServerMissing();

describe.skipIf(missing !== undefined)("RedisHistoryCache on a real redis-server", () => {
  let server: RedisServer;
  let connections: RedisConnection[] = [];
  beforeAll(async () => {
    server = await startRedisServer();
    // Two connections: two instances, each with its own client, one Redis between them.
    connections = [await connectRedis({ url: server.url }), await connectRedis({ url: server.url })];
  });
  afterAll(async () => {
    for (const connection of connections) await connection.close();
    await server?.stop();
  });

  historyCacheContract("redis", {
    instances: () =>
      [new RedisHistoryCache(connections[0]!), new RedisHistoryCache(connections[1]!)] as [
        HistoryCache,
        HistoryCache,
      ],
  });

  it("keeps a conversation's entries for retentionMs after its last write", async () => {
    const cache = new RedisHistoryCache(connections[0]!, { retentionMs: 200 });
    await cache.observe("retained", { messageId: "m1", time: 1, keys: ["k"], works: [] });
    expect(await connections[0]!.client.pTTL("sprig:history:{retained}")).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await cache.latest("retained", "k")).toBeUndefined();
  });

  it("with Redis away every call fails at once with redis.unavailable (the caller falls back to the pod)", async () => {
    const cache = new RedisHistoryCache(connections[0]!);
    await server.pause();
    try {
      const message = { messageId: "m1", time: 1, keys: ["k"], works: [] };
      await expect(cache.latest("away", "k")).rejects.toMatchObject({ code: "redis.unavailable" });
      await expect(cache.observe("away", message)).rejects.toMatchObject({ code: "redis.unavailable" });
      await expect(cache.forget("away", "m1")).rejects.toMatchObject({ code: "redis.unavailable" });
    } finally {
      await server.resume();
      for (const connection of connections) await connection.whenAvailable();
    }
  });
});
