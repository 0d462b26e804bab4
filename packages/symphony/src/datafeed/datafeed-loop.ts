import type { RetryConfig } from "../config/config-types.ts";
import type { Clock } from "../http/clock.ts";
import type { Logger } from "../logging/logger.ts";
import type { DatafeedApi } from "../rest/datafeed-api.ts";
import type { V4Event } from "../rest/wire-types.ts";

/**
 * Receives one batch of events and resolves once every one of them has been handled. The batch is
 * acknowledged only then; if it rejects, the batch is not acknowledged and the datafeed delivers it
 * again (v2).
 */
export type EventsHandler = (events: V4Event[]) => Promise<void>;

export interface DatafeedLoopOptions {
  readonly api: DatafeedApi;
  readonly onEvents: EventsHandler;
  /** The bot's own user id (from session info): its own messages are skipped. */
  readonly botUserId?: number;
  /** Backoff for feed calls; the datafeed default retries forever. */
  readonly retry: RetryConfig;
  /** Datafeed v2 tag (a feed per bot when several bots share an account). */
  readonly tag?: string;
  readonly logger?: Logger;
  readonly clock?: Clock;
  /**
   * On stop, the last batch is acknowledged by one more read carrying its ackId; that read is cut
   * after this long (default 2000 ms). Events it brings are not handled and come back to a reader later.
   */
  readonly finalAckTimeoutMs?: number;
  /**
   * A read whose answer was lost (the connection failed after the request was sent) is sent again
   * only after this long (ms): the pod's visibility timeout, after which it hands the lost events
   * out again — first, so they still run before the later events of their conversations. Default
   * 30 s (Symphony's); 0 reads again at once, trading that order for a quicker restart.
   */
  readonly lostReadWaitMs?: number;
}

export interface DatafeedLoop {
  /** Reads until stopped; resolves after a graceful stop, rejects if the feed fails for good. */
  run(): Promise<void>;
  /** No new reads; the batch in hand finishes and is acknowledged; resolves when the loop has ended. */
  stop(): Promise<void>;
  /**
   * Stops waiting for the batch in hand (after `stop()`, once its grace period is over): the batch
   * is not acknowledged, and `stop()` resolves without it.
   */
  abandon(): void;
}
