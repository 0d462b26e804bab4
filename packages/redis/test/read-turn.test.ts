/**
 * The feed's read turn: one holder at a time across instances; a holder that dies (never
 * releases) stops the others only for its lease; a waiter whose datafeed stops gives up.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectRedis, type RedisConnection, RedisReadTurn } from "../src/index.ts";
import { type RedisServer, redisServerMissing, startRedisServer } from "../src/testing/index.ts";

const missing = redisServerMissing();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(missing !== undefined)("RedisReadTurn", () => {
  let server: RedisServer;
  const connections: RedisConnection[] = [];
  const turns: RedisReadTurn[] = [];
  let n = 0;
  /** `count` instances' read turns over one prefix (each its own connection). */
  const instances = async (count: number, leaseMs = 3_000) => {
    const prefix = `rt${n++}`;
    const made: RedisReadTurn[] = [];
    for (let i = 0; i < count; i++) {
      const connection = await connectRedis({ url: server.url, prefix });
      connections.push(connection);
      made.push(new RedisReadTurn(connection, { leaseMs }));
    }
    turns.push(...made);
    return made;
  };
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    for (const turn of turns) await turn.close();
    for (const connection of connections) await connection.close();
    await server?.stop();
  });

  it("three instances reading in a loop never hold the turn at once, and each gets it", async () => {
    const readers = await instances(3);
    let holding = 0;
    let overlapped = false;
    const reads = [0, 0, 0];
    await Promise.all(
      readers.map(async (turn, i) => {
        for (let k = 0; k < 15; k++) {
          const release = await turn.take();
          holding++;
          if (holding > 1) overlapped = true;
          await sleep(2);
          reads[i]!++;
          holding--;
          await release();
        }
      }),
    );
    expect(overlapped).toBe(false);
    expect(reads).toEqual([15, 15, 15]);
  });

  it("a holder that died (never released) holds the turn only until its lease runs out", async () => {
    const [dead, alive] = await instances(2, 600);
    await dead!.take();
    // Its process is gone: nothing renews the turn any more.
    await connections.at(-2)!.close();
    const started = Date.now();
    const release = await alive!.take();
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    await release();
  });

  it("a live holder keeps the turn beyond its lease: it renews it while it reads", async () => {
    const [holder, other] = await instances(2, 300);
    const release = await holder!.take();
    const controller = new AbortController();
    const waiting = other!.take(controller.signal);
    let taken = false;
    void waiting.then(
      () => (taken = true),
      () => undefined,
    );
    await sleep(1_000);
    expect(taken).toBe(false);
    await release();
    await (await waiting)();
  });

  it("a release tells the waiters only when someone waits (one instance alone hears nothing)", async () => {
    const [alone, other] = await instances(2);
    const heard: string[] = [];
    const listener = await connections.at(-1)!.duplicate();
    await listener.subscribe(
      `${connections.at(-1)!.prefix}:{reads}:free`,
      (message) => void heard.push(message),
    );
    for (let i = 0; i < 5; i++) await (await alone!.take())();
    await sleep(100);
    expect(heard).toEqual([]);
    const release = await alone!.take();
    const waiting = other!.take();
    await sleep(100);
    await release();
    await (await waiting)();
    expect(heard.length).toBeGreaterThanOrEqual(1);
    await listener.close();
  });

  it("a waiter whose datafeed stops gives up", async () => {
    const [holder, other] = await instances(2);
    const release = await holder!.take();
    const controller = new AbortController();
    const waiting = other!.take(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeDefined();
    await release();
  });

  it("a first take while Redis is away gives up when its datafeed stops, and close does not wait (its subscriber still connecting)", async () => {
    const [reader] = await instances(1);
    await server.pause();
    try {
      const controller = new AbortController();
      // The subscriber opens with the first take, and its connection waits for Redis to come back.
      const waiting = reader!.take(controller.signal);
      await sleep(200);
      controller.abort(new Error("stopping"));
      await expect(waiting).rejects.toThrow("stopping");
      // Nor does closing wait for that subscriber: the bot's stop goes on (its connection's close ends it).
      await reader!.close();
    } finally {
      await server.resume();
    }
  });
});
