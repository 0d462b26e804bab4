/**
 * Per-conversation order across instances (core's `ConversationOrder`), on Redis. Each conversation
 * has a line: a sorted set of its waiting actions, scored by the pod's time of the event. A place is
 * named by the action itself (core's `OrderPlace`: its most stable dedupe key), the same on every
 * instance: a redelivery of an event, or a cross-pod duplicate of it under a new event id, takes
 * its place again instead of queueing as a stranger. An action enters the line as
 * soon as it is read; it runs when it is at the head of the line and holds the conversation's turn —
 * a lease (`SET … PX`) carrying a fencing token (a counter incremented per turn), so a holder whose
 * lease ran out cannot end the turn of the next one. A waiter refreshes its own liveness while it
 * waits, a holder while it runs, and every delivery of the event refreshes it on entering.
 *
 * An instance that dies leaves its events unacknowledged: the datafeed hands them out again after
 * its visibility timeout. So a dead place is not skipped when its lease runs out: it is kept
 * `redeliveryGraceMs` longer, for the redelivery to take it over and run in it; only an event that
 * never comes back (lost with a deleted feed) is dropped then. An event behind such an untended
 * place does not wait for it: it is given back to the feed (`HeldElsewhereError`), keeping its own
 * place, so that its instance is free to read the redelivery. Turns are handed on by pub/sub (one
 * message per finished turn), with a slow poll as a safety net.
 */
import {
  type Claim,
  type ConversationOrder,
  DEFAULT_LEASE_MS,
  HeldElsewhereError,
  type OrderPlace,
  type OrderTicket,
} from "@sprig/core";
import type { RedisConnection } from "../connection/connect-redis.ts";
import { chained, runScript, script } from "../connection/scripts.ts";
import { Subscription } from "../connection/subscriber.ts";
import { WakeOrPoll } from "../connection/wake-or-poll.ts";
import { CLAIM_ALL, RedisDedupeStore } from "../dedupe/redis-dedupe-store.ts";

export interface RedisConversationOrderOptions {
  /** How long a turn (and a waiter's place) holds without being refreshed (ms, default core's 120 s). */
  readonly leaseMs?: number;
  /** How often a waiter looks again without being told (ms, default 250). */
  readonly pollMs?: number;
  /**
   * How long a place whose instance died is kept after its lease ran out, waiting for the event's
   * redelivery (ms, default one more lease). Keep it longer than the datafeed's visibility timeout:
   * an event that never comes back (done, but Redis went away before its place was freed) holds its
   * conversation that long.
   */
  readonly redeliveryGraceMs?: number;
  /**
   * How long an event waits in the line, once at its head, before it runs (ms, default 0): time for
   * an earlier event of the conversation, read a moment before by another instance, to enter. The
   * Symphony adapter enters events the moment their batch is read, so the window is the other
   * instance's read answer plus one Redis call; a wait narrows it further but is paid by every
   * action (100 ms caps a conversation at 10 actions a second).
   */
  readonly settleMs?: number;
}

const ENTER = script(
  `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local added = 0
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  -- Ties of pod time (one millisecond) keep the order the places were taken in: the feed's,
  -- since one instance reads at a time (the read turn).
  local entry = redis.call('INCR', KEYS[4]) % 1000
  added = redis.call('ZADD', KEYS[1], 'NX', string.format('%.0f', tonumber(ARGV[2]) * 1000 + entry), ARGV[1])
end
redis.call('HSET', KEYS[2], ARGV[1], now + tonumber(ARGV[3]))
redis.call('HSETNX', KEYS[3], ARGV[1], now)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('PEXPIRE', KEYS[3], ARGV[4])
redis.call('PEXPIRE', KEYS[4], ARGV[4])
return added
`,
  "order enter",
);

/**
 * 0: not yet; -1: my place was lost (enter again); -2: at the head but still settling (look again
 * after the settle time); -3: the head is untended (nobody refreshed it for ARGV[5] ms: its
 * instance died, or gave its batch back) — its event needs a redelivery; else the fencing token of
 * my turn. A head whose liveness ran out more than the grace (ARGV[3]) ago is dropped: its event
 * is not coming back.
 */
const TAKE_TURN = script(
  `
local me = ARGV[1]
local lease = tonumber(ARGV[2])
local grace = tonumber(ARGV[3])
local settle = tonumber(ARGV[4])
local untended = tonumber(ARGV[5])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if not redis.call('ZSCORE', KEYS[1], me) then return -1 end
local head
while true do
  head = redis.call('ZRANGE', KEYS[1], 0, 0)[1]
  if not head then return -1 end
  local alive = tonumber(redis.call('HGET', KEYS[2], head) or '0')
  if alive + grace > now then break end
  redis.call('ZREM', KEYS[1], head)
  redis.call('HDEL', KEYS[2], head)
  redis.call('HDEL', KEYS[5], head)
  if head == me then return -1 end
end
redis.call('HSET', KEYS[2], me, now + lease)
if head ~= me then
  local alive = tonumber(redis.call('HGET', KEYS[2], head) or '0')
  if alive - lease + untended < now then return -3 end
  return 0
end
if tonumber(redis.call('HGET', KEYS[5], me) or '0') + settle > now then return -2 end
local turn = redis.call('GET', KEYS[3])
if turn and string.sub(turn, 1, string.len(me) + 1) ~= me .. '|' then return 0 end
local token = redis.call('INCR', KEYS[4])
redis.call('SET', KEYS[3], me .. '|' .. token, 'PX', lease)
return token
`,
  "order take turn",
);

/**
 * An action's claim (its dedupe keys, as `RedisDedupeStore.claimAll`) and, only when its keys are
 * taken, a first look for its turn (as TAKE_TURN): `{claim}` or `{claim, TAKE_TURN's answer}`. A
 * refused claim takes nothing: a delivery refused as held must not take the turn of the
 * delivery that holds the action (its place is the same).
 */
const CLAIM_THEN_TAKE_TURN = chained(CLAIM_ALL, TAKE_TURN, ["done", "held"]);

const REFRESH = script(
  `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if redis.call('GET', KEYS[3]) == ARGV[1] .. '|' .. ARGV[3] then redis.call('PEXPIRE', KEYS[3], ARGV[2]) end
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then redis.call('HSET', KEYS[2], ARGV[1], now + tonumber(ARGV[2])) end
return 1
`,
  "order refresh",
);

/**
 * Ends my turn (only mine: the fencing token must match) and, unless ARGV[4] says to keep it,
 * frees my place; wakes the waiters, if any.
 */
const FINISH = script(
  `
if redis.call('GET', KEYS[3]) == ARGV[1] .. '|' .. ARGV[2] then redis.call('DEL', KEYS[3]) end
if ARGV[4] ~= 'keep' then
  redis.call('ZREM', KEYS[1], ARGV[1])
  redis.call('HDEL', KEYS[2], ARGV[1])
  redis.call('HDEL', KEYS[5], ARGV[1])
end
-- Only a line with someone still in it has a waiter to wake: every instance's subscriber hears each message.
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('PUBLISH', KEYS[4], ARGV[3]) end
return 1
`,
  "order finish",
);

interface HeldTurn {
  /** The conversation's line, liveness and turn keys. */
  readonly keys: readonly [string, string, string];
  readonly me: string;
  readonly token: string;
}

export class RedisConversationOrder implements ConversationOrder {
  readonly #redis: RedisConnection;
  readonly #leaseMs: number;
  readonly #pollMs: number;
  readonly #graceMs: number;
  readonly #settleMs: number;
  /** Waiters for a finished turn, by conversation. */
  readonly #turns: WakeOrPoll;
  /** The turns this instance holds, all kept alive by one timer (not one per action). */
  readonly #held = new Set<HeldTurn>();
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  /** Finished turns, heard on pub/sub. */
  readonly #subscription: Subscription;

  constructor(redis: RedisConnection, options: RedisConversationOrderOptions = {}) {
    this.#redis = redis;
    this.#leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.#pollMs = options.pollMs ?? 250;
    this.#turns = new WakeOrPoll(this.#pollMs);
    this.#subscription = new Subscription(redis, this.#channel(), (conversation) =>
      this.#turns.wake(conversation),
    );
    this.#graceMs = options.redeliveryGraceMs ?? this.#leaseMs;
    this.#settleMs = options.settleMs ?? 0;
  }

  enter(conversation: string, place: OrderPlace): OrderTicket {
    const time = place.time.getTime();
    // Named by the action, not by this instance: every delivery of it has the same place, and
    // the first delivery's time (NX) keeps it there.
    const me = place.id;
    const keys = this.#keys(conversation);
    const enter = () =>
      runScript(
        this.#redis.client,
        ENTER,
        [keys.line, keys.alive, keys.since, keys.entries],
        [me, time, this.#leaseMs, (this.#leaseMs + this.#graceMs) * 10],
      );
    // Taken at once, in arrival order; its failure (Redis away) surfaces in run.
    let created = false;
    const entered = enter().then(
      (added) => {
        created = Number(added) === 1;
      },
      (error: unknown) => error,
    );
    let left = false;
    /** The turn the claim found free (`claim`), kept alive from then on; `run`'s, or `leave`'s to end. */
    let taken: HeldTurn | undefined;
    return {
      entered,
      run: async <R>(task: () => Promise<R>): Promise<R> => {
        let held = taken;
        taken = undefined;
        if (!held) {
          const failed = await entered;
          if (failed) throw failed;
          const token = await this.#waitTurn(conversation, me, enter);
          held = { keys: [keys.line, keys.alive, keys.turn], me, token };
          this.#hold(held);
        }
        try {
          return await task();
        } finally {
          this.#held.delete(held);
          await this.#finish(conversation, me, held.token);
        }
      },
      leave: (done = false) => {
        if (left) return;
        left = true;
        const token = taken?.token ?? "0";
        if (taken) this.#held.delete(taken);
        taken = undefined;
        // A place this delivery found taken is another delivery's of the same event (an instance
        // that is running it, or one that died with it and whose redelivery is still to come): keep
        // it — unless the event is done (no delivery will run in it; a place kept then, and
        // refreshed by each duplicate delivery, would hold its conversation for ever).
        void entered.then(() =>
          this.#finish(conversation, me, token, !created && !done).catch(() => undefined),
        );
      },
      claim: (store, claimed, leaseMs) => {
        const step =
          store instanceof RedisDedupeStore ? store.claimStep(this.#redis, claimed, leaseMs) : undefined;
        if (!step) return undefined;
        return (async () => {
          const failed = await entered;
          if (failed) throw failed;
          const [answer, token] = (await runScript(
            this.#redis.client,
            CLAIM_THEN_TAKE_TURN,
            [...step.keys, keys.line, keys.alive, keys.turn, keys.fence, keys.since],
            [step.keys.length, step.args.length, ...step.args, ...this.#takeTurnArgs(me)],
          )) as [Claim, number?];
          // Taken with the claim: kept alive until run, or leave, ends it. Otherwise run waits for
          // it as it would have (a look at once, then when woken).
          if (Number(token) > 0) {
            taken = { keys: [keys.line, keys.alive, keys.turn], me, token: String(token) };
            this.#hold(taken);
          }
          return answer;
        })();
      },
    };
  }

  /** Keeps `turn` alive until it is dropped from `#held`; the timer stops once none is held. */
  #hold(turn: HeldTurn): void {
    this.#held.add(turn);
    if (this.#heartbeat) return;
    this.#heartbeat = setInterval(() => {
      if (this.#held.size === 0) {
        clearInterval(this.#heartbeat);
        this.#heartbeat = undefined;
        return;
      }
      // Issued in one tick: the client sends them together.
      for (const { keys, me, token } of this.#held)
        runScript(this.#redis.client, REFRESH, [...keys], [me, this.#leaseMs, token]).catch(() => undefined);
    }, this.#heartbeatMs());
    // The actions holding turns keep the process alive, not their heartbeat.
    this.#heartbeat.unref();
  }

  /** Stops listening for finished turns (the connection itself is closed by its owner). */
  async close(): Promise<void> {
    clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
    this.#subscription.close();
  }

  async #waitTurn(conversation: string, me: string, enter: () => Promise<unknown>): Promise<string> {
    const keys = this.#keys(conversation);
    await this.#subscription.open();
    for (;;) {
      // Listen before looking, so a turn finished in between still wakes us.
      const woken = this.#turns.listen(conversation);
      const token = Number(
        await runScript(
          this.#redis.client,
          TAKE_TURN,
          [keys.line, keys.alive, keys.turn, keys.fence, keys.since],
          this.#takeTurnArgs(me),
        ).catch((error: unknown) => {
          woken.cancel(); // a failed look waits for nothing: its waiter would stay behind
          throw error;
        }),
      );
      if (token > 0) {
        woken.cancel();
        return String(token);
      }
      if (token === -1) {
        // Our place was dropped (not refreshed for a lease and the grace: a long pause of this process),
        // or freed by another delivery of the event that gave it up: take it again.
        woken.cancel();
        await enter();
        continue;
      }
      if (token === -3) {
        // The event ahead needs a redelivery, and this instance may be the one to read it: waiting
        // here would keep it from reading (with every instance waiting so, nobody would). So this
        // event is given back to the feed unhandled, keeping its place; its redelivery runs in it.
        woken.cancel();
        throw new HeldElsewhereError(`order:${conversation}`);
      }
      if (token === -2) {
        // Our turn once the settle time is over: nothing else will tell us.
        woken.cancel();
        await new Promise((resolve) => setTimeout(resolve, Math.min(this.#settleMs, this.#pollMs)));
        continue;
      }
      await woken.wait();
    }
  }

  #takeTurnArgs(me: string): (string | number)[] {
    return [me, this.#leaseMs, this.#graceMs, this.#settleMs, this.#untendedMs()];
  }

  /** How often a holder refreshes its turn and place. */
  #heartbeatMs(): number {
    return Math.max(50, Math.floor(this.#leaseMs / 3));
  }

  /**
   * How long a place may go unrefreshed before it counts as untended: a holder's heartbeat or a
   * waiter's look, with room for a busy process's late timer.
   */
  #untendedMs(): number {
    return Math.max(this.#heartbeatMs(), this.#pollMs) + 1_000;
  }

  async #finish(conversation: string, me: string, token: string, keepPlace = false): Promise<void> {
    const keys = this.#keys(conversation);
    await runScript(
      this.#redis.client,
      FINISH,
      [keys.line, keys.alive, keys.turn, this.#channel(), keys.since],
      [me, token, conversation, keepPlace ? "keep" : "free"],
    );
  }

  #channel(): string {
    return `${this.#redis.prefix}:order:turns`;
  }

  #keys(conversation: string) {
    // One hash tag per conversation: its keys stay on one node of a Redis Cluster.
    const base = `${this.#redis.prefix}:order:{${conversation}}`;
    return {
      line: `${base}:line`,
      alive: `${base}:alive`,
      since: `${base}:since`,
      entries: `${base}:entries`,
      turn: `${base}:turn`,
      fence: `${base}:fence`,
    };
  }
}
