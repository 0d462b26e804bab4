/**
 * A connection closes what it opened: a subscriber that failed half-way is not left behind, and
 * closing the connection closes its duplicates. A Redis client left open reconnects for ever and
 * keeps the bot's process alive after `stop()` — the soak saw an instance that never exited after
 * SIGTERM, its Redis having restarted while its first subscriber was opening.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectRedis, type RedisConnection, RedisErrorCode, RedisReadTurn } from "../src/index.ts";
import { type RedisServer, redisServerMissing, startRedisServer } from "../src/testing/index.ts";

const missing = redisServerMissing();
const PASSWORD = "connection-test-pw";
/** Users the tests connect as, so each test counts only its own clients on the server. */
const users = ["nosub", "closer", "late"] as const;
/** `nosub` may do everything but SUBSCRIBE: its subscriber connects, then fails. */
const userArgs = users.flatMap((user) => [
  "--user",
  user,
  "on",
  `>${PASSWORD}`,
  "~*",
  "&*",
  "+@all",
  ...(user === "nosub" ? ["-subscribe"] : []),
]);

describe.skipIf(missing !== undefined)("a Redis connection", () => {
  let server: RedisServer;
  let admin: RedisConnection;
  const as = (user: (typeof users)[number]) =>
    connectRedis({ url: server.url, username: user, password: PASSWORD, prefix: user });
  /** How many connections the server has open for `user`, once a closed one has had time to go (2 s at most). */
  const clientsOf = async (user: string, expected: number) => {
    let count = -1;
    for (let tries = 0; tries < 40 && count !== expected; tries++) {
      if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      const list = await admin.client.sendCommand(["CLIENT", "LIST"]);
      count = String(list)
        .split("\n")
        .filter((line) => line.includes(` user=${user} `)).length;
    }
    return count;
  };
  beforeAll(async () => {
    server = await startRedisServer({ args: userArgs });
    admin = await connectRedis({ url: server.url });
  });
  afterAll(async () => {
    await admin?.close();
    await server?.stop();
  });

  it("a subscriber that connected but could not subscribe is closed, not left reconnecting", async () => {
    const redis = await as("nosub");
    try {
      const turn = new RedisReadTurn(redis);
      // Refused by the ACL: an error to fix, not an outage to wait out.
      await expect(turn.take()).rejects.toThrow(/NOPERM/);
      await expect(turn.take()).rejects.toThrow(/NOPERM/);
      // Only the connection itself: neither failed subscriber stayed.
      expect(await clientsOf("nosub", 1)).toBe(1);
    } finally {
      await redis.close();
    }
    expect(await clientsOf("nosub", 0)).toBe(0);
  });

  it("closing the connection closes the duplicates it opened, whoever holds them", async () => {
    const redis = await as("closer");
    const turn = new RedisReadTurn(redis);
    const release = await turn.take(); // opens the turn's subscriber
    await release();
    expect(await clientsOf("closer", 2)).toBe(2);
    // The turn is never closed: its owner forgot, or was stopping when it opened.
    await redis.close();
    expect(await clientsOf("closer", 0)).toBe(0);
  });

  it("a closed connection opens no more duplicates", async () => {
    const redis = await as("late");
    await redis.close();
    await expect(redis.duplicate()).rejects.toMatchObject({ code: RedisErrorCode.Unavailable });
    expect(await clientsOf("late", 0)).toBe(0);
  });
});
