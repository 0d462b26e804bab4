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
  readonly #capacity: number;

  constructor(capacity = 10_000) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`MemoryDedupeStore capacity must be a positive integer, got ${capacity}.`);
    }
    this.#capacity = capacity;
  }

  claim(eventId: string): boolean {
    if (this.#seen.has(eventId)) return false;
    this.#seen.add(eventId);
    if (this.#seen.size > this.#capacity) {
      // Sets iterate in insertion order: the first entry is the oldest.
      this.#seen.delete(this.#seen.values().next().value as string);
    }
    return true;
  }

  get size(): number {
    return this.#seen.size;
  }
}
