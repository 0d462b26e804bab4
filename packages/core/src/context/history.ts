/**
 * History: the bot's state is the work objects it posted in a conversation. The platform stores
 * and finds records (`HistoryStore`); core decodes them into branded, version-checked work
 * objects through the bot's work registry (`History`, what handlers use).
 */
import type { Addressable } from "../addressables/addressables.ts";
import { registerWorkType, type WorkTypeRef } from "../bot/work-type-ref.ts";
import type { WorkRegistry } from "../work/index.ts";
import { WorkError } from "../work/work-error.ts";

export interface HistoryQuery {
  readonly where: Addressable;
  /** Records of this work type name … */
  readonly typeName?: string;
  /** … or carrying this tag. */
  readonly tag?: string;
  /** Only records at or after this time. */
  readonly since?: Date;
  /** Page size; newest first. */
  readonly limit: number;
  /** The `next` of a previous page. */
  readonly cursor?: string;
}

/** One stored work object, as the platform keeps it. */
export interface HistoryRecord {
  /** The encoded work object: `{ type, version, …fields }` (see WorkRegistry.encode). */
  readonly data: unknown;
  readonly time: Date;
  readonly messageId?: string;
}

export interface HistoryPage<T> {
  readonly items: readonly T[];
  /** Pass as `cursor` for the next (older) page; absent on the last page. */
  readonly next?: string;
}

/** What a platform implements: find records, newest first. */
export interface HistoryStore {
  find(query: HistoryQuery): Promise<HistoryPage<HistoryRecord>>;
}

export interface HistoryOptions {
  readonly since?: Date;
  /** Only objects carrying this tag (e.g. a poll id), besides being of the type. */
  readonly tag?: string;
  /** Where to look; the current conversation by default. */
  readonly where?: Addressable;
}

/** What handlers use. */
export interface History {
  /** The newest object of this type in the conversation (or `undefined`). */
  latest<T>(type: WorkTypeRef<T>, options?: HistoryOptions): Promise<T | undefined>;
  /** Objects of this type, newest first, a page at a time (`next` is the cursor of the next page). */
  all<T>(
    type: WorkTypeRef<T>,
    options?: HistoryOptions & { limit?: number; cursor?: string },
  ): Promise<HistoryPage<T>>;
  /** The newest object of this type carrying a tag: `latest(type, { tag })`. */
  latestTagged<T>(type: WorkTypeRef<T>, tag: string, options?: HistoryOptions): Promise<T | undefined>;
}

/** Pages read at most when looking for the newest readable object (older versions are skipped). */
const MAX_PAGES = 20;

/** A type declared with `index: false` is never tagged when sent: looking for it is a mistake to name. */
function findable(type: WorkTypeRef): void {
  if (!type.index)
    throw new WorkError(
      "WORK_NOT_INDEXED",
      `"${type.typeName}" is declared with index: false, so history cannot find it; remove index: false to look it up.`,
    );
}

/** A History over a platform's store, for one conversation, decoding through the registry. */
export function historyOver(store: HistoryStore, registry: WorkRegistry, here: Addressable): History {
  const decode = <T>(type: WorkTypeRef<T>, record: HistoryRecord): T | undefined => {
    const value = registry.decode(record.data);
    return value !== undefined && type.is(value) ? value : undefined;
  };
  const query = (
    type: WorkTypeRef,
    options: HistoryOptions,
    limit: number,
    cursor?: string,
  ): HistoryQuery => ({
    where: options.where ?? here,
    typeName: type.typeName,
    tag: options.tag,
    since: options.since,
    limit,
    cursor,
  });
  const latest = async <T>(type: WorkTypeRef<T>, options: HistoryOptions = {}) => {
    findable(type);
    registerWorkType(registry, type);
    let cursor: string | undefined;
    // Skip records this bot can no longer read (an old version) rather than failing on them. The
    // first page asks for the newest record alone: a store's history cache answers that by itself.
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      const page = await store.find(query(type, options, pages === 0 ? 1 : 10, cursor));
      for (const record of page.items) {
        const value = decode(type, record);
        if (value !== undefined) return value;
      }
      if (page.next === undefined) return undefined;
      cursor = page.next;
    }
    return undefined;
  };
  return {
    latest,
    latestTagged: (type, tag, options = {}) => latest(type, { ...options, tag }),
    async all(type, options = {}) {
      findable(type);
      registerWorkType(registry, type);
      const page = await store.find(query(type, options, options.limit ?? 50, options.cursor));
      const items = page.items.map((record) => decode(type, record)).filter((v) => v !== undefined);
      return page.next === undefined ? { items } : { items, next: page.next };
    },
  };
}
