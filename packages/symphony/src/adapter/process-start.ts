import type { Clock } from "../http/clock.ts";
import type { DatafeedApi, FeedCallOptions } from "../rest/datafeed-api.ts";

/** `Date` counts whole seconds: the instant it names may be up to this much earlier than the answer. */
const DATE_RESOLUTION_MS = 1000;

/**
 * This process's start as its datafeed sees it: when the first read goes out (the bot is ready),
 * and the pod's time when a read is first answered — the line between the events an earlier
 * process of this bot may have handled and those only this one can have.
 *
 * Without a shared dedupe store, a process that crashed after posting an answer and before
 * acknowledging the event leaves no trace but the answer on the pod: the event is redelivered to
 * the next process, whose in-memory store calls it "first". Such an event was stamped by the pod
 * before the earlier process died, so before this one began reading. Events stamped before the line
 * have their answers looked up before they are posted; events after it — the steady state — cost
 * nothing. A late redelivery of an old event keeps its old timestamp, so it is looked up however
 * late it comes.
 *
 * The line is on the pod's clock (its answer's `Date`, to which its event timestamps are compared),
 * so it holds whatever this machine's clock says. `Date` has whole seconds: the line is drawn a
 * second past it, and the events of about the first second after a start are looked up
 * needlessly. An answer without `Date` (a proxy dropped it): this machine's time at the read plus
 * the `clockSkewMs` allowance. An earlier process still running alongside (and crashing later) is
 * outside this: that is what a shared dedupe store is for.
 */
export class ProcessStart {
  /** Resolves when the first read is sent: the feed is open and events from then on reach the bot. */
  readonly reading: Promise<void>;
  #readingStarted!: () => void;
  /** Events the pod stamped before this (ms, the pod's clock) may be an earlier process's. */
  #line: number | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly clockSkewMs: number,
  ) {
    this.reading = new Promise<void>((resolve) => {
      this.#readingStarted = resolve;
    });
  }

  /**
   * Whether an event the pod stamped at `time` may have been handled by an earlier process. True
   * until a read was answered (no event can be handled before), and for an event with no time.
   */
  mayPredate(time: number | undefined): boolean {
    if (this.#line === undefined || time === undefined || Number.isNaN(time)) return true;
    return time < this.#line;
  }

  /** The datafeed API, its reads watched: the first sent signals `reading`, the first answered draws the line. */
  wrap(api: DatafeedApi): DatafeedApi {
    return Object.create(api, {
      readV2: {
        value: (feedId: string, ackId: string, options?: FeedCallOptions) =>
          api.readV2(feedId, ackId, this.#watched(options)),
      },
      readV1: {
        value: (feedId: string, options?: FeedCallOptions) => api.readV1(feedId, this.#watched(options)),
      },
    }) as DatafeedApi;
  }

  #watched(options: FeedCallOptions = {}): FeedCallOptions {
    this.#readingStarted();
    if (this.#line !== undefined) return options;
    const sentAt = this.clock.now();
    return {
      ...options,
      onServerDate: (podTime) => {
        this.#line ??= podTime === undefined ? sentAt + this.clockSkewMs : podTime + DATE_RESOLUTION_MS;
      },
    };
  }
}
