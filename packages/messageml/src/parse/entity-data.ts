import { parseEntityJSON } from "../entities/structured-object.ts";
import type { CashTag, Emoji, HashTag, Mention } from "./message-tree.ts";

/**
 * The datafeed's `data` field (EntityJSON): a JSON string, sometimes a JSON string of a JSON string,
 * or an already parsed object. Anything unreadable counts as "no entities" (inbound is lenient).
 */
export type EntityData = Readonly<Record<string, unknown>>;

export function readEntityData(data: string | Record<string, unknown> | undefined): EntityData {
  try {
    return parseEntityJSON(data);
  } catch {
    return {};
  }
}

/** Bounds on the search for nested entries, so hostile `data` cannot cost more than linear time. */
const MAX_INDEXED_NODES = 100_000;
const MAX_INDEX_DEPTH = 64;

/**
 * Finds an entity entry by id the way the agent does (Jackson `findPath`): a top-level key first,
 * else the first such key met depth-first anywhere in `data` — agent-merged EntityJSON sometimes
 * nests generated entries (see upstream `expanded_single_jira_ticket.entityjson`).
 */
export class EntityLookup {
  private nested: Map<string, unknown> | undefined;

  constructor(private readonly data: EntityData) {}

  get(entityId: string): unknown {
    if (Object.hasOwn(this.data, entityId)) return this.data[entityId];
    this.nested ??= indexNested(this.data);
    return this.nested.get(entityId);
  }
}

function indexNested(data: EntityData): Map<string, unknown> {
  const index = new Map<string, unknown>();
  let budget = MAX_INDEXED_NODES;
  const visit = (value: unknown, depth: number): void => {
    if (budget <= 0 || depth > MAX_INDEX_DEPTH || typeof value !== "object" || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      if (--budget <= 0) return;
      if (!index.has(key)) index.set(key, child);
      visit(child, depth + 1);
    }
  };
  visit(data, 0);
  return index;
}

export const MENTION_TYPE = "com.symphony.user.mention";
export const HASHTAG_TYPE = "org.symphonyoss.taxonomy";
export const CASHTAG_TYPE = "org.symphonyoss.fin.security";
export const EMOJI_TYPE = "com.symphony.emoji";

export type ResolvedEntity = Mention | HashTag | CashTag | Emoji;

/**
 * The entity an element stands for, from its `data-entity-id` and the entry's `type` — never from
 * CSS classes. Undefined when the entry is missing, malformed, or of a type shown as plain text.
 * `textOf` gives the element's text; it is only asked for once the entry is known to resolve, so
 * nested unresolved entities never make the parser walk a subtree twice.
 */
export function resolveEntity(
  entityId: string,
  textOf: () => string,
  entities: EntityLookup,
): ResolvedEntity | undefined {
  const entry = entities.get(entityId);
  if (!isObject(entry)) return undefined;
  switch (entry.type) {
    case MENTION_TYPE:
      return mention(entry, entityId, textOf);
    case HASHTAG_TYPE: {
      const tag = idValue(entry, "org.symphonyoss.taxonomy.hashtag") ?? firstIdValue(entry);
      return tag === undefined || tag === "" ? undefined : { type: "hashtag", tag, text: textOf(), entityId };
    }
    case CASHTAG_TYPE: {
      const tag = idValue(entry, "org.symphonyoss.fin.security.id.ticker") ?? firstIdValue(entry);
      return tag === undefined || tag === "" ? undefined : { type: "cashtag", tag, text: textOf(), entityId };
    }
    case EMOJI_TYPE:
      return emoji(entry, entityId, textOf);
    default:
      return undefined;
  }
}

function mention(
  entry: Record<string, unknown>,
  entityId: string,
  textOf: () => string,
): Mention | undefined {
  const userId = idValue(entry, "com.symphony.user.userId");
  if (userId === undefined || userId === "") return undefined;
  const text = textOf();
  const name = idValue(entry, "com.symphony.user.displayName") ?? stripPrefix(text, "@");
  return { type: "mention", userId, name, text, entityId };
}

function emoji(entry: Record<string, unknown>, entityId: string, textOf: () => string): Emoji | undefined {
  const data = entry.data;
  if (!isObject(data) || typeof data.shortcode !== "string") return undefined;
  const text = textOf();
  const unicode = typeof data.unicode === "string" ? data.unicode : undefined;
  return unicode === undefined
    ? { type: "emoji", shortcode: data.shortcode, text, entityId }
    : { type: "emoji", shortcode: data.shortcode, unicode, text, entityId };
}

/** The `value` of the first `id` entry of the given type; numbers (as some clients send) as text. */
function idValue(entry: Record<string, unknown>, type: string): string | undefined {
  const ids = entry.id;
  if (!Array.isArray(ids)) return undefined;
  for (const id of ids) {
    if (isObject(id) && id.type === type) return scalarText(id.value);
  }
  return undefined;
}

function firstIdValue(entry: Record<string, unknown>): string | undefined {
  const ids = entry.id;
  if (!Array.isArray(ids)) return undefined;
  const first: unknown = ids[0];
  return isObject(first) ? scalarText(first.value) : undefined;
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "bigint") return value.toString();
  return undefined;
}

function stripPrefix(text: string, prefix: string): string {
  const trimmed = text.trim();
  return trimmed.startsWith(prefix) ? trimmed.slice(prefix.length) : trimmed;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
