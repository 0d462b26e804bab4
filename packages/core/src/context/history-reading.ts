/**
 * Reading a conversation's history further than one page: the loop every bot that keeps objects in
 * the chat writes (a poll's votes, the reminders still pending), written once.
 */
import type { WorkTypeRef } from "../bot/work-type-ref.ts";
import type { History, HistoryOptions } from "./history.ts";

export interface ReadAllOptions extends HistoryOptions {
  /** Objects per page (100 by default). */
  readonly pageSize?: number;
  /** Stop after this many pages (no limit by default): a long-lived chat's history can be long. */
  readonly maxPages?: number;
}

/** Every object of this type here (with `tag`: carrying it), newest first, page after page. */
export async function readAll<T>(
  history: History,
  type: WorkTypeRef<T>,
  options: ReadAllOptions = {},
): Promise<T[]> {
  const { pageSize = 100, maxPages = Number.POSITIVE_INFINITY, ...query } = options;
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < maxPages; pages++) {
    const page = await history.all(type, { ...query, limit: pageSize, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.next;
    if (!cursor) break;
  }
  return items;
}

/**
 * The newest state of each object among successive states (newest first, as history gives them),
 * by the key that names the object: a poll by its id, a vote by its voter.
 */
export function latestOfEach<T>(newestFirst: readonly T[], keyOf: (item: T) => string): Map<string, T> {
  const latest = new Map<string, T>();
  for (const item of newestFirst) {
    const key = keyOf(item);
    if (!latest.has(key)) latest.set(key, item);
  }
  return latest;
}
