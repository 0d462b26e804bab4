import { isSymphonyError } from "../errors/symphony-error.ts";
import { isHttpStatus } from "../http/http-error.ts";
import type { Logger } from "../logging/logger.ts";
import { silentLogger } from "../logging/logger.ts";
import type { V4Event } from "../rest/wire-types.ts";
import type { DatafeedLoop, DatafeedLoopOptions } from "./datafeed-loop.ts";
import { LoginOutage } from "./login-outage.ts";
import { withoutOwnMessages } from "./own-events.ts";
import { StoppableLoop } from "./stoppable-loop.ts";

/**
 * Datafeed v1 (deprecated, for older agents): create a feed, read it, recreate it on 400. It has no
 * acknowledgement: a batch whose handling failed cannot be delivered again, so it is logged.
 */
export class DatafeedV1Loop extends StoppableLoop implements DatafeedLoop {
  protected readonly logger: Logger;
  private readonly outage: LoginOutage;

  constructor(private readonly options: DatafeedLoopOptions) {
    super();
    this.logger = (options.logger ?? silentLogger()).child({ component: "datafeed-v1" });
    this.outage = new LoginOutage(options, this.logger);
  }

  protected async loop(): Promise<void> {
    let feedId: string | undefined;
    while (!this.stopping) {
      let events: V4Event[];
      try {
        // A feed that cannot be created is not retried here (that would spin): the error ends the loop.
        feedId ??= await this.createFeed().catch((error: unknown) => {
          throw new FeedCreationError(error);
        });
        events = await this.options.api.readV1(feedId, this.callOptions());
      } catch (caught) {
        const error = caught instanceof FeedCreationError ? caught.cause : caught;
        if (caught instanceof FeedCreationError && !isSymphonyError(error, "AUTH_FAILED")) {
          if (this.stoppedBy(error)) break;
          throw error;
        }
        if (this.stoppedBy(error)) break;
        if (await this.outage.waitIfLoginFailed(error, this.abort.signal)) continue;
        if (!isHttpStatus(error, 400)) throw error;
        this.logger.warn({ feedId }, "datafeed is gone (400): creating a new one");
        feedId = undefined;
        continue;
      }
      this.outage.reset();
      await this.handle(withoutOwnMessages(events, this.options.botUserId));
    }
    this.logger.info("datafeed stopped");
  }

  private async handle(events: V4Event[]): Promise<void> {
    if (events.length === 0) return;
    try {
      if (!(await this.handled(this.options.onEvents(events))))
        this.logger.warn({ events: events.length }, "stopping: the batch in hand was abandoned unfinished");
    } catch (error) {
      this.logger.error(
        { err: error, events: events.length },
        "handling a batch failed (v1 cannot redeliver it)",
      );
    }
  }

  private async createFeed(): Promise<string> {
    const id = await this.options.api.createV1(this.callOptions());
    this.logger.info({ feedId: id }, "datafeed (v1) open");
    return id;
  }

  private callOptions() {
    return { signal: this.abort.signal, retry: this.options.retry };
  }
}

/** Marks a failure of feed creation, so it is not mistaken for a read failure (a 400 there means "gone"). */
class FeedCreationError extends Error {
  override readonly cause: unknown;
  constructor(cause: unknown) {
    super("datafeed creation failed");
    this.cause = cause;
  }
}
