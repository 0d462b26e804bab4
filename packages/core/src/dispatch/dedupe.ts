/**
 * Idempotency: a redelivered platform event must never reach a handler twice — and an event
 * whose handling failed must run again when the platform redelivers it. So a key is first
 * *claimed* (a lease, renewed by its holder while the action runs), then either *completed* (remembered as done:
 * every later claim is refused) or *released* (forgotten as held: the redelivery runs again).
 *
 * A claim also says whether the key was claimed before. An action that runs *again* (after a
 * release, or after a holder's lease ran out) may have sent part of its answer already: the
 * adapter then looks for what landed before sending (see `ActionAttempt`). On a first claim it
 * does not, so the common case costs nothing more.
 *
 * The interface is shaped for a shared store too (Redis: `SET key pending NX PX lease`, then
 * `SET key done PX retention` or `SET key released PX retention`), so several bot instances
 * reading one fanout feed never both answer the same message, and an instance that takes over a
 * message another one failed on knows it runs again.
 */
import { BoundedKeySet } from "./bounded-key-set.ts";

/**
 * A claim's answer. Taken: `"first"` — never claimed before as far as the store knows; `"again"` —
 * claimed before without completing (released after a failure, or a lease that ran out). Refused:
 * `"done"` — completed, a duplicate to acknowledge and forget; `"held"` — being worked on under a
 * lease that has not run out. A held key is not a duplicate: its holder may die before it
 * completes, so the event must stay unacknowledged for the platform to deliver it again.
 */
export type Claim = "first" | "again" | Refusal;

/** Why a claim was refused (see `Claim`). */
export type Refusal = "done" | "held";

/** True when the claim was refused (done or held). */
export function isRefused(claim: Claim): claim is Refusal {
  return claim === "done" || claim === "held";
}

export interface DedupeStore {
  /** Take the key for `leaseMs` (see `Claim` for the answer). */
  claim(key: string, leaseMs: number): Claim | Promise<Claim>;
  /**
   * The holder is still at work: the key's lease runs `leaseMs` from now. True when the key was
   * held (its lease run out or not); false, changing nothing, when it is done, released or unknown.
   * A live holder renews its claims (see `runOnce`), so a lease runs out only when its holder died —
   * never under an action that waits long for its turn or works long, whose redelivery would
   * otherwise run it a second time alongside.
   */
  renew(key: string, leaseMs: number): boolean | Promise<boolean>;
  /** The work under the key finished: refuse every later claim. */
  complete(key: string): void | Promise<void>;
  /** The work under the key failed: the next claim succeeds, and answers `"again"`. */
  release(key: string): void | Promise<void>;
}

export interface MemoryDedupeStoreOptions {
  /** Milliseconds since the epoch; injectable so lease expiry can be tested. */
  readonly now?: () => number;
}

/**
 * Keeps the last `capacity` completed keys and the last `capacity` released keys (oldest
 * forgotten first), and the keys being worked on, each until its lease runs out. It knows only
 * its own process: after a restart, or for a key another instance failed on, a claim answers
 * `"first"` — share a store across instances (and restarts) for those to answer `"again"`.
 */
export class MemoryDedupeStore implements DedupeStore {
  readonly #done: BoundedKeySet;
  readonly #released: BoundedKeySet;
  /** Keys being worked on → when their lease runs out. */
  readonly #leases = new Map<string, number>();
  readonly #now: () => number;

  constructor(capacity = 10_000, options: MemoryDedupeStoreOptions = {}) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`MemoryDedupeStore capacity must be a positive integer, got ${capacity}.`);
    }
    this.#done = new BoundedKeySet(capacity);
    this.#released = new BoundedKeySet(capacity);
    this.#now = options.now ?? Date.now;
  }

  claim(key: string, leaseMs = DEFAULT_LEASE_MS): Claim {
    if (this.#done.has(key)) return "done";
    const now = this.#now();
    const until = this.#leases.get(key);
    if (until !== undefined && until > now) return "held";
    this.#leases.set(key, now + leaseMs);
    // A lease that ran out: its holder may have sent part of the answer before it vanished.
    return until !== undefined || this.#released.has(key) ? "again" : "first";
  }

  renew(key: string, leaseMs = DEFAULT_LEASE_MS): boolean {
    if (!this.#leases.has(key)) return false;
    this.#leases.set(key, this.#now() + leaseMs);
    return true;
  }

  complete(key: string): void {
    this.#leases.delete(key);
    this.#done.add(key);
  }

  release(key: string): void {
    if (this.#leases.delete(key)) this.#released.add(key);
  }

  /** Keys remembered as done. */
  get size(): number {
    return this.#done.size;
  }

  /** Keys currently claimed and not yet completed or released. */
  get claimed(): number {
    return this.#leases.size;
  }
}

/**
 * How long a claim holds by default: longer than the datafeed's redelivery delay (30 s), so a
 * batch redelivered while its first delivery is still being handled is refused, not run twice.
 */
export const DEFAULT_LEASE_MS = 120_000;
