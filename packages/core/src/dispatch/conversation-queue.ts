/**
 * Ordering: the actions of one conversation run one after another, in arrival order (so two
 * quick "/add" never read the same list); different conversations run in parallel, at most
 * `concurrency` at a time.
 */
export class ConversationQueue {
  /** Per conversation: settles when its last queued task has. */
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
    // The common case — an idle conversation and a free slot — starts at once, with one extra promise.
    const result =
      previous === undefined && this.#running < this.#concurrency
        ? this.#start(task)
        : this.#queued(previous, task);
    const tail: Promise<void> = result.then(
      () => this.#settle(key, tail),
      () => this.#settle(key, tail),
    );
    this.#tails.set(key, tail);
    return result;
  }

  /** Conversations with work queued or running. */
  get active(): number {
    return this.#tails.size;
  }

  #start<R>(task: () => Promise<R>): Promise<R> {
    this.#running++;
    try {
      return task();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async #queued<R>(previous: Promise<void> | undefined, task: () => Promise<R>): Promise<R> {
    if (previous) await previous;
    while (this.#running >= this.#concurrency)
      await new Promise<void>((resume) => this.#waiting.push(resume));
    return this.#start(task);
  }

  /** A task finished: free its slot, and forget its conversation if nothing came after it. */
  #settle(key: string, tail: Promise<void>): void {
    this.#release();
    if (this.#tails.get(key) === tail) this.#tails.delete(key);
  }

  #release(): void {
    this.#running--;
    this.#waiting.shift()?.();
  }
}
