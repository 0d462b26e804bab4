/**
 * One press reaching a bot under two event ids (a cross-pod duplicate) in one batch: both
 * deliveries share the action's dedupe key (its submission) — and must share its place in the
 * conversation's line. In two places they deadlock: the delivery read first claims the key and
 * waits for its turn behind the other's place (stamped a moment earlier), while the other
 * cannot claim the key to take that turn. The soak saw it hold a conversation for minutes.
 */
import {
  type Action,
  Chat,
  dedupeKeys,
  type FormAction,
  type OrderPlace,
  orderPlaceOf,
  runOnce,
  User,
} from "@sprig/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connectRedis,
  type RedisConnection,
  RedisConversationOrder,
  RedisDedupeStore,
} from "../src/index.ts";
import { type RedisServer, redisServerMissing, startRedisServer } from "../src/testing/index.ts";

const missing = redisServerMissing();

const room = Chat.of("test", "room-9", "Room");
const ann = User.of("test", "ann", "Ann");

/** A press of the form, delivered under `eventId`; both deliveries carry one submission id. */
function press(eventId: string): FormAction {
  return {
    kind: "form",
    eventId,
    time: new Date(1_700_000_000_000),
    user: ann,
    addressable: room,
    formId: "f",
    buttonId: "add",
    values: {},
    submissionId: "submission-1",
  } as FormAction;
}

describe.skipIf(missing !== undefined)("one place per action in the shared order", () => {
  let server: RedisServer;
  const connections: RedisConnection[] = [];
  const orders: RedisConversationOrder[] = [];
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    for (const order of orders) await order.close();
    for (const connection of connections) await connection.close();
    await server?.stop();
  });

  /**
   * Handles both deliveries as the Symphony adapter does (claim, then run in turn; leave the place
   * when not run), the one read first ("zz…") first. Resolves with each one's
   * outcome: "ran", "done" (a duplicate) or the error it failed with.
   */
  async function deliverTwice(placeFor: (action: Action) => OrderPlace, prefix: string) {
    const redis = await connectRedis({ url: server.url, prefix });
    connections.push(redis);
    const dedupe = new RedisDedupeStore(redis);
    // A lease of 3 s: an event behind an untended place gives up after a heartbeat and a second
    // (2 s), before the place itself is dropped as dead (its lease and a grace, 6 s).
    const order = new RedisConversationOrder(redis, { leaseMs: 3_000 });
    orders.push(order);
    const runs: string[] = [];
    const deliver = async (action: Action) => {
      const ticket = order.enter("test:chat:room-9", placeFor(action));
      let entered = false;
      try {
        const once = await runOnce(dedupe, dedupeKeys(action), 3_000, () => {
          entered = true;
          return ticket.run(async () => void runs.push(action.eventId));
        });
        return once.ran ? "ran" : once.refused;
      } catch (error) {
        return (error as { code?: string }).code ?? String(error);
      } finally {
        if (!entered) ticket.leave();
      }
    };
    const outcomes = await Promise.all([deliver(press("zz-read-first")), deliver(press("aa-read-second"))]);
    return { outcomes, runs };
  }

  it("both deliveries of one press take one place: one runs, the other is its duplicate", async () => {
    const { outcomes, runs } = await deliverTwice(orderPlaceOf, "shared");
    expect(runs).toHaveLength(1);
    expect([...outcomes].sort()).toEqual(["done", "ran"]);
  });

  it("(why) named by event id, they wait on each other until one gives up as held elsewhere", async () => {
    const { outcomes, runs } = await deliverTwice(
      // The copy read first carries a later pod time (a millisecond, stamped by the other pod).
      (action) => ({
        id: action.eventId,
        time: new Date(action.time.getTime() + (action.eventId.startsWith("zz") ? 1 : 0)),
      }),
      "per-event",
    );
    expect(outcomes).toContain("sprig.held_elsewhere");
    expect(runs).toHaveLength(1);
  });
});
