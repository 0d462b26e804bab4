/**
 * A time after which nothing retries any more, for the calls made while handling one action: a
 * share of its dedupe lease (the BDK's default schedule waits ~255 s, the lease is 120 s). The
 * claim is renewed while the action runs, so a redelivery does not run it alongside; but its batch
 * stays unacknowledged and its conversation waits all that time. An action that runs out of
 * retries fails, its keys are released, and the datafeed's redelivery runs it again; what it did
 * post is found by its send id, not posted twice.
 */
import { AsyncLocalStorage } from "node:async_hooks";

const deadlines = new AsyncLocalStorage<number>();

/** Runs `task` with retries bounded by `deadline` (ms since the epoch, the adapter's clock). */
export function withRetryDeadline<T>(deadline: number, task: () => T): T {
  return deadlines.run(deadline, task);
}

/** Whether a retry after `waitMs` from `now` would still start before the current deadline. */
export function mayWaitFor(waitMs: number, now: number): boolean {
  const deadline = deadlines.getStore();
  return deadline === undefined || now + waitMs < deadline;
}

/** The share of an action's lease its retries may use: the rest is for the last attempt's own calls. */
export const RETRY_SHARE_OF_LEASE = 0.75;
