/**
 * Per-conversation order, pluggable: the actions of one conversation run one after another in the
 * order they arrived, never two at once. In one process that is a `ConversationQueue`
 * (`localConversationOrder`, the default); several instances reading one feed share a
 * cross-instance order instead (`@sprig/redis`'s `RedisConversationOrder`).
 *
 * An action takes its place when it arrives (`enter`, called synchronously in arrival order,
 * before its dedupe claim, which may be asynchronous), and runs when its turn comes (`run`); one
 * that will not run (a duplicate, held elsewhere, a failed claim) gives its place up (`leave`).
 */
import { AsyncResource } from "node:async_hooks";
import type { Action } from "../actions/actions.ts";
import { ConversationQueue } from "./conversation-queue.ts";
import type { Claim, DedupeStore } from "./dedupe.ts";
import { dedupeKeys } from "./exactly-once.ts";

export interface ConversationOrder {
  /**
   * The place of an action (or of an event not yet mapped to one) in its conversation's line
   * (`conversation`: `addressableKey`, or any key naming the conversation).
   */
  enter(conversation: string, place: OrderPlace): OrderTicket;
}

/**
 * Where an action stands in its conversation's line: the platform's time of it, and a name that
 * every delivery of it shares — of one message or press, under whichever event id (a cross-pod
 * duplicate has a new one): its most stable dedupe key (`orderPlaceOf`). Two deliveries of one action
 * in two places would deadlock a shared order: the later place's delivery holds the action's claim
 * while it waits for its turn, and the earlier place's cannot claim it to take its turn.
 */
export interface OrderPlace {
  readonly id: string;
  readonly time: Date;
}

/** An action's place: named by its most stable dedupe key (see `OrderPlace`). */
export function orderPlaceOf(action: Action): OrderPlace {
  const keys = dedupeKeys(action);
  return { id: keys[keys.length - 1] ?? action.eventId, time: action.time };
}

export interface OrderTicket {
  /**
   * Settles (never rejects) once the place is taken where every instance sees it — a shared
   * order's write is done; absent when taking it is immediate. A reader sharing a feed waits for
   * it before it lets the next reader read.
   */
  readonly entered?: PromiseLike<unknown>;
  /** Runs `task` in turn: after every earlier action of the conversation, never alongside one. */
  run<R>(task: () => Promise<R>): Promise<R>;
  /**
   * The action will not run: its place is given up, the next one's turn may come. `done`: it was
   * handled already (a duplicate), so no delivery of it will need the place again.
   */
  leave(done?: boolean): void;
  /**
   * Optional, for a shared order kept where `store` keeps its claims (one Redis): claims the
   * action's `keys` as `claimKeys` would and, only when they are taken, looks for the turn in the
   * same step — one round trip, not two. A turn found free is `run`'s (or given up by `leave`); one
   * that is not is waited for by `run` as usual. Absent, or answering `undefined` for a store it
   * cannot claim in: the caller claims by itself.
   */
  claim?(store: DedupeStore, keys: readonly string[], leaseMs: number): Promise<Claim> | undefined;
}

/** The order within one process: core's `ConversationQueue` (`concurrency` conversations at once). */
export function localConversationOrder(concurrency?: number): ConversationOrder {
  const queue = new ConversationQueue(concurrency);
  return {
    enter(conversation) {
      let start!: (task: (() => Promise<unknown>) | undefined) => void;
      const chosen = new Promise<(() => Promise<unknown>) | undefined>((resolve) => {
        start = resolve;
      });
      // The place is taken now; what runs in it is known once the claim is (or nothing, on leave).
      const done = queue.run(conversation, async () => {
        const task = await chosen;
        return task?.();
      });
      return {
        run<R>(task: () => Promise<R>): Promise<R> {
          // It runs from the queue, but in the caller's async context (its action, its attempt).
          start(AsyncResource.bind(task));
          return done as Promise<R>;
        },
        leave() {
          start(undefined);
          done.catch(() => undefined);
        },
      };
    },
  };
}
