/**
 * Waiters for something another instance does (a finished turn, a released read turn), woken by
 * its message on pub/sub — or, should that be lost (a subscriber reconnecting), by a slow poll:
 * each waiter looks again after `pollMs` regardless.
 */
export interface Listening {
  /** Resolves on a wake-up of the key, after `pollMs`, or once cancelled or aborted. */
  wait(): Promise<void>;
  /** Stops listening (and resolves `wait`). */
  cancel(): void;
}

export class WakeOrPoll<K = string> {
  readonly #pollMs: number;
  readonly #waiters = new Map<K, Set<() => void>>();

  constructor(pollMs: number) {
    this.#pollMs = pollMs;
  }

  /**
   * Listens for `wake(key)` from now: listen before looking, so that what happens in between
   * still wakes. The poll's timer starts only in `wait` (most looks find what they want at once).
   */
  listen(key: K, signal?: AbortSignal): Listening {
    let waiters = this.#waiters.get(key);
    if (!waiters) {
      waiters = new Set();
      this.#waiters.set(key, waiters);
    }
    const set = waiters;
    let wake!: () => void;
    const woken = new Promise<void>((resolve) => {
      wake = resolve;
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = () => {
      clearTimeout(timer);
      set.delete(done);
      if (set.size === 0 && this.#waiters.get(key) === set) this.#waiters.delete(key);
      signal?.removeEventListener("abort", done);
      wake();
    };
    set.add(done);
    signal?.addEventListener("abort", done, { once: true });
    return {
      wait: () => {
        if (set.has(done)) timer = setTimeout(done, this.#pollMs);
        return woken;
      },
      cancel: done,
    };
  }

  /** Wakes the waiters of `key`. */
  wake(key: K): void {
    for (const done of [...(this.#waiters.get(key) ?? [])]) done();
  }

  /** Wakes every waiter (closing). */
  wakeAll(): void {
    for (const key of [...this.#waiters.keys()]) this.wake(key);
  }
}
