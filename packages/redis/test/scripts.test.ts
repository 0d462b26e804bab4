/**
 * Scripts issued in one tick go out as one call, and each answers as if it had run alone: in the
 * order issued, a failing one rejecting only its own caller — also after Redis forgot the scripts.
 */
import { ErrorReply } from "@redis/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScript, script } from "../src/connection/scripts.ts";
import { connectRedis, type RedisConnection } from "../src/index.ts";
import { type RedisServer, redisServerMissing, startRedisServer } from "../src/testing/index.ts";

const missing = redisServerMissing();

const PUT = script(`redis.call('SET', KEYS[1], ARGV[1]) return 'put ' .. ARGV[1]`, "test put");
const GET = script(`return redis.call('GET', KEYS[1])`, "test get");
const COUNT = script(`return redis.call('INCR', KEYS[1])`, "test count");

describe.skipIf(missing !== undefined)("runScript", () => {
  let server: RedisServer;
  let redis: RedisConnection;
  /** The calls of each script command Redis has answered so far. */
  const calls = async () => {
    const stats = await redis.client.info("commandstats");
    const of = (name: string) => Number(new RegExp(`cmdstat_${name}:calls=(\\d+)`).exec(stats)?.[1] ?? 0);
    return { evalsha: of("evalsha"), eval: of("eval") };
  };

  beforeAll(async () => {
    server = await startRedisServer();
    redis = await connectRedis({ url: server.url, prefix: "scripts" });
  });
  afterAll(async () => {
    await redis?.close();
    await server?.stop();
  });

  it("sends the scripts of one tick as one call, each answered in the order issued", async () => {
    const { client } = redis;
    // Once, so that Redis knows the combined script.
    await Promise.all([runScript(client, PUT, ["k1"], ["a"]), runScript(client, GET, ["k1"], [])]);
    const before = await calls();
    const answers = await Promise.all([
      runScript(client, GET, ["k2"], []),
      runScript(client, PUT, ["k2"], ["b"]),
      runScript(client, GET, ["k2"], []),
      runScript(client, PUT, ["k3"], [7]),
    ]);
    expect(answers).toEqual([null, "put b", "b", "put 7"]);
    const after = await calls();
    expect(after.evalsha - before.evalsha).toBe(1);
    expect(after.eval - before.eval).toBe(0);
  });

  it("a failing script rejects its own caller only: the others of its tick run and answer", async () => {
    const { client } = redis;
    await client.set("text", "not a number");
    const [put, count, get] = await Promise.allSettled([
      runScript(client, PUT, ["k4"], ["c"]),
      runScript(client, COUNT, ["text"], []),
      runScript(client, GET, ["k4"], []),
    ]);
    expect(put).toEqual({ status: "fulfilled", value: "put c" });
    expect(get).toEqual({ status: "fulfilled", value: "c" });
    expect(count.status).toBe("rejected");
    // A reply error (a script's bug, a wrong type), not an outage.
    const reason = (count as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(ErrorReply);
    expect(String(reason.message)).toMatch(/not an integer/);
  });

  it("after Redis forgot its scripts (a restart), sends them in full and answers the same", async () => {
    const { client } = redis;
    await client.scriptFlush();
    const answers = await Promise.all([
      runScript(client, PUT, ["k5"], ["d"]),
      runScript(client, GET, ["k5"], []),
      runScript(client, COUNT, ["n"], []),
    ]);
    expect(answers).toEqual(["put d", "d", 1]);
  });

  it("rejects every script of the tick with redis.unavailable when Redis is away", async () => {
    const other = await connectRedis({ url: server.url, prefix: "scripts" });
    await server.pause();
    try {
      const results = await Promise.allSettled([
        runScript(other.client, PUT, ["k6"], ["e"]),
        runScript(other.client, GET, ["k6"], []),
      ]);
      for (const result of results) {
        expect(result.status).toBe("rejected");
        expect((result as PromiseRejectedResult).reason.code).toBe("redis.unavailable");
      }
    } finally {
      await server.resume();
      await other.close().catch(() => undefined);
    }
  });
});
