import type { Addressable, HistoryPage, HistoryQuery, HistoryRecord, HistoryStore } from "@sprig/core";
import type { MessagesApi } from "../rest/messages-api.ts";
import type { V4Message } from "../rest/wire-types.ts";
import { HistoryCache, type HistoryCacheOptions, type SearchWindow } from "./history-cache.ts";
import { decodeCursor, encodeCursor, isAfter, TOP } from "./history-cursor.ts";
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
  readonly cache?: HistoryCacheOptions;
  /** Search results read per REST call (at least the page asked for; 50 by default, at most 500). */
  readonly searchPageSize?: number;
}

/**
 * History on Symphony: the work objects the bot posted are messages carrying the object in their
 * EntityJSON and hashtags (the work type name, and any tags) in their body. Lookups go through
 * message search (stream + hashtag, `fromDate` for `since`, `skip`/`limit` pages), newest first,
 * and through a cache fed by every message the bot sends or sees, so asking again costs no call.
 * Records are returned encoded; core decodes them and skips versions the work type cannot read.
 */
export class SymphonyHistory implements HistoryStore {
  readonly cache: HistoryCache;
  private readonly pageSize: number;

  constructor(private readonly options: SymphonyHistoryOptions) {
    this.cache = new HistoryCache(options.cache);
    this.pageSize = options.searchPageSize ?? 50;
  }

  /** Feed the cache a message the bot sent or saw on the datafeed. */
  observe(message: V4Message): void {
    const stored = this.stored(message);
    if (stored) this.cache.observe(stored);
  }

  private stored(message: V4Message): StoredMessage | undefined {
    const { author } = this.options;
    if (author !== undefined && message.user?.userId !== author) return undefined;
    return storedMessage(message);
  }

  /** A message replaced (updated in place) or removed: no longer part of history. */
  forget(streamId: string, messageId: string): void {
    this.cache.forget(streamId, messageId);
  }

  async find(query: HistoryQuery): Promise<HistoryPage<HistoryRecord>> {
    const streamId = await this.options.streamOf(query.where);
    // A tag is the narrower search; the type is then checked on each object.
    const hashtag = (query.tag ?? query.typeName ?? "").toLowerCase();
    if (hashtag === "") return { items: [] };
    const window = this.cache.window(streamId, hashtag, query.since?.getTime() ?? 0);
    const position = decodeCursor(query.cursor) ?? TOP;
    const limit = Math.max(1, query.limit);
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

  /** One more page of search results into the window (or, listing, the whole stream). */
  private async fetchMore(window: SearchWindow, streamId: string, limit: number): Promise<void> {
    if (this.options.source === "listing") return this.readListing(window, streamId);
    const size = Math.min(500, Math.max(limit, this.pageSize));
    const found = await this.options.messages.search(
      {
        streamId,
        hashtag: window.hashtag,
        ...(this.options.author === undefined ? {} : { author: this.options.author }),
        ...(window.since > 0 ? { fromDate: window.since } : {}),
      },
      { skip: window.fetched, limit: size, sortDir: "DESC" },
    );
    window.fetched += found.length;
    if (found.length < size) window.complete = true;
    window.merge(found.map((m) => this.stored(m)).filter((m): m is StoredMessage => m !== undefined));
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

function startAfter(window: SearchWindow, position: { time: number; messageId: string }): number {
  const index = window.messages.findIndex((m) => isAfter(position, m.time, m.messageId));
  return index === -1 ? window.messages.length : index;
}

function records(message: StoredMessage, typeName: string | undefined): HistoryRecord[] {
  return message.works
    .filter((work) => typeName === undefined || work.type === typeName)
    .map((work) => ({ data: work, time: new Date(message.time), messageId: message.messageId }));
}
