import type { V4Event } from "../events/event-factory.ts";
import type { EventHub } from "../events/event-hub.ts";
import { ApiError, badRequest, forbidden } from "../http/api-error.ts";
import type { ClientGone } from "../http/client-gone.ts";
import type { IdSource } from "../ids/id-source.ts";
import type { Clock } from "../runtime/clock.ts";
import type { DatafeedSettings } from "./datafeed-settings.ts";
import { DatafeedV1, type DatafeedV1State } from "./datafeed-v1.ts";
import { DatafeedV2, type DatafeedV2State } from "./datafeed-v2.ts";
import { type DatahoseFilter, datahoseKey, datahoseMatches } from "./datahose-filter.ts";

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
  /** Datahose feeds, by account, tag and filters (not persisted: a restart starts them afresh). */
  private readonly datahose = new Map<string, Registered<DatafeedV2>>();

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

  readV2(ownerId: number, id: string, ackId: string, client?: ClientGone) {
    this.sweep();
    const registered = this.v2.get(feedKey(ownerId, id));
    if (!registered) throw badRequest(FEED_GONE, "DATAFEED_GONE");
    return registered.feed.read(ackId, client);
  }

  /** The answer carrying batch `ackId` was not delivered: the batch goes back now (if the feed still exists). */
  releaseV2(ownerId: number, id: string, ackId: string): void {
    this.v2.get(feedKey(ownerId, id))?.feed.release(ackId);
  }

  /**
   * `POST /agent/v5/events/read`: the account's datahose feed with this tag and these filters — made
   * by a first read (ackId ""), shared by every reader giving the same (events spread across them, as
   * on a datafeed v2), seeing every event of the pod that passes its filters. Other tags or filters
   * are other feeds, each getting all its events.
   */
  readDatahose(ownerId: number, filter: DatahoseFilter, ackId: string, client?: ClientGone) {
    this.sweep();
    const key = datahoseKey(ownerId, filter);
    let registered = this.datahose.get(key);
    if (!registered) {
      if (ackId !== "")
        throw badRequest(
          `No datahose feed with tag ${JSON.stringify(filter.tag)} and these filters (it expired, or the pod restarted): read with ackId "" to start one`,
          "DATAHOSE_GONE",
        );
      const mine = [...this.datahose.values()].filter((r) => r.feed.ownerId === ownerId);
      if (mine.length >= this.settings.maxFeedsPerAccount) {
        throw forbidden(
          `Too many datahose feeds: an account can have at most ${this.settings.maxFeedsPerAccount} (tag and filters make a feed)`,
          "TOO_MANY_DATAFEEDS",
        );
      }
      const now = this.clock.now();
      const feed = new DatafeedV2(filter.tag, ownerId, filter.tag, now, this.settings, this.clock, this.ids);
      const unsubscribe = this.hub.subscribeAll({
        kind: "datafeed",
        deliver: (event) => {
          if (datahoseMatches(filter, event)) feed.deliver(event);
        },
      });
      registered = { feed, unsubscribe };
      this.datahose.set(key, registered);
    }
    return { key, read: registered.feed.read(ackId, client) };
  }

  /** The datahose answer carrying batch `ackId` was not delivered: the batch goes back now. */
  releaseDatahose(key: string, ackId: string): void {
    this.datahose.get(key)?.feed.release(ackId);
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

  readV1(ownerId: number, id: string, limit: number, client?: ClientGone) {
    this.sweep();
    const registered = this.v1.get(id);
    if (!registered || registered.feed.ownerId !== ownerId) throw badRequest(FEED_GONE, "DATAFEED_GONE");
    return registered.feed.read(limit, client);
  }

  /** The answer carrying `events` was not delivered: they go back now (if the feed still exists). */
  putBackV1(ownerId: number, id: string, events: V4Event[]): void {
    const registered = this.v1.get(id);
    if (registered?.feed.ownerId === ownerId) registered.feed.putBack(events);
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
    for (const [key, registered] of this.datahose)
      if (ownerId === undefined || registered.feed.ownerId === ownerId) this.drop(this.datahose, key);
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
    this.drop(this.v2, key);
  }

  private drop(feeds: Map<string, Registered<DatafeedV2>>, key: string): void {
    const registered = feeds.get(key);
    if (!registered) return;
    registered.unsubscribe();
    registered.feed.close();
    feeds.delete(key);
  }

  /** Feeds unread for their TTL are gone (and stop collecting events). */
  private sweep(): void {
    const now = this.clock.now();
    for (const [id, registered] of this.v2) if (registered.feed.isExpired(now)) this.dropV2(id);
    for (const [key, registered] of this.datahose)
      if (registered.feed.isExpired(now)) this.drop(this.datahose, key);
    for (const [id, registered] of this.v1) {
      if (now - registered.feed.lastReadAt > this.settings.ttlMs) {
        registered.unsubscribe();
        registered.feed.close();
        this.v1.delete(id);
      }
    }
  }
}
