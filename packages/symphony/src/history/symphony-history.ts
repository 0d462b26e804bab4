import {
  type Addressable,
  type CachedWork,
  type HistoryCache,
  type HistoryPage,
  type HistoryQuery,
  type HistoryRecord,
  type HistoryStore,
  MemoryHistoryCache,
} from "@sprig/core";
import { isStructuredObject } from "@sprig/messageml";
import type { MessagesApi } from "../rest/messages-api.ts";
import { toUrlSafeId } from "../rest/stream-id.ts";
import type { V4Message } from "../rest/wire-types.ts";
import { decodeCursor, encodeCursor, isAfter, TOP } from "./history-cursor.ts";
import { type SearchWindow, SearchWindows, type SearchWindowsOptions } from "./search-windows.ts";
import { type StoredMessage, storedMessage } from "./stored-message.ts";

export interface SymphonyHistoryOptions {
  readonly messages: Pick<MessagesApi, "search" | "list">;
  /**
   * Where records come from: message `search` (stream + hashtag; the default), or the stream's
   * message `listing` — read once to its end (oldest first, in pages), then kept current by the
   * cache — for pods whose search index is slow or off.
   */
  readonly source?: "search" | "listing";
  /** The stream of a conversation (a chat's own; a user's IM). */
  readonly streamOf: (where: Addressable) => Promise<string>;
  /**
   * The bot's user id: only its own messages are history. Anyone can post a message carrying a
   * hashtag and data that look like the bot's state; they must never become it.
   */
  readonly author?: number;
  readonly cache?: SearchWindowsOptions;
  /**
   * The history cache (core's `HistoryCache`): the newest work message per stream and hashtag, so a
   * latest-state lookup is one cache read. Every message the bot sends, and the newest one a search
   * finds, is written to it. Default: a memory one when this instance is the only reader (`"trust"`);
   * none with `"verify"` (several instances, nothing shared: a cache one instance writes cannot
   * answer for the others). Instances sharing one (Redis: `RedisHistoryCache`) answer for each other.
   */
  readonly latest?: HistoryCache;
  /**
   * Whether the cache may answer alone. `"trust"` (the default) is right when this instance is the
   * only one reading the bot's feed: it then sees every work message of its streams (its own sends
   * and the datafeed), and repeated lookups cost no REST call. With several instances on one fanout
   * feed, another instance posts state this one never sees: `"verify"` asks the pod, on every lookup
   * from the top, for the newest match since the cache's newest entry (one search limited to 1, or
   * one short listing) and reads what is new before answering.
   */
  readonly cacheMode?: "trust" | "verify";
  /** Search results read per REST call (at least the page asked for; 50 by default, at most 500). */
  readonly searchPageSize?: number;
}

/**
 * History on Symphony: the work objects the bot posted are messages carrying the object in their
 * EntityJSON and hashtags (the work type name, and any tags) in their body. Lookups go through
 * message search (stream + hashtag, `fromDate` for `since`, `skip`/`limit` pages), newest first,
 * and through caches fed by every message the bot sends or sees, so asking again costs no call:
 * the history cache answers "the newest" (a lookup from the top for one record) alone, the search
 * windows every page. Records are returned encoded; core decodes them and skips versions the work
 * type cannot read.
 */
export class SymphonyHistory implements HistoryStore {
  readonly cache: SearchWindows;
  readonly latest: HistoryCache | undefined;
  private readonly pageSize: number;

  constructor(private readonly options: SymphonyHistoryOptions) {
    this.cache = new SearchWindows(options.cache);
    this.latest = options.latest ?? (options.cacheMode === "verify" ? undefined : new MemoryHistoryCache());
    this.pageSize = options.searchPageSize ?? 50;
  }

  /**
   * Feed the caches a message the bot sent or saw on the datafeed. Rejects when the history cache
   * cannot be written (a shared one, away): the caller's action then fails and runs again, so no
   * cache is left holding an older state than the pod.
   */
  async observe(message: V4Message): Promise<void> {
    const stored = this.stored(message);
    if (!stored) return;
    this.cache.observe(stored);
    await this.latest?.observe(stored.streamId, cachedWork(stored));
  }

  private stored(message: V4Message): StoredMessage | undefined {
    const { author } = this.options;
    if (author !== undefined && message.user?.userId !== author) return undefined;
    return storedMessage(message);
  }

  /** A message replaced (updated in place) or removed: no longer part of history. Rejects as `observe`. */
  async forget(streamId: string, messageId: string): Promise<void> {
    this.cache.forget(streamId, messageId);
    await this.latest?.forget(toUrlSafeId(streamId), toUrlSafeId(messageId));
  }

  async find(query: HistoryQuery): Promise<HistoryPage<HistoryRecord>> {
    const streamId = await this.options.streamOf(query.where);
    // A tag is the narrower search; the type is then checked on each object.
    const hashtag = (query.tag ?? query.typeName ?? "").toLowerCase();
    if (hashtag === "") return { items: [] };
    const since = query.since?.getTime() ?? 0;
    const newestOnly = query.cursor === undefined && query.limit === 1;
    if (newestOnly) {
      const cached = await this.cachedLatest(streamId, hashtag, since);
      if (cached) return onePage(cached, query.typeName);
    }
    const page = await this.search(query, streamId, hashtag, since);
    if (newestOnly) await this.fill(streamId, hashtag, since);
    return page;
  }

  /** The history cache's newest message for the hashtag, if it has one since `since`; a cache away is a miss. */
  private async cachedLatest(streamId: string, hashtag: string, since: number) {
    let cached: CachedWork | undefined;
    try {
      cached = await this.latest?.latest(toUrlSafeId(streamId), hashtag);
    } catch {
      // History is the truth and the cache only speed: without it, the pod answers.
      return undefined;
    }
    const stored = cached && storedFromCache(streamId, cached);
    return stored && stored.time >= since ? stored : undefined;
  }

  /**
   * After a lookup the cache could not answer: the newest message found for the hashtag (by the
   * search, or seen by this instance) becomes the cache's, unless a newer one is there, so the next
   * lookup, on any instance sharing the cache, is one cache read. A failed fill changes nothing
   * that matters: the cache is only speed.
   */
  private async fill(streamId: string, hashtag: string, since: number): Promise<void> {
    const newest = this.cache.window(streamId, hashtag, since).messages[0];
    if (!this.latest || !newest) return;
    // Under this hashtag only: the newest carrying a tag need not be the newest of its type.
    const fill = { ...cachedWork(newest), keys: [hashtag] };
    await this.latest.observe(toUrlSafeId(streamId), fill).catch(() => undefined);
  }

  /** A page from the search windows (and the pod's search, for what they lack). */
  private async search(
    query: HistoryQuery,
    streamId: string,
    hashtag: string,
    since: number,
  ): Promise<HistoryPage<HistoryRecord>> {
    const window = this.cache.window(streamId, hashtag, since);
    const position = decodeCursor(query.cursor) ?? TOP;
    const limit = Math.max(1, query.limit);
    // Later pages follow positions: what arrived meanwhile is for the next lookup from the top.
    if (this.options.cacheMode === "verify" && position === TOP && wasRead(window)) {
      await this.catchUp(window, streamId);
    }
    let start = startAfter(window, position);
    if (!window.complete && window.messages.length - start < limit) {
      await this.fetchMore(window, streamId, limit);
      start = startAfter(window, position);
    }
    const page = window.messages.slice(start, start + limit);
    const items = page.flatMap((message) => records(message, query.typeName));
    const last = page.at(-1);
    const more = !window.complete || start + page.length < window.messages.length;
    if (!more) return { items };
    // Nothing new this time (the search page held no work objects): ask again from the same place.
    const next = last ? { time: last.time, messageId: last.messageId } : position;
    return { items, next: encodeCursor(next) };
  }

  /**
   * Brings a window read before up to date with the pod: messages another instance posted since
   * the cache's newest entry. The cache's own messages a lagging search index lacks stay (merge).
   */
  private async catchUp(window: SearchWindow, streamId: string): Promise<void> {
    const newest = window.messages[0];
    const since = Math.max(window.since, newest?.time ?? 0);
    if (this.options.source === "listing") return this.readListingSince(window, streamId, since);
    // The common case costs one small call: the newest match is one the window knows.
    let size = 1;
    for (let skip = 0; ; ) {
      const found = await this.searchPage(window, streamId, since, skip, size);
      const known = found.some(
        (message) => message.messageId && window.knows(toUrlSafeId(message.messageId)),
      );
      this.mergeFound(window, found);
      if (known || found.length < size) return;
      skip += found.length;
      size = Math.min(500, this.pageSize);
    }
  }

  /** One more page of search results into the window (or, listing, the whole stream). */
  private async fetchMore(window: SearchWindow, streamId: string, limit: number): Promise<void> {
    if (this.options.source === "listing") return this.readListing(window, streamId);
    const size = Math.min(500, Math.max(limit, this.pageSize));
    const found = await this.searchPage(window, streamId, window.since, window.fetched, size);
    window.fetched += found.length;
    if (found.length < size) window.complete = true;
    this.mergeFound(window, found);
  }

  /** Search results for the window's hashtag from `since` on, newest first. */
  private searchPage(
    window: SearchWindow,
    streamId: string,
    since: number,
    skip: number,
    limit: number,
  ): Promise<V4Message[]> {
    return this.options.messages.search(
      {
        streamId,
        hashtag: window.hashtag,
        ...(this.options.author === undefined ? {} : { author: this.options.author }),
        ...(since > 0 ? { fromDate: since } : {}),
      },
      { skip, limit, sortDir: "DESC" },
    );
  }

  /** Records into the window; the rest (drafts, others' look-alikes) marked as read. */
  private mergeFound(window: SearchWindow, found: readonly V4Message[]): void {
    const stored: StoredMessage[] = [];
    for (const message of found) {
      const record = this.stored(message);
      if (record) stored.push(record);
      else if (message.messageId) window.pass(toUrlSafeId(message.messageId));
    }
    window.merge(stored);
  }

  /** The stream's messages from `since` on (oldest first, page by page to the end) into the window. */
  private async readListingSince(window: SearchWindow, streamId: string, since: number): Promise<void> {
    const size = 500;
    for (let skip = 0; ; skip += size) {
      const page = await this.options.messages.list(streamId, { since, skip, limit: size });
      const stored = page.map((m) => this.stored(m)).filter((m): m is StoredMessage => m !== undefined);
      window.merge(stored.filter((m) => window.matches(m)));
      if (page.length < size) return;
    }
  }

  /** The stream's messages from `since` on, page by page to the end: the newest come last. */
  private async readListing(window: SearchWindow, streamId: string): Promise<void> {
    const size = 500;
    for (;;) {
      const page = await this.options.messages.list(streamId, {
        since: window.since,
        skip: window.fetched,
        limit: size,
      });
      window.fetched += page.length;
      const stored = page.map((m) => this.stored(m)).filter((m): m is StoredMessage => m !== undefined);
      window.merge(stored.filter((m) => window.matches(m)));
      if (page.length < size) break;
    }
    window.complete = true;
  }
}

/** A window answered from before (fetched, or filled from the stream's recent messages). */
function wasRead(window: SearchWindow): boolean {
  return window.fetched > 0 || window.complete || window.messages.length > 0;
}

function startAfter(window: SearchWindow, position: { time: number; messageId: string }): number {
  const index = window.messages.findIndex((m) => isAfter(position, m.time, m.messageId));
  return index === -1 ? window.messages.length : index;
}

/** The cache's answer as a page: its records, and a cursor past it for older ones (an unreadable version). */
function onePage(message: StoredMessage, typeName: string | undefined): HistoryPage<HistoryRecord> {
  return {
    items: records(message, typeName),
    next: encodeCursor({ time: message.time, messageId: message.messageId }),
  };
}

/** What the history cache keeps of a message: found by its hashtags and its work types' names. */
function cachedWork(message: StoredMessage): CachedWork {
  const keys = new Set([...message.hashtags, ...message.works.map((work) => work.type.toLowerCase())]);
  return { messageId: message.messageId, time: message.time, keys: [...keys], works: message.works };
}

/** A cached message back as history keeps it (its works checked: the cache is outside this process). */
function storedFromCache(streamId: string, cached: CachedWork): StoredMessage | undefined {
  const works = cached.works.filter(isStructuredObject);
  if (works.length === 0) return undefined;
  return { messageId: cached.messageId, streamId, time: cached.time, hashtags: [...cached.keys], works };
}

function records(message: StoredMessage, typeName: string | undefined): HistoryRecord[] {
  return message.works
    .filter((work) => typeName === undefined || work.type === typeName)
    .map((work) => ({ data: work, time: new Date(message.time), messageId: message.messageId }));
}
