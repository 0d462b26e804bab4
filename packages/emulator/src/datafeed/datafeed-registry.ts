import type { EventHub } from "../events/event-hub.ts";
import { ApiError, badRequest, forbidden } from "../http/api-error.ts";
import type { IdSource } from "../ids/id-source.ts";
import type { Clock } from "../runtime/clock.ts";
import type { DatafeedSettings } from "./datafeed-settings.ts";
import { DatafeedV1, type DatafeedV1State } from "./datafeed-v1.ts";
import { DatafeedV2, type DatafeedV2State } from "./datafeed-v2.ts";

export interface DatafeedSnapshot {
  v2: DatafeedV2State[];
  v1: DatafeedV1State[];
}

interface Registered<T> {
  feed: T;
  unsubscribe: () => void;
}

/** Feeds are per account; a tag (hence an id) may repeat across accounts. */
const feedKey = (ownerId: number, id: string) => `${ownerId}:${id}`;

const FEED_GONE =
  "Do not retry: the feed no longer exists or was never created. The datafeed has a 30 minutes ttl; create a new one.";

/** All datafeeds of all accounts: creation limits, TTL expiry, deletion, and wiring to the event hub. */
export class DatafeedRegistry {
  private readonly v2 = new Map<string, Registered<DatafeedV2>>();
  private readonly v1 = new Map<string, Registered<DatafeedV1>>();

  private sweepTimer: unknown;

  constructor(
    readonly settings: DatafeedSettings,
    private readonly hub: EventHub,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {
    this.scheduleSweep();
  }

  /** Abandoned feeds are dropped even when no bot calls in, so they stop collecting events. */
  private scheduleSweep(): void {
    const every = Math.max(1000, Math.min(60_000, this.settings.ttlMs / 4));
    this.sweepTimer = this.clock.setTimeout(() => {
      this.sweep();
      this.scheduleSweep();
    }, every);
  }

  /** Stop for good (the emulator is closing). */
  dispose(): void {
    this.clock.clearTimeout(this.sweepTimer);
    this.clear();
  }

  listV2(ownerId: number, tag?: string): DatafeedV2[] {
    this.sweep();
    return [...this.v2.values()]
      .map((r) => r.feed)
      .filter((f) => f.ownerId === ownerId && (tag === undefined || f.tag === tag));
  }

  createV2(ownerId: number, tag?: string): DatafeedV2 {
    if (tag !== undefined) {
      const existing = this.listV2(ownerId, tag)[0];
      if (existing) return existing;
    }
    if (this.listV2(ownerId).length >= this.settings.maxFeedsPerAccount) {
      throw forbidden(
        `Too many datafeeds: an account can have at most ${this.settings.maxFeedsPerAccount} active feeds. Delete one first.`,
        "TOO_MANY_DATAFEEDS",
      );
    }
    const now = this.clock.now();
    // A tagged feed's id is its tag: BDK-Java, given a tag, reuses the feed whose id equals it.
    const id = tag ?? this.ids.datafeedId();
    const feed = new DatafeedV2(id, ownerId, tag, now, this.settings, this.clock, this.ids);
    this.registerV2(feed);
    return feed;
  }

  deleteV2(ownerId: number, id: string): void {
    const key = feedKey(ownerId, id);
    if (!this.v2.has(key)) throw badRequest(FEED_GONE, "DATAFEED_GONE");
    this.dropV2(key);
  }

  readV2(ownerId: number, id: string, ackId: string) {
    this.sweep();
    const registered = this.v2.get(feedKey(ownerId, id));
    if (!registered) throw badRequest(FEED_GONE, "DATAFEED_GONE");
    return registered.feed.read(ackId);
  }

  createV1(ownerId: number): DatafeedV1 {
    this.sweep();
    const mine = [...this.v1.values()].filter((r) => r.feed.ownerId === ownerId);
    if (mine.length >= this.settings.maxFeedsPerAccount) {
      throw new ApiError(503, "Maximum number of datafeeds reached", "TOO_MANY_DATAFEEDS");
    }
    const feed = new DatafeedV1(this.ids.v1DatafeedId(), ownerId, this.settings.longPollMs, this.clock);
    this.registerV1(feed);
    return feed;
  }

  readV1(ownerId: number, id: string, limit: number) {
    this.sweep();
    const registered = this.v1.get(id);
    if (!registered || registered.feed.ownerId !== ownerId) throw badRequest(FEED_GONE, "DATAFEED_GONE");
    return registered.feed.read(limit);
  }

  /** Every feed's state, or one account's. */
  snapshot(ownerId?: number): DatafeedSnapshot {
    const mine = (r: Registered<{ ownerId: number }>) => ownerId === undefined || r.feed.ownerId === ownerId;
    return {
      v2: [...this.v2.values()].filter(mine).map((r) => r.feed.state()),
      v1: [...this.v1.values()].filter(mine).map((r) => r.feed.state()),
    };
  }

  restore(snapshot: DatafeedSnapshot): void {
    for (const state of snapshot.v2) {
      this.registerV2(
        new DatafeedV2(
          state.id,
          state.ownerId,
          state.tag,
          state.createdAt,
          this.settings,
          this.clock,
          this.ids,
          state,
        ),
      );
    }
    for (const state of snapshot.v1) {
      this.registerV1(new DatafeedV1(state.id, state.ownerId, this.settings.longPollMs, this.clock, state));
    }
  }

  /** Drops every feed, or one account's. */
  clear(ownerId?: number): void {
    for (const [id, registered] of this.v2)
      if (ownerId === undefined || registered.feed.ownerId === ownerId) this.dropV2(id);
    for (const [id, registered] of this.v1) {
      if (ownerId !== undefined && registered.feed.ownerId !== ownerId) continue;
      registered.unsubscribe();
      registered.feed.close();
      this.v1.delete(id);
    }
  }

  private registerV2(feed: DatafeedV2): void {
    const unsubscribe = this.hub.subscribe(feed.ownerId, {
      kind: "datafeed",
      deliver: (e) => feed.deliver(e),
    });
    this.v2.set(feedKey(feed.ownerId, feed.id), { feed, unsubscribe });
  }

  private registerV1(feed: DatafeedV1): void {
    const unsubscribe = this.hub.subscribe(feed.ownerId, {
      kind: "datafeed",
      deliver: (e) => feed.deliver(e),
    });
    this.v1.set(feed.id, { feed, unsubscribe });
  }

  private dropV2(key: string): void {
    const registered = this.v2.get(key);
    if (!registered) return;
    registered.unsubscribe();
    registered.feed.close();
    this.v2.delete(key);
  }

  /** Feeds unread for their TTL are gone (and stop collecting events). */
  private sweep(): void {
    const now = this.clock.now();
    for (const [id, registered] of this.v2) if (registered.feed.isExpired(now)) this.dropV2(id);
    for (const [id, registered] of this.v1) {
      if (now - registered.feed.lastReadAt > this.settings.ttlMs) {
        registered.unsubscribe();
        registered.feed.close();
        this.v1.delete(id);
      }
    }
  }
}
