import { dedupeStoreContract } from "@sprig/testing/contracts";
import { afterAll, beforeAll, describe } from "vitest";
import { connectRedis, type RedisConnection, RedisDedupeStore } from "../src/index.ts";
import { type RedisServer, redisServerMissing, startRedisServer } from "../src/testing/index.ts";

const missing = redisServerMissing();

describe.skipIf(missing !== undefined)("RedisDedupeStore on a real redis-server", () => {
  let server: RedisServer;
  let redis: RedisConnection;
  beforeAll(async () => {
    server = await startRedisServer();
    redis = await connectRedis({ url: server.url });
  });
  afterAll(async () => {
    await redis?.close();
    await server?.stop();
  });

  // Redis judges leases by its own clock: time passes for real (a lease of 300 ms, waited out;
  // long enough that a step's own time on a loaded machine does not run it out).
  dedupeStoreContract("redis", {
    store: () => new RedisDedupeStore(redis),
    passTime: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    leaseMs: 300,
  });
});
