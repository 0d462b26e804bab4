import { LRUCache } from "lru-cache";
import { newestFirst, type StoredMessage } from "./stored-message.ts";

/**
 * What is known of one search — a stream, a hashtag (a work type name or a tag), a `since` — as
 * the newest-first run of matching messages: filled page by page from the pod's search, and kept
 * current by every matching message the bot sees (its own sends, the datafeed). `fetched` counts
 * the search results read so far (the next page's `skip`); `complete` means search has no more.
 */
export class SearchWindow {
  messages: StoredMessage[] = [];
  fetched = 0;
  complete = false;
  readonly #ids = new Set<string>();
  readonly #passed = new Set<string>();

  constructor(
    readonly hashtag: string,
    readonly since: number,
  ) {}

  /** Adds messages not known yet, keeping the newest-first order; true if any was new. */
  merge(messages: readonly StoredMessage[]): boolean {
    let added = false;
    for (const message of messages) {
      if (this.#ids.has(message.messageId) || message.time < this.since) continue;
      this.#ids.add(message.messageId);
      this.messages.push(message);
      added = true;
    }
    if (added) this.messages.sort(newestFirst);
    return added;
  }

  /** True when the message is in the window, or was read for it and is no record (a draft…). */
  knows(messageId: string): boolean {
    return this.#ids.has(messageId) || this.#passed.has(messageId);
  }

  /** A message read for this window that holds no record: known, so it is not read again as new. */
  pass(messageId: string): void {
    if (!this.#ids.has(messageId)) this.#passed.add(messageId);
  }

  forget(messageId: string): void {
    if (!this.#ids.has(messageId)) return;
    this.#ids.delete(messageId);
    this.messages = this.messages.filter((m) => m.messageId !== messageId);
  }

  matches(message: StoredMessage): boolean {
    return (
      message.time >= this.since &&
      (message.hashtags.includes(this.hashtag) ||
        message.works.some((w) => w.type.toLowerCase() === this.hashtag))
    );
  }
}

export interface SearchWindowsOptions {
  /** Streams remembered (least recently used forgotten first). */
  readonly maxStreams?: number;
  /** A window growing past this many messages is dropped (read again from the pod when asked). */
  readonly maxMessagesPerWindow?: number;
  /** Recent work messages kept per stream for windows opened later. */
  readonly recentPerStream?: number;
}

interface StreamEntry {
  readonly windows: Map<string, SearchWindow>;
  /** The newest work messages seen, so a window opened later has them even if search lags behind. */
  readonly recent: StoredMessage[];
}

/**
 * This process's search windows: per stream, the runs of history asked for so far, so repeated
 * reads of pages are answered with no REST call (the newest record alone comes from core's
 * `HistoryCache`, which instances can share; see `SymphonyHistory`). A message the bot sees is
 * added to every window it matches, so the cache never falls behind the conversation — and a
 * message just sent is found even where the pod's search index has not caught up yet.
 */
export class SearchWindows {
  /** Least recently used streams are forgotten first. */
  readonly #streams: LRUCache<string, StreamEntry>;
  readonly #maxMessages: number;
  readonly #recentPerStream: number;

  constructor(options: SearchWindowsOptions = {}) {
    this.#streams = new LRUCache({ max: options.maxStreams ?? 1000 });
    this.#maxMessages = options.maxMessagesPerWindow ?? 1000;
    this.#recentPerStream = options.recentPerStream ?? 20;
  }

  window(streamId: string, hashtag: string, since: number): SearchWindow {
    const entry = this.#entry(streamId);
    const key = `${since}\u0000${hashtag}`;
    let window = entry.windows.get(key);
    if (!window) {
      window = new SearchWindow(hashtag, since);
      window.merge(entry.recent.filter((m) => window?.matches(m)));
      entry.windows.set(key, window);
    }
    return window;
  }

  /** A message the bot saw or sent: added to the windows of its stream that it matches. */
  observe(message: StoredMessage): void {
    const entry = this.#entry(message.streamId);
    entry.recent.unshift(message);
    if (entry.recent.length > this.#recentPerStream) entry.recent.pop();
    for (const [key, window] of entry.windows) {
      if (!window.matches(message)) continue;
      window.merge([message]);
      if (window.messages.length > this.#maxMessages) entry.windows.delete(key);
    }
  }

  forget(streamId: string, messageId: string): void {
    const entry = this.#streams.get(streamId);
    if (!entry) return;
    const keep = (m: StoredMessage) => m.messageId !== messageId;
    entry.recent.splice(0, entry.recent.length, ...entry.recent.filter(keep));
    for (const window of entry.windows.values()) window.forget(messageId);
  }

  get streamCount(): number {
    return this.#streams.size;
  }

  #entry(streamId: string): StreamEntry {
    let entry = this.#streams.get(streamId);
    if (entry) return entry;
    entry = { windows: new Map(), recent: [] };
    this.#streams.set(streamId, entry);
    return entry;
  }
}
