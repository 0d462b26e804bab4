/**
 * History kept in memory: every work object the bot sent, per conversation, newest first,
 * findable by type name or tag, with `since` and paging (the cursor is an offset).
 */
import type { Addressable, HistoryPage, HistoryQuery, HistoryRecord, HistoryStore } from "@sprig/core";
import { addressableKey } from "@sprig/core";

interface Stored extends HistoryRecord {
  readonly typeName: string;
  readonly tags: readonly string[];
}

export class MemoryHistoryStore implements HistoryStore {
  readonly #byConversation = new Map<string, Stored[]>();

  add(where: Addressable, record: Stored): void {
    const key = addressableKey(where);
    const list = this.#byConversation.get(key) ?? [];
    list.unshift(record);
    this.#byConversation.set(key, list);
  }

  async find(query: HistoryQuery): Promise<HistoryPage<HistoryRecord>> {
    const all = this.#byConversation.get(addressableKey(query.where)) ?? [];
    const matching = all.filter(
      (r) =>
        (query.typeName === undefined || r.typeName === query.typeName) &&
        (query.tag === undefined || r.tags.includes(query.tag)) &&
        (query.since === undefined || r.time >= query.since),
    );
    const start = query.cursor === undefined ? 0 : Number.parseInt(query.cursor, 10) || 0;
    const items = matching.slice(start, start + query.limit);
    const end = start + items.length;
    return end < matching.length ? { items, next: String(end) } : { items };
  }
}
