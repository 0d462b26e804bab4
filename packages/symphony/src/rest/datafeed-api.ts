import type { RetryConfig } from "../config/config-types.ts";
import { SymphonyError } from "../errors/symphony-error.ts";
import type { RestClient } from "../http/rest-client.ts";
import type { V4Event, V5Datafeed, V5EventList } from "./wire-types.ts";

/** A datahose feed: the account's tag and filters (readers giving the same share the feed). */
export interface DatahoseFeed {
  readonly tag: string;
  /** At least one real-time event type, e.g. `["MESSAGESENT"]`. */
  readonly eventTypes: readonly string[];
  /** `INTERNAL`, `EXTERNAL`, `FEDERATED`; every scope when absent. */
  readonly scopes?: readonly string[];
}

export interface FeedCallOptions {
  readonly signal?: AbortSignal;
  readonly retry?: RetryConfig;
  /** Told the pod's clock (its answer's `Date`) when the call succeeds. */
  readonly onServerDate?: (serverTime: number | undefined) => void;
  /** See `RestRequest.lostAnswerWaitMs`: a read whose answer was lost is retried only after it. */
  readonly lostAnswerWaitMs?: number;
}

/** The datafeed endpoints: v2 (`/agent/v5/datafeeds`) and the deprecated v1 (`/agent/v4/datafeed`). */
export class DatafeedApi {
  constructor(private readonly client: RestClient) {}

  async listV2(tag: string | undefined, options: FeedCallOptions = {}): Promise<V5Datafeed[]> {
    const feeds = await this.client.call<V5Datafeed[] | undefined>({
      service: "agent",
      method: "GET",
      path: "/agent/v5/datafeeds",
      query: { tag },
      operation: "list datafeeds",
      ...options,
    });
    return feeds ?? [];
  }

  createV2(tag: string | undefined, options: FeedCallOptions = {}): Promise<V5Datafeed> {
    return this.client.call<V5Datafeed>({
      service: "agent",
      method: "POST",
      path: "/agent/v5/datafeeds",
      json: tag === undefined ? {} : { tag },
      operation: "create datafeed",
      ...options,
    });
  }

  async deleteV2(feedId: string, options: FeedCallOptions = {}): Promise<void> {
    await this.client.call<unknown>({
      service: "agent",
      method: "DELETE",
      path: `/agent/v5/datafeeds/${encodeURIComponent(feedId)}`,
      operation: "delete datafeed",
      ...options,
    });
  }

  /** Long-poll read; sending `ackId` acknowledges the previous batch ("" on the first read). */
  async readV2(feedId: string, ackId: string, options: FeedCallOptions = {}): Promise<V5EventList> {
    const list = await this.client.call<V5EventList | undefined>({
      service: "agent",
      method: "POST",
      path: `/agent/v5/datafeeds/${encodeURIComponent(feedId)}/read`,
      json: { ackId },
      operation: "read datafeed",
      ...options,
    });
    return list ?? { events: [], ackId };
  }

  /**
   * `POST /agent/v5/events/read` (datahose): the account's feed of every event of the pod with this
   * tag and these filters, read and acknowledged as a datafeed v2 ("" on the first read).
   */
  async readDatahose(feed: DatahoseFeed, ackId: string, options: FeedCallOptions = {}): Promise<V5EventList> {
    const list = await this.client.call<V5EventList | undefined>({
      service: "agent",
      method: "POST",
      path: "/agent/v5/events/read",
      json: {
        type: "datahose",
        tag: feed.tag,
        eventTypes: feed.eventTypes,
        ...(feed.scopes === undefined ? {} : { scopes: feed.scopes }),
        ackId,
      },
      operation: "read datahose",
      ...options,
    });
    return list ?? { events: [], ackId };
  }

  async createV1(options: FeedCallOptions = {}): Promise<string> {
    const feed = await this.client.call<{ id?: string }>({
      service: "agent",
      method: "POST",
      path: "/agent/v4/datafeed/create",
      operation: "create datafeed (v1)",
      ...options,
    });
    if (typeof feed?.id !== "string") {
      throw new SymphonyError(
        "HTTP_INVALID_RESPONSE",
        "create datafeed (v1): the agent's answer has no feed id.",
      );
    }
    return feed.id;
  }

  /** Long-poll read; [] when it timed out, and also for 204 (no messages). */
  async readV1(feedId: string, options: FeedCallOptions = {}): Promise<V4Event[]> {
    const events = await this.client.call<V4Event[] | undefined>({
      service: "agent",
      method: "GET",
      path: `/agent/v4/datafeed/${encodeURIComponent(feedId)}/read`,
      operation: "read datafeed (v1)",
      ...options,
    });
    return events ?? [];
  }
}
