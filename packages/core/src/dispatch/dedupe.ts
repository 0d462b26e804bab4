/**
 * Idempotency: a redelivered platform event must never reach a handler twice. A store claims
 * event ids; the first claim wins. The default keeps the most recent ids in memory, bounded;
 * a shared store (Redis) lets several bot instances share one feed.
 */
export interface DedupeStore {
  /** `true` the first time an id is claimed, `false` for every later claim. */
  claim(eventId: string): boolean | Promise<boolean>;
}

/** Remembers the last `capacity` event ids (oldest forgotten first). */
export class MemoryDedupeStore implements DedupeStore {
  readonly #seen = new Set<string>();
  /**
   * The ids in arrival order, as a ring: the slot about to be overwritten holds the oldest.
   * (Deleting a Set's first entry over and over is slow in V8: iteration skips the holes.)
   */
  readonly #ring: (string | undefined)[];
  #next = 0;

  constructor(capacity = 10_000) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`MemoryDedupeStore capacity must be a positive integer, got ${capacity}.`);
    }
    this.#ring = new Array(capacity).fill(undefined);
  }

  claim(eventId: string): boolean {
    if (this.#seen.has(eventId)) return false;
    const oldest = this.#ring[this.#next];
    if (oldest !== undefined) this.#seen.delete(oldest);
    this.#ring[this.#next] = eventId;
    this.#next = (this.#next + 1) % this.#ring.length;
    this.#seen.add(eventId);
    return true;
  }

  get size(): number {
    return this.#seen.size;
  }
}
