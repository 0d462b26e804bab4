import { stateStoreContract } from "@sprig/teams/testing";
import { afterAll, beforeAll, describe } from "vitest";
import { connectRedis, type RedisConnection, RedisStateStore } from "../src/index.ts";
import { type RedisServer, redisServerMissing, startRedisServer } from "../src/testing/index.ts";

const missing = redisServerMissing();

describe.skipIf(missing !== undefined)("RedisStateStore (Teams work state) on a real redis-server", () => {
  let server: RedisServer;
  let redis: RedisConnection;
  let n = 0;
  beforeAll(async () => {
    server = await startRedisServer();
    redis = await connectRedis({ url: server.url });
  });
  afterAll(async () => {
    await redis?.close();
    await server?.stop();
  });
  // Each case gets a namespace of its own: an empty store.
  stateStoreContract("redis", () => new RedisStateStore(redis, `teams-${n++}`));
});
