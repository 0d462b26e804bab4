import { isSymphonyError } from "../errors/symphony-error.ts";
import type { Logger } from "../logging/logger.ts";
import { silentLogger } from "../logging/logger.ts";
import type { DatahoseFeed } from "../rest/datafeed-api.ts";
import type { V5EventList } from "../rest/wire-types.ts";
import type { DatafeedLoop, DatafeedLoopOptions } from "./datafeed-loop.ts";
import { LoginOutage } from "./login-outage.ts";
import { StoppableLoop } from "./stoppable-loop.ts";

const DEFAULT_FINAL_ACK_TIMEOUT_MS = 2000;

export interface DatahoseLoopOptions extends Omit<DatafeedLoopOptions, "tag" | "botUserId"> {
  readonly feed: DatahoseFeed;
}

/**
 * The datahose (`POST /agent/v5/events/read`): read, handle, acknowledge, as datafeed v2 — every event
 * of the pod that passes the feed's filters, the bot's own included. Retries and the re-login on 401
 * are the REST client's, a re-login that fails (the key manager down) is waited out as in datafeed v2;
 * a 400 (bad filters, or the feed is gone) stops the loop, as in the BDK.
 */
export class DatahoseLoop extends StoppableLoop implements DatafeedLoop {
  protected readonly logger: Logger;
  private readonly outage: LoginOutage;

  constructor(private readonly options: DatahoseLoopOptions) {
    super();
    this.logger = (options.logger ?? silentLogger()).child({ component: "datahose", tag: options.feed.tag });
    this.outage = new LoginOutage(options, this.logger);
  }

  protected async loop(): Promise<void> {
    const { api, feed, onEvents } = this.options;
    let ackId = "";
    let unacknowledged = false;
    while (!this.stopping) {
      let batch: V5EventList;
      try {
        batch = await api.readDatahose(feed, ackId, this.callOptions());
      } catch (error) {
        if (this.stoppedBy(error)) break;
        if (await this.outage.waitIfLoginFailed(error, this.abort.signal)) continue;
        throw error;
      }
      this.outage.reset();
      const events = batch.events ?? [];
      let handled = true;
      if (events.length > 0) {
        try {
          handled = await this.handled(onEvents(events));
        } catch (error) {
          this.logger.error(
            { err: error, events: events.length },
            "handling a datahose batch failed: not acknowledged",
          );
          handled = false;
        }
      }
      if (handled) {
        ackId = batch.ackId ?? ackId;
        unacknowledged = events.length > 0;
      }
    }
    if (unacknowledged) await this.acknowledgeLast(ackId);
  }

  /** As datafeed v2: only a read acknowledges; one more, cut short, whatever it brings left for later. */
  private async acknowledgeLast(ackId: string): Promise<void> {
    const timeout = AbortSignal.timeout(this.options.finalAckTimeoutMs ?? DEFAULT_FINAL_ACK_TIMEOUT_MS);
    try {
      await this.options.api.readDatahose(this.options.feed, ackId, {
        signal: timeout,
        retry: { ...this.options.retry, maxAttempts: 1 },
      });
    } catch (error) {
      if (!isSymphonyError(error, "ABORTED"))
        this.logger.warn({ err: error }, "could not acknowledge the last datahose batch; it will come again");
    }
  }

  private callOptions() {
    return { signal: this.abort.signal, retry: this.options.retry };
  }
}
