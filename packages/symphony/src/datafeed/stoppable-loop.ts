import { isSymphonyError } from "../errors/symphony-error.ts";
import type { Logger } from "../logging/logger.ts";
import { datafeedFailureAdvice } from "./datafeed-failure.ts";

/**
 * The run / stop lifecycle both datafeed loops share: `run()` starts the loop once, `stop()` aborts
 * whatever call is under way and waits for the loop to wind down. An abort caused by stopping is the
 * normal way out, not an error. Any other way out is a failure for good, and is logged as one: whoever
 * runs the bot may not be waiting on `run()`, and a bot that silently stops reading looks alive.
 */
export abstract class StoppableLoop {
  protected readonly abort = new AbortController();
  protected stopping = false;
  private running: Promise<void> | undefined;
  protected abstract readonly logger: Logger;
  #abandon!: () => void;
  /** Settles when `abandon()` is called: the batch in hand is then no longer waited for. */
  protected readonly abandoned = new Promise<void>((resolve) => {
    this.#abandon = resolve;
  });

  protected abstract loop(): Promise<void>;

  run(): Promise<void> {
    this.running ??= this.loop().catch((error: unknown) => {
      // Stopping aborts whatever call is under way (a read, a backoff wait, a feed re-creation).
      if (this.stoppedBy(error)) return;
      const advice = datafeedFailureAdvice(error);
      this.logger.error(
        { err: error, advice },
        `the datafeed stopped for good, the bot receives no more events: ${describe(error)} — ${advice}`,
      );
      throw error;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.abort.abort(new Error("datafeed stopped"));
    await this.running?.catch(() => undefined);
  }

  /**
   * Stop waiting for the batch in hand (a handler that outlived the stop's grace period): it counts
   * as not handled, so it is not acknowledged and the datafeed delivers it again to a reader.
   */
  abandon(): void {
    this.#abandon();
  }

  /** Handles a batch; true when it was handled, false when it failed or was abandoned. */
  protected async handled(handling: Promise<void>): Promise<boolean> {
    // A handling that fails after being abandoned is still observed by the race: no unhandled rejection.
    return Promise.race([handling.then(() => true), this.abandoned.then(() => false)]);
  }

  /** True when `error` is the abort that `stop()` caused. */
  protected stoppedBy(error: unknown): boolean {
    return this.stopping && isSymphonyError(error, "ABORTED");
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
