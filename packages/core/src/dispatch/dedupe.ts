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
  /**
   * Optional, for a store where each call is a round trip (a shared one): an action's keys in one
   * step, answering and leaving the store exactly as `claim` key by key in order would — the first
   * refusal is the answer, and the keys taken before it are released (see `claimKeys`).
   */
  claimAll?(keys: readonly string[], leaseMs: number): Claim | Promise<Claim>;
  /** Optional: `complete` of every key in one step (see `completeKeys`). */
  completeAll?(keys: readonly string[]): void | Promise<void>;
}

/**
 * Claims an action's keys (its answer as `claim`'s: the first refusal, or `"again"` when any key
 * was claimed before): in one step when the store can (`claimAll`), else key by key — releasing the
 * keys taken when a later one is refused, so that a refused action holds nothing.
 */
export function claimKeys(
  store: DedupeStore,
  keys: readonly string[],
  leaseMs: number,
): Claim | Promise<Claim> {
  if (store.claimAll && keys.length > 1) return store.claimAll(keys, leaseMs);
  let again = false;
  for (let i = 0; i < keys.length; i++) {
    const pending = store.claim(keys[i]!, leaseMs);
    // A store's answer is awaited only when it is a promise: the in-memory store answers at once,
    // and each needless `await` is a promise and a microtask turn per key per action.
    if (isPending(pending)) return claimRest(store, keys, leaseMs, i, pending, again);
    if (isRefused(pending)) return releaseThen(store, keys.slice(0, i), pending);
    if (pending === "again") again = true;
  }
  return again ? "again" : "first";
}

async function claimRest(
  store: DedupeStore,
  keys: readonly string[],
  leaseMs: number,
  from: number,
  pending: PromiseLike<Claim>,
  againBefore: boolean,
): Promise<Claim> {
  let again = againBefore;
  let claim = await pending;
  for (let i = from; ; ) {
    if (isRefused(claim)) return releaseThen(store, keys.slice(0, i), claim);
    if (claim === "again") again = true;
    if (++i === keys.length) return again ? "again" : "first";
    claim = await store.claim(keys[i]!, leaseMs);
  }
}

function releaseThen(
  store: DedupeStore,
  taken: readonly string[],
  refusal: Refusal,
): Refusal | Promise<Refusal> {
  const released = releaseKeys(store, taken);
  return isPending(released) ? released.then(() => refusal) : refusal;
}

/** Completes an action's keys: in one step when the store can (`completeAll`), else key by key. */
export function completeKeys(store: DedupeStore, keys: readonly string[]): void | Promise<void> {
  if (store.completeAll && keys.length > 1) return store.completeAll(keys);
  return eachKey(keys, (key) => store.complete(key));
}

/** Releases an action's keys, key by key (a failure path: no one-step form is worth its code). */
export function releaseKeys(store: DedupeStore, keys: readonly string[]): void | Promise<void> {
  return eachKey(keys, (key) => store.release(key));
}

/** `step` for each key in order, awaiting only the answers that are promises. */
function eachKey(keys: readonly string[], step: (key: string) => void | Promise<void>): void | Promise<void> {
  for (let i = 0; i < keys.length; i++) {
    const pending = step(keys[i]!);
    if (isPending(pending))
      return (async () => {
        await pending;
        for (const key of keys.slice(i + 1)) await step(key);
      })();
  }
}

/** A promise or any thenable (a store may use another promise library). */
export function isPending<T>(answer: T | PromiseLike<T>): answer is PromiseLike<T> {
  return typeof (answer as { then?: unknown } | null | undefined)?.then === "function";
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
