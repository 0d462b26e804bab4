import { isSymphonyError } from "../errors/symphony-error.ts";
import { backoffDelay, mayRetry } from "../http/backoff.ts";
import { type Clock, systemClock } from "../http/clock.ts";
import type { Logger } from "../logging/logger.ts";
import type { DatafeedLoopOptions } from "./datafeed-loop.ts";

/**
 * A re-login that failed for a reason other than refused credentials (the pod was down for longer than
 * the login's own retries) must not end the datafeed: the loop waits, with the datafeed's backoff and
 * attempt limit, and reads again — which logs in again. Refused credentials (AUTH_REJECTED) still stop it.
 */
export class LoginOutage {
  private failures = 0;
  private readonly clock: Clock;

  constructor(
    private readonly options: Pick<DatafeedLoopOptions, "retry" | "clock">,
    private readonly logger: Logger,
  ) {
    this.clock = options.clock ?? systemClock;
  }

  /** True after waiting out a failed login (read again); false when the error is something else. */
  async waitIfLoginFailed(error: unknown, signal: AbortSignal): Promise<boolean> {
    if (!isSymphonyError(error, "AUTH_FAILED")) return false;
    this.failures++;
    if (!mayRetry(this.options.retry, this.failures)) return false;
    const wait = backoffDelay(this.options.retry, this.failures, this.clock.random?.bind(this.clock));
    this.logger.warn(
      { err: error, retryInMs: wait },
      "could not log in again: the datafeed waits and retries",
    );
    await this.clock.sleep(wait, signal).catch(() => undefined);
    return true;
  }

  reset(): void {
    this.failures = 0;
  }
}
