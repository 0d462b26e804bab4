/**
 * Idempotency: a redelivered platform event must never reach a handler twice — and an event
 * whose handling failed must run again when the platform redelivers it. So a key is first
 * *claimed* (a lease, held while the action runs), then either *completed* (remembered as done:
 * every later claim is refused) or *released* (forgotten: the redelivery runs again).
 *
 * The interface is shaped for a shared store too (Redis: `SET key pending NX PX lease`, then
 * `SET key done PX retention` or a conditional `DEL`), so several bot instances reading one
 * fanout feed never both answer the same message.
 */
export interface DedupeStore {
  /**
   * Take the key for `leaseMs`: `true` if this caller now holds it, `false` if it is done or
   * held by someone else whose lease has not run out.
   */
  claim(key: string, leaseMs: number): boolean | Promise<boolean>;
  /** The work under the key finished: refuse every later claim. */
  complete(key: string): void | Promise<void>;
  /** The work under the key failed: forget the claim, so the next claim succeeds. */
  release(key: string): void | Promise<void>;
}

export interface MemoryDedupeStoreOptions {
  /** Milliseconds since the epoch; injectable so lease expiry can be tested. */
  readonly now?: () => number;
}

/**
 * Keeps the last `capacity` completed keys (oldest forgotten first) and the keys being worked
 * on, each until its lease runs out.
 */
export class MemoryDedupeStore implements DedupeStore {
  readonly #done = new Set<string>();
  /** Keys being worked on → when their lease runs out. */
  readonly #leases = new Map<string, number>();
  /**
   * The done keys in completion order, as a ring: the slot about to be overwritten holds the
   * oldest. (Deleting a Set's first entry over and over is slow in V8: iteration skips the holes.)
   */
  readonly #ring: (string | undefined)[];
  #next = 0;
  readonly #now: () => number;

  constructor(capacity = 10_000, options: MemoryDedupeStoreOptions = {}) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`MemoryDedupeStore capacity must be a positive integer, got ${capacity}.`);
    }
    this.#ring = new Array(capacity).fill(undefined);
    this.#now = options.now ?? Date.now;
  }

  claim(key: string, leaseMs = DEFAULT_LEASE_MS): boolean {
    if (this.#done.has(key)) return false;
    const now = this.#now();
    const until = this.#leases.get(key);
    if (until !== undefined && until > now) return false;
    this.#leases.set(key, now + leaseMs);
    return true;
  }

  complete(key: string): void {
    this.#leases.delete(key);
    if (this.#done.has(key)) return;
    const oldest = this.#ring[this.#next];
    if (oldest !== undefined) this.#done.delete(oldest);
    this.#ring[this.#next] = key;
    this.#next = (this.#next + 1) % this.#ring.length;
    this.#done.add(key);
  }

  release(key: string): void {
    this.#leases.delete(key);
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
