/**
 * A set of keys that keeps only the last `capacity` added (the oldest forgotten first): what an
 * in-memory dedupe store can afford to remember.
 */
export class BoundedKeySet {
  readonly #keys = new Set<string>();
  /**
   * The keys in insertion order, as a ring: the slot about to be overwritten holds the oldest.
   * (Deleting a Set's first entry over and over is slow in V8: iteration skips the holes.)
   */
  readonly #ring: (string | undefined)[];
  #next = 0;

  constructor(capacity: number) {
    this.#ring = new Array(capacity).fill(undefined);
  }

  has(key: string): boolean {
    return this.#keys.has(key);
  }

  add(key: string): void {
    if (this.#keys.has(key)) return;
    const oldest = this.#ring[this.#next];
    if (oldest !== undefined) this.#keys.delete(oldest);
    this.#ring[this.#next] = key;
    this.#next = (this.#next + 1) % this.#ring.length;
    this.#keys.add(key);
  }

  get size(): number {
    return this.#keys.size;
  }
}
