/**
 * What one bot process did during a round, counted for the scale-out bench's explanation of its
 * figures: datafeed reads (each also acknowledges the batch before it: datafeed v2 acknowledges
 * through the next read), messages sent, events read, dedupe claims by answer, and events given
 * back to the feed (`HeldElsewhereError`). Counted from outside sprig — undici's diagnostics
 * channel and wrappers around `@sprig/redis`'s public classes — so sprig carries no bench code;
 * switched on only for the census round, so the measured rounds pay nothing.
 */
import diagnostics from "node:diagnostics_channel";
import { RedisConversationOrder, RedisDedupeStore } from "@sprig/redis";

const counts = new Map<string, number>();
let on = false;

function count(name: string, n = 1): void {
  if (on) counts.set(name, (counts.get(name) ?? 0) + n);
}

function onRequest(message: unknown): void {
  const { request } = message as { request: { method: string; path: string } };
  if (request.path.endsWith("/read")) count("datafeed reads");
  else if (request.path.endsWith("/message/create")) count("messages sent");
  else count(`other ${request.method} ${request.path.replace(/\/[\w-]{16,}/g, "/…")}`);
}

const claim = RedisDedupeStore.prototype.claim;
const claimAll = RedisDedupeStore.prototype.claimAll;
const enter = RedisConversationOrder.prototype.enter;

/** Puts the Redis stores' own methods back: the measured rounds run unwrapped. */
function unwrap(): void {
  RedisDedupeStore.prototype.claim = claim;
  RedisDedupeStore.prototype.claimAll = claimAll;
  RedisConversationOrder.prototype.enter = enter;
}

/** Wraps the Redis stores' public methods to count what they answer. */
function wrap(): void {
  RedisDedupeStore.prototype.claim = async function (this: RedisDedupeStore, ...args) {
    const answer = await claim.apply(this, args);
    count(`claims answered ${answer}`);
    return answer;
  };
  RedisDedupeStore.prototype.claimAll = async function (this: RedisDedupeStore, ...args) {
    const answer = await claimAll.apply(this, args);
    count(`action claims answered ${answer}`);
    return answer;
  };
  RedisConversationOrder.prototype.enter = function (this: RedisConversationOrder, ...args) {
    count("events read");
    const ticket = enter.apply(this, args);
    const claimWith = ticket.claim?.bind(ticket);
    return {
      ...ticket,
      // The claim that looks for the turn in the same call (the adapter's, with a shared order).
      ...(claimWith && {
        claim: (store, keys, leaseMs) => {
          const answer = claimWith(store, keys, leaseMs);
          answer?.then(
            (claimed) => count(`action claims answered ${claimed}`),
            () => undefined,
          );
          return answer;
        },
      }),
      run: (task) =>
        ticket.run(task).catch((error: unknown) => {
          if ((error as Error)?.name === "HeldElsewhereError") count("given back: turn held elsewhere");
          throw error;
        }),
    };
  };
}

export function startCounting(): void {
  wrap();
  counts.clear();
  if (!on) diagnostics.subscribe("undici:request:create", onRequest);
  on = true;
}

export function stopCounting(): Record<string, number> {
  if (on) diagnostics.unsubscribe("undici:request:create", onRequest);
  on = false;
  unwrap();
  return Object.fromEntries(counts);
}
