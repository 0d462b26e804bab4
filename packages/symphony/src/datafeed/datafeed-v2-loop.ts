import { isHeldElsewhere } from "@sprig/core";
import { isSymphonyError } from "../errors/symphony-error.ts";
import { isHttpStatus } from "../http/http-error.ts";
import type { Logger } from "../logging/logger.ts";
import { silentLogger } from "../logging/logger.ts";
import type { V5EventList } from "../rest/wire-types.ts";
import type { DatafeedLoop, DatafeedLoopOptions } from "./datafeed-loop.ts";
import { pickReusableFeed } from "./feed-selection.ts";
import { LoginOutage } from "./login-outage.ts";
import { withoutOwnMessages } from "./own-events.ts";
import { StoppableLoop } from "./stoppable-loop.ts";

const DEFAULT_FINAL_ACK_TIMEOUT_MS = 2000;
/** Symphony's visibility timeout: a batch not acknowledged is handed out again after about 30 s. */
const DEFAULT_LOST_READ_WAIT_MS = 30_000;

/**
 * Datafeed v2: reuse the account's fanout feed or create one, then read, handle, acknowledge.
 * Retries of 5xx / 429 / network errors and the re-login on 401 happen in the REST client (with the
 * datafeed's unlimited retry policy); a 400 means the feed is gone (30 min TTL), so it is replaced.
 */
export class DatafeedV2Loop extends StoppableLoop implements DatafeedLoop {
  protected readonly logger: Logger;
  private feedId: string | undefined;
  private readonly outage: LoginOutage;

  constructor(private readonly options: DatafeedLoopOptions) {
    super();
    this.logger = (options.logger ?? silentLogger()).child({ component: "datafeed-v2" });
    this.outage = new LoginOutage(options, this.logger);
  }

  /** The feed being read, once known. */
  get currentFeedId(): string | undefined {
    return this.feedId;
  }

  protected async loop(): Promise<void> {
    let feedId: string | undefined;
    /** A feed found gone, deleted (what is left of it) before the next is opened. */
    let goneFeedId: string | undefined;
    let ackId = "";
    let unacknowledged = false;
    while (!this.stopping) {
      let batch: V5EventList;
      try {
        // Opening and replacing the feed meet the same faults as reading it (a login that fails
        // while the key manager is down), so they are retried the same way, not fatal.
        if (goneFeedId !== undefined) await this.deleteGoneFeed(goneFeedId);
        goneFeedId = undefined;
        feedId ??= await this.openFeed();
        batch = await this.options.api.readV2(feedId, ackId, this.readOptions());
        unacknowledged = false;
      } catch (error) {
        if (this.stoppedBy(error)) break;
        if (await this.outage.waitIfLoginFailed(error, this.abort.signal)) continue;
        // A 400 on the read means the feed is gone; on listing or creating one it is a real refusal.
        if (feedId === undefined || !isHttpStatus(error, 400)) throw error;
        this.logger.warn({ feedId }, "datafeed is gone (400): creating a new one");
        goneFeedId = feedId;
        feedId = undefined;
        ackId = "";
        continue;
      }
      this.outage.reset();
      const events = withoutOwnMessages(batch.events ?? [], this.options.botUserId);
      if (await this.handle(events)) {
        ackId = batch.ackId ?? ackId;
        unacknowledged = (batch.events?.length ?? 0) > 0;
      }
    }
    if (unacknowledged && feedId !== undefined) await this.acknowledgeLastBatch(feedId, ackId);
  }

  /** True when the batch was handled (so it may be acknowledged). */
  private async handle(events: Parameters<DatafeedLoopOptions["onEvents"]>[0]): Promise<boolean> {
    if (events.length === 0) return true;
    try {
      if (await this.handled(this.options.onEvents(events))) return true;
      this.logger.warn(
        { events: events.length },
        "stopping: the batch in hand was abandoned unfinished, the datafeed will deliver it again",
      );
      return false;
    } catch (error) {
      if (isHeldElsewhere(error)) {
        // Another instance is on it (or died on it): expected with several readers, not a failure.
        this.logger.info(
          { key: error.key, events: events.length },
          "an event of the batch is held by another claim: not acknowledged, the datafeed will deliver it again",
        );
        return false;
      }
      this.logger.error(
        { err: error, events: events.length },
        "handling a batch failed: not acknowledged, the datafeed will deliver it again",
      );
      return false;
    }
  }

  /**
   * Reuse the account's feed, or make one. Instances starting (or replacing a gone feed) at the same
   * moment may each list none and each make one: so after a create the list is read again, and all
   * settle on the oldest feed (`pickReusableFeed`) — a feed made needlessly is deleted unread.
   */
  private async openFeed(): Promise<string> {
    const { api, tag } = this.options;
    const reusable = pickReusableFeed(await api.listV2(tag, this.callOptions()), tag);
    let feed = reusable ?? (await api.createV2(tag, this.callOptions()));
    if (!reusable) {
      const settled = pickReusableFeed(await api.listV2(tag, this.callOptions()), tag);
      if (settled && settled.id !== feed.id) {
        this.logger.info(
          { feedId: settled.id, made: feed.id },
          "another instance made the feed too: reading its",
        );
        await api.deleteV2(feed.id, this.callOptions()).catch((error: unknown) => {
          if (this.stoppedBy(error)) throw error;
          this.logger.warn({ err: error, feedId: feed.id }, "could not delete the needless feed");
        });
        feed = settled;
      }
    }
    this.feedId = feed.id;
    this.logger.info({ feedId: feed.id, reused: reusable !== undefined }, "datafeed open");
    return feed.id;
  }

  /**
   * The feed is gone: delete what is left of it; the loop then opens one as at start — listing
   * first. Another instance reading the same feed met the same 400 and may have made the replacement
   * already; creating without looking would split the instances over two feeds, each getting every event.
   */
  private async deleteGoneFeed(goneId: string): Promise<void> {
    try {
      await this.options.api.deleteV2(goneId, this.callOptions());
    } catch (error) {
      // The feed is most likely gone already; only a failure other than a client error matters.
      if (!isHttpStatus(error, 400) && !isHttpStatus(error, 404)) throw error;
    }
  }

  /**
   * The v2 API acknowledges only through a read: send one carrying the last ackId, and cut it short.
   * Whatever it returns is left unacknowledged, so the datafeed hands it to a reader again later.
   */
  private async acknowledgeLastBatch(feedId: string, ackId: string): Promise<void> {
    const timeout = AbortSignal.timeout(this.options.finalAckTimeoutMs ?? DEFAULT_FINAL_ACK_TIMEOUT_MS);
    try {
      const extra = await this.options.api.readV2(feedId, ackId, {
        signal: timeout,
        retry: { ...this.options.retry, maxAttempts: 1 },
      });
      const left = extra.events?.length ?? 0;
      if (left > 0) this.logger.info({ events: left }, "events read while stopping are left for redelivery");
    } catch (error) {
      if (!isSymphonyError(error, "ABORTED")) {
        this.logger.warn({ err: error }, "could not acknowledge the last batch; it will be delivered again");
      }
    }
    this.logger.info({ feedId }, "datafeed stopped, last batch acknowledged");
  }

  private callOptions() {
    return { signal: this.abort.signal, retry: this.options.retry };
  }

  /** A read: as any feed call, and when its answer is lost, read again only once the pod redelivers. */
  private readOptions() {
    return {
      ...this.callOptions(),
      lostAnswerWaitMs: this.options.lostReadWaitMs ?? DEFAULT_LOST_READ_WAIT_MS,
    };
  }
}
