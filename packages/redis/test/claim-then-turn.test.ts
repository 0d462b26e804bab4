/**
 * An action's claim and its first look for its turn in one call (`OrderTicket.claim` with the
 * Redis dedupe store, as the Symphony adapter runs them through core's `runOnce`): a refused claim
 * takes no turn, a turn not free leaves the claim to `runOnce` (run waits for the turn, a failure
 * releases the keys), a turn taken with the claim is kept for `run` or ended by `leave`, and its
 * end is still fenced by its token.
 */
import { type OrderTicket, runOnce } from "@sprig/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connectRedis,
  type RedisConnection,
  RedisConversationOrder,
  RedisDedupeStore,
} from "../src/index.ts";
import { type RedisServer, redisServerMissing, startRedisServer } from "../src/testing/index.ts";

const missing = redisServerMissing();
const LEASE = 10_000;
let n = 0;

describe.skipIf(missing !== undefined)("claim and turn in one call", () => {
  let server: RedisServer;
  const connections: RedisConnection[] = [];
  const orders: RedisConversationOrder[] = [];
  /** One instance: its connection, order and dedupe store, over a shared prefix. */
  const instance = async (prefix: string) => {
    const redis = await connectRedis({ url: server.url, prefix });
    connections.push(redis);
    const order = new RedisConversationOrder(redis, { leaseMs: LEASE });
    orders.push(order);
    return { redis, order, dedupe: new RedisDedupeStore(redis) };
  };
  /** An action of `room` (its place named by its message key), as the adapter names it. */
  const action = (at: number) => {
    const id = n++;
    return {
      keys: [`test:event:e${id}`, `test:message:m${id}`],
      place: { id: `test:message:m${id}`, time: new Date(at) },
    };
  };
  const turnOf = (redis: RedisConnection, room: string) =>
    redis.client.get(`${redis.prefix}:order:{${room}}:turn`);
  const scriptCalls = async (redis: RedisConnection) => {
    const stats = await redis.client.info("commandstats");
    return Number(/cmdstat_evalsha:calls=(\d+)/.exec(stats)?.[1] ?? 0);
  };
  /** As the Symphony adapter: claimed with the ticket, run in turn, completed inside the turn. */
  const handle = <R>(dedupe: RedisDedupeStore, ticket: OrderTicket, keys: string[], work: () => Promise<R>) =>
    runOnce(
      dedupe,
      keys,
      LEASE,
      (complete) =>
        ticket.run(async () => {
          const result = await work();
          complete();
          return result;
        }),
      (claimed, leaseMs) => ticket.claim?.(dedupe, claimed, leaseMs),
    );

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    for (const order of orders) await order.close();
    for (const connection of connections) await connection.close();
    await server?.stop();
  });

  it("with the turn free, claims and takes it in one call: the action costs two calls after its place", async () => {
    const { redis, order, dedupe } = await instance(`c${n++}`);
    const { keys, place } = action(1000);
    const ticket = order.enter("room", place);
    await ticket.entered;
    // Redis knows the scripts (a first action), so that each call below is one EVALSHA.
    const warm = action(500);
    const warmTicket = order.enter("room", warm.place);
    await handle(dedupe, warmTicket, warm.keys, async () => "warm");
    const before = await scriptCalls(redis);
    const once = await handle(dedupe, ticket, keys, async () => "ran");
    expect(once).toEqual({ ran: true, result: "ran" });
    // The claim with the turn, then the completion with the turn's end.
    expect((await scriptCalls(redis)) - before).toBe(2);
    expect(await turnOf(redis, "room")).toBeNull();
    expect(await dedupe.claimAll(keys, LEASE)).toBe("done");
  });

  it("a claim refused as held takes no turn: the holder's turn and run are untouched", async () => {
    const prefix = `c${n++}`;
    const a = await instance(prefix);
    const b = await instance(prefix);
    const { keys, place } = action(1000);
    // Two deliveries of one message, one per instance: one place.
    const first = a.order.enter("room", place);
    const second = b.order.enter("room", place);
    await Promise.all([first.entered, second.entered]);
    expect(await first.claim?.(a.dedupe, keys, LEASE)).toBe("first");
    const held = await turnOf(a.redis, "room");
    expect(held).toMatch(new RegExp(`^${place.id}\\|\\d+$`));
    // The other delivery (same place name) must not take the holder's turn over.
    expect(await second.claim?.(b.dedupe, keys, LEASE)).toBe("held");
    expect(await turnOf(a.redis, "room")).toBe(held);
    second.leave();
    await expect(first.run(async () => "ran")).resolves.toBe("ran");
    expect(await turnOf(a.redis, "room")).toBeNull();
  });

  it("a claim refused as done takes no turn, and the next action runs", async () => {
    const { redis, order, dedupe } = await instance(`c${n++}`);
    const { keys, place } = action(1000);
    await dedupe.claimAll(keys, LEASE);
    await dedupe.completeAll(keys);
    const ticket = order.enter("room", place);
    const later = action(2000);
    const next = order.enter("room", later.place);
    await ticket.entered;
    expect(await ticket.claim?.(dedupe, keys, LEASE)).toBe("done");
    expect(await turnOf(redis, "room")).toBeNull();
    ticket.leave(true);
    await expect(handle(dedupe, next, later.keys, async () => "next")).resolves.toEqual({
      ran: true,
      result: "next",
    });
  });

  it("with the turn held by an earlier action, keeps the claim and runs once that one is done", async () => {
    const { order, dedupe } = await instance(`c${n++}`);
    const earlier = action(1000);
    const later = action(2000);
    const ticketEarlier = order.enter("room", earlier.place);
    const ticketLater = order.enter("room", later.place);
    const ran: string[] = [];
    let finishEarlier!: () => void;
    const earlierRun = handle(dedupe, ticketEarlier, earlier.keys, async () => {
      await new Promise<void>((resolve) => {
        finishEarlier = resolve;
      });
      ran.push("earlier");
    });
    await expect.poll(() => finishEarlier).toBeDefined();
    const laterRun = handle(dedupe, ticketLater, later.keys, async () => {
      ran.push("later");
    });
    // Claimed, not in turn: a redelivery elsewhere is refused as held meanwhile.
    await expect.poll(() => dedupe.claimAll(later.keys, LEASE)).toBe("held");
    expect(ran).toEqual([]);
    finishEarlier();
    await Promise.all([earlierRun, laterRun]);
    expect(ran).toEqual(["earlier", "later"]);
    expect(await dedupe.claimAll(later.keys, LEASE)).toBe("done");
  });

  it("a failure of an action whose claim took the turn releases its keys and ends the turn", async () => {
    const { redis, order, dedupe } = await instance(`c${n++}`);
    const { keys, place } = action(1000);
    const ticket = order.enter("room", place);
    await expect(
      handle(dedupe, ticket, keys, async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await turnOf(redis, "room")).toBeNull();
    expect(await dedupe.claimAll(keys, LEASE)).toBe("again");
  });

  it("a turn taken with the claim but never run is ended by leave, and the next action runs", async () => {
    const { redis, order, dedupe } = await instance(`c${n++}`);
    const first = action(1000);
    const second = action(2000);
    const ticket = order.enter("room", first.place);
    const next = order.enter("room", second.place);
    await ticket.entered;
    expect(await ticket.claim?.(dedupe, first.keys, LEASE)).toBe("first");
    expect(await turnOf(redis, "room")).not.toBeNull();
    ticket.leave();
    await expect(handle(dedupe, next, second.keys, async () => "next")).resolves.toEqual({
      ran: true,
      result: "next",
    });
  });

  it("fencing: a turn taken with the claim, once another holds the turn, cannot end theirs", async () => {
    const { redis, order, dedupe } = await instance(`c${n++}`);
    const { keys, place } = action(1000);
    const ticket = order.enter("room", place);
    await ticket.entered;
    expect(await ticket.claim?.(dedupe, keys, LEASE)).toBe("first");
    // This holder stalled past its lease, and the turn went to another holder meanwhile.
    const turn = `${redis.prefix}:order:{room}:turn`;
    await redis.client.set(turn, "test:message:other|999", { PX: LEASE });
    await ticket.run(async () => undefined);
    expect(await redis.client.get(turn)).toBe("test:message:other|999");
  });

  it("with a store on another connection, claims as usual (the ticket does not claim there)", async () => {
    const prefix = `c${n++}`;
    const a = await instance(prefix);
    const b = await instance(prefix);
    const { keys, place } = action(1000);
    const ticket = a.order.enter("room", place);
    expect(ticket.claim?.(b.dedupe, keys, LEASE)).toBeUndefined();
    await expect(handle(b.dedupe, ticket, keys, async () => "ran")).resolves.toEqual({
      ran: true,
      result: "ran",
    });
  });
});
