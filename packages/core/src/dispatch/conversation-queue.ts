/**
 * Ordering: the actions of one conversation run one after another, in arrival order (so two
 * quick "/add" never read the same list); different conversations run in parallel, at most
 * `concurrency` at a time.
 */
export class ConversationQueue {
  readonly #tails = new Map<string, Promise<void>>();
  readonly #waiting: (() => void)[] = [];
  readonly #concurrency: number;
  #running = 0;

  constructor(concurrency = 16) {
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new RangeError(`concurrency must be a positive integer, got ${concurrency}.`);
    }
    this.#concurrency = concurrency;
  }

  /** Run `task` after every earlier task of the same conversation key has settled. */
  run<R>(key: string, task: () => Promise<R>): Promise<R> {
    const previous = this.#tails.get(key);
    const result = previous ? previous.then(() => this.#limited(task)) : this.#limited(task);
    const tail = result.then(
      () => {},
      () => {},
    );
    this.#tails.set(key, tail);
    tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  async #limited<R>(task: () => Promise<R>): Promise<R> {
    if (this.#running >= this.#concurrency) await new Promise<void>((resume) => this.#waiting.push(resume));
    this.#running++;
    try {
      return await task();
    } finally {
      this.#running--;
      this.#waiting.shift()?.();
    }
  }

  /** Conversations with work queued or running. */
  get active(): number {
    return this.#tails.size;
  }
}
