/**
 * The feed's read turn: the instances sharing one datafeed read it one at a time, and a reader
 * keeps the turn until the events it got have taken their places in their conversations' lines.
 *
 * Why: the pod hands batches out in its order, but two readers' answers travel, and are parsed,
 * at their own pace. With reads in parallel, an instance could read a later event of a
 * conversation, enter it and start it before the instance holding the earlier one (handed out a
 * moment before, its answer slower) had entered that: the soak saw it some tens of milliseconds
 * apart under load. With one read at a time, every event handed out before another is in its line
 * before that other one is read — whatever the network or the processes' load. Handling stays
 * parallel: the turn covers the read and the entering, not the work.
 *
 * A lease (`SET NX PX`) with a random token, renewed while held; a reader that dies holding it
 * stops the others' reads for at most the lease. The holder's release wakes the waiters (pub/sub),
 * with a slow poll as a safety net.
 */
import { randomUUID } from "node:crypto";
import { unlessAborted } from "../connection/abortable.ts";
import type { RedisConnection } from "../connection/connect-redis.ts";
import { runScript, script } from "../connection/scripts.ts";
import { Subscription } from "../connection/subscriber.ts";
import { WakeOrPoll } from "../connection/wake-or-poll.ts";

export interface RedisReadTurnOptions {
  /** How long the turn holds without its holder renewing it (ms, default 3 s): a dead reader's cost. */
  readonly leaseMs?: number;
  /** How often a waiter looks again without being told (ms, default 250). */
  readonly pollMs?: number;
}

/**
 * Takes the turn if free: 1. Else 0, and notes that someone waits (for a while: a waiter that
 * went away stops being woken), so that only then does a release publish.
 */
const TAKE = script(
  `if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
return 0`,
  "read turn take",
);

/** Keeps my turn (only mine) alive. */
const RENEW = script(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`,
  "read turn renew",
);

/**
 * Ends my turn (only mine) and, if someone waits, tells them: one instance alone never waits,
 * and a message per read would wake its own subscriber for nothing.
 */
const RELEASE = script(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  if redis.call('DEL', KEYS[3]) == 1 then redis.call('PUBLISH', KEYS[2], '1') end
end
return 1`,
  "read turn release",
);

export class RedisReadTurn {
  readonly #redis: RedisConnection;
  readonly #leaseMs: number;
  readonly #pollMs: number;
  /** Waiters for a released turn (one key: the feed's). */
  readonly #released: WakeOrPoll;
  /** Released turns, heard on pub/sub. */
  readonly #subscription: Subscription;

  constructor(redis: RedisConnection, options: RedisReadTurnOptions = {}) {
    this.#redis = redis;
    this.#leaseMs = options.leaseMs ?? 3_000;
    this.#pollMs = options.pollMs ?? 250;
    this.#released = new WakeOrPoll(this.#pollMs);
    this.#subscription = new Subscription(redis, this.#keys().channel, () => this.#released.wake("feed"));
  }

  /**
   * Waits for the turn; resolves with its release (which never rejects: a turn not released runs
   * out with its lease). Rejects when Redis is away (`redis.unavailable`) or `signal` aborts.
   */
  async take(signal?: AbortSignal): Promise<() => Promise<void>> {
    const token = randomUUID();
    const keys = this.#keys();
    await unlessAborted(this.#subscription.open(), signal);
    for (;;) {
      signal?.throwIfAborted();
      // A released turn, or `pollMs`, or an abort: whichever comes first.
      const woken = this.#released.listen("feed", signal);
      const taken = Number(
        await runScript(
          this.#redis.client,
          TAKE,
          [keys.turn, keys.waiting],
          [token, this.#leaseMs, this.#pollMs * 4],
        )
          // A failed look waits for nothing: its waiter would stay behind (one per retry).
          .catch((error: unknown) => {
            woken.cancel();
            throw error;
          }),
      );
      if (taken === 1) {
        woken.cancel();
        return this.#held(token);
      }
      await woken.wait();
    }
  }

  async close(): Promise<void> {
    this.#released.wakeAll();
    this.#subscription.close();
  }

  /** The turn is mine: renewed every third of its lease until released. */
  #held(token: string): () => Promise<void> {
    const { turn, channel, waiting } = this.#keys();
    const renewal = setInterval(
      () => void runScript(this.#redis.client, RENEW, [turn], [token, this.#leaseMs]).catch(() => undefined),
      Math.max(50, Math.floor(this.#leaseMs / 3)),
    );
    renewal.unref();
    let released: Promise<void> | undefined;
    return () => {
      released ??= (async () => {
        clearInterval(renewal);
        await runScript(this.#redis.client, RELEASE, [turn, channel, waiting], [token]).catch(
          () => undefined,
        );
      })();
      return released;
    };
  }

  #keys() {
    // One hash tag: the turn and its waiters stay on one node of a Redis Cluster.
    const base = `${this.#redis.prefix}:{reads}`;
    return { turn: `${base}:turn`, waiting: `${base}:waiting`, channel: `${base}:free` };
  }
}
