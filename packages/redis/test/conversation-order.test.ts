/**
 * Two instances (two connections, two `RedisConversationOrder`s) receive one room's events
 * interleaved: they handle them in the pod's order, one at a time — and a place left by an
 * instance that died is kept for its event's redelivery, given up only once its lease and the
 * redelivery grace have run out; an event behind it is given back to the feed (its instance must
 * stay free to read that redelivery), keeping its place.
 */
import type { OrderPlace } from "@sprig/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectRedis, type RedisConnection, RedisConversationOrder } from "../src/index.ts";
import { type RedisServer, redisServerMissing, startRedisServer } from "../src/testing/index.ts";

const missing = redisServerMissing();

let n = 0;
/** The place of an event of the room at pod time `at` (ms). */
function event(at: number): OrderPlace {
  return { id: `test:event:e${n++}`, time: new Date(at) };
}
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(missing !== undefined)("RedisConversationOrder across two instances", () => {
  let server: RedisServer;
  const connections: RedisConnection[] = [];
  const orders: RedisConversationOrder[] = [];
  const instance = async () => {
    const connection = await connectRedis({ url: server.url, prefix: `t${n++}` });
    connections.push(connection);
    return connection;
  };
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    for (const order of orders) await order.close();
    for (const connection of connections) await connection.close();
    await server?.stop();
  });

  it("one room's events, interleaved over two instances, are handled in order and never at once", async () => {
    const redis = await instance();
    const second = await connectRedis({ url: server.url, prefix: redis.prefix });
    connections.push(second);
    const a = new RedisConversationOrder(redis);
    const b = new RedisConversationOrder(second);
    orders.push(a, b);
    const handled: number[] = [];
    let running = 0;
    let overlapped = false;
    const handle = (i: number) => async () => {
      running++;
      if (running > 1) overlapped = true;
      await tick(20);
      handled.push(i);
      running--;
    };
    const key = "test:chat:room-1";
    // The feed hands A events 1 and 3, B events 2 and 4 (pod times 1000…4000), read in that order.
    const tickets = [1, 2, 3, 4].map((i) =>
      ((i % 2 === 1 ? a : b) as RedisConversationOrder).enter(key, event(i * 1000)),
    );
    // B is quicker to start than A: its events must still wait for A's earlier ones.
    const runs = [3, 1, 2, 0].map((i) => tickets[i]!.run(handle(i + 1)));
    await Promise.all(runs);
    expect(handled).toEqual([1, 2, 3, 4]);
    expect(overlapped).toBe(false);
  });

  it("a duplicate that leaves its place does not hold the line", async () => {
    const redis = await instance();
    const order = new RedisConversationOrder(redis);
    orders.push(order);
    const key = "test:chat:room-2";
    const first = order.enter(key, event(1000));
    const second = order.enter(key, event(2000));
    first.leave();
    await expect(second.run(async () => "ran")).resolves.toBe("ran");
  });

  it("two events of one pod millisecond run in the order their places were taken, not by name", async () => {
    const redis = await instance();
    const order = new RedisConversationOrder(redis);
    orders.push(order);
    const key = "test:chat:room-8";
    // Entered in the feed's order; by name, "a…" would come first.
    const earlier = order.enter(key, { id: "test:event:z-earlier", time: new Date(5000) });
    const later = order.enter(key, { id: "test:event:a-later", time: new Date(5000) });
    const ran: string[] = [];
    const laterRun = later.run(async () => void ran.push("later"));
    await tick(300);
    await earlier.run(async () => void ran.push("earlier"));
    await laterRun;
    expect(ran).toEqual(["earlier", "later"]);
  });

  it("a delivery of an event already done frees its place, though another delivery made it", async () => {
    const redis = await instance();
    const order = new RedisConversationOrder(redis, { leaseMs: 300, redeliveryGraceMs: 30_000, pollMs: 20 });
    orders.push(order);
    const key = "test:chat:room-7";
    const one = event(1000);
    // Event 1 ran, but its place was not freed (Redis went away as it finished): it lingers.
    order.enter(key, one);
    // A duplicate delivery finds it done: no delivery will run in the place again.
    order.enter(key, { ...one }).leave(true);
    await expect(order.enter(key, event(2000)).run(async () => "ran")).resolves.toBe("ran");
  });

  it("the place of an instance that died is given up once its lease and the redelivery grace have run out", async () => {
    const redis = await instance();
    const dead = await connectRedis({ url: server.url, prefix: redis.prefix });
    connections.push(dead);
    const key = "test:chat:room-3";
    // The dead instance read the earlier event, took its place, and never ran or refreshed it.
    new RedisConversationOrder(dead, { leaseMs: 200 }).enter(key, event(1000));
    await tick(50);
    const alive = new RedisConversationOrder(redis, { leaseMs: 200, redeliveryGraceMs: 200, pollMs: 50 });
    orders.push(alive);
    const started = Date.now();
    await expect(alive.enter(key, event(2000)).run(async () => "ran")).resolves.toBe("ran");
    // It waited for the dead place's lease and grace (not for ever, not skipping it at once).
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it("an event whose instance died runs in its own place on redelivery, before the later events", async () => {
    const first = await instance();
    const second = await connectRedis({ url: server.url, prefix: first.prefix });
    const third = await connectRedis({ url: server.url, prefix: first.prefix });
    connections.push(second, third);
    const options = { leaseMs: 200, redeliveryGraceMs: 30_000, pollMs: 20 };
    const [a, b, c] = [first, second, third].map((redis) => new RedisConversationOrder(redis, options));
    orders.push(a!, b!, c!);
    const key = "test:chat:room-5";
    const one = event(1000);
    const two = event(2000);
    const handled: string[] = [];
    // A reads event 1, starts it and dies mid-run: its keep-alive stops with its connection.
    const dying = a!.enter(key, one).run(() => new Promise<never>(() => undefined));
    void dying.catch(() => undefined);
    await tick(50);
    await first.close();
    // B reads event 2: behind a place nobody tends, it gives event 2 back to the feed (so that B reads
    // again, and may be the one to get event 1's redelivery), keeping its place.
    await expect(b!.enter(key, two).run(async () => void handled.push("2"))).rejects.toMatchObject({
      code: "sprig.held_elsewhere",
    });
    // The datafeed hands event 1 out again — first to C while A's dedupe claim still holds it (C
    // gives its place up: not its own), later to B, which runs it.
    c!.enter(key, one).leave();
    // Several leases pass: the dead place must still hold event 2 back (its redelivery too).
    await tick(1_000);
    await expect(c!.enter(key, { ...two }).run(async () => void handled.push("2"))).rejects.toMatchObject({
      code: "sprig.held_elsewhere",
    });
    expect(handled).toEqual([]);
    await b!.enter(key, { ...one }).run(async () => void handled.push("1"));
    // Event 2's next redelivery runs, in its place.
    await c!.enter(key, { ...two }).run(async () => void handled.push("2"));
    expect(handled).toEqual(["1", "2"]);
  });

  it("an earlier event entered a moment after a later one (read together by two instances) still runs first", async () => {
    const first = await instance();
    const second = await connectRedis({ url: server.url, prefix: first.prefix });
    connections.push(second);
    const a = new RedisConversationOrder(first, { settleMs: 300, pollMs: 20 });
    const b = new RedisConversationOrder(second, { settleMs: 300, pollMs: 20 });
    orders.push(a, b);
    const key = "test:chat:room-6";
    const handled: number[] = [];
    // B enters event 2 first; A, slower to map what it read, enters event 1 a little later.
    const later = b.enter(key, event(2000)).run(async () => void handled.push(2));
    await tick(50);
    await a.enter(key, event(1000)).run(async () => void handled.push(1));
    await later;
    expect(handled).toEqual([1, 2]);
  });

  it("while Redis is away a turn fails with redis.unavailable (nothing runs without the order)", async () => {
    const redis = await instance();
    const order = new RedisConversationOrder(redis);
    orders.push(order);
    await server.pause();
    let ran = false;
    await expect(
      order.enter("test:chat:room-4", event(1000)).run(async () => {
        ran = true;
      }),
    ).rejects.toMatchObject({ code: "redis.unavailable" });
    expect(ran).toBe(false);
    await server.resume();
    await redis.whenAvailable();
    await expect(order.enter("test:chat:room-4", event(2000)).run(async () => "back")).resolves.toBe("back");
  });
});
