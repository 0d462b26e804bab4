/**
 * The history cache: per conversation and key (a work type name or a tag, lower-cased), the newest
 * message holding work that the bot posted or read. A latest-state lookup is then one cache read,
 * not a search of the platform's history. Every instance writes what it posts and what it reads,
 * so a cache shared by all of them (Redis) answers for all; the memory one serves one instance.
 *
 * History stays the truth: a cache that does not answer (a miss, or a shared store away) sends the
 * lookup to the platform, and what is found there fills the cache. Writes never go backwards: a
 * message replaces the one kept for a key only when it is newer (platform time, then message id),
 * so a slow instance writing an older message loses to one that wrote a newer one.
 */

/** One message holding work, as the cache keeps it (JSON-safe, so a shared store can hold it). */
export interface CachedWork {
  /** The platform's id of the message. */
  readonly messageId: string;
  /** When the platform stamped it (ms since the epoch): what decides which message is newer. */
  readonly time: number;
  /** What it is found by: its work types' names and its tags, lower-cased. */
  readonly keys: readonly string[];
  /** The encoded work objects it holds (`{ type, version, …fields }`). */
  readonly works: readonly unknown[];
}

export interface HistoryCache {
  /** The newest message found by `key` in the conversation, as far as the cache knows. */
  latest(conversation: string, key: string): Promise<CachedWork | undefined>;
  /**
   * A message the bot posted or read: it becomes the latest of each of its keys that holds no
   * newer one. A message forgotten before is not taken again.
   */
  observe(conversation: string, message: CachedWork): Promise<void>;
  /** A message replaced or removed: it is the latest of no key any more, and is not taken again. */
  forget(conversation: string, messageId: string): Promise<void>;
}

/** True when `a` is newer than `b`: a later time, or the same millisecond and a greater id. */
export function isNewer(
  a: Pick<CachedWork, "time" | "messageId">,
  b: Pick<CachedWork, "time" | "messageId">,
) {
  return a.time > b.time || (a.time === b.time && a.messageId > b.messageId);
}

export interface MemoryHistoryCacheOptions {
  /** Conversations kept (the least recently used is dropped first; a dropped one is read again). */
  readonly maxConversations?: number;
  /** Forgotten message ids kept per conversation, so a late write of one is refused. */
  readonly maxForgotten?: number;
}

interface Conversation {
  readonly latest: Map<string, CachedWork>;
  readonly forgotten: Set<string>;
}

/** The history cache of one process: right for one instance, which sees all it posts. */
export class MemoryHistoryCache implements HistoryCache {
  readonly #conversations = new Map<string, Conversation>();
  readonly #maxConversations: number;
  readonly #maxForgotten: number;

  constructor(options: MemoryHistoryCacheOptions = {}) {
    this.#maxConversations = options.maxConversations ?? 10_000;
    this.#maxForgotten = options.maxForgotten ?? 100;
  }

  async latest(conversation: string, key: string): Promise<CachedWork | undefined> {
    return this.#touch(conversation, false)?.latest.get(key);
  }

  async observe(conversation: string, message: CachedWork): Promise<void> {
    const entry = this.#touch(conversation, true)!;
    if (entry.forgotten.has(message.messageId)) return;
    for (const key of message.keys) {
      const kept = entry.latest.get(key);
      if (!kept || isNewer(message, kept)) entry.latest.set(key, message);
    }
  }

  async forget(conversation: string, messageId: string): Promise<void> {
    const entry = this.#touch(conversation, true)!;
    entry.forgotten.add(messageId);
    if (entry.forgotten.size > this.#maxForgotten)
      entry.forgotten.delete(entry.forgotten.values().next().value!);
    for (const [key, kept] of entry.latest) if (kept.messageId === messageId) entry.latest.delete(key);
  }

  /** The conversation's entry, now the most recently used (made when `create`). */
  #touch(conversation: string, create: boolean): Conversation | undefined {
    let entry = this.#conversations.get(conversation);
    if (entry) this.#conversations.delete(conversation);
    else if (create) entry = { latest: new Map(), forgotten: new Set() };
    if (!entry) return undefined;
    this.#conversations.set(conversation, entry);
    if (this.#conversations.size > this.#maxConversations)
      this.#conversations.delete(this.#conversations.keys().next().value!);
    return entry;
  }
}
