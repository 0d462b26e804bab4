import { isStructuredObject, parseEntityJSON, type StructuredObject } from "@sprig/messageml";
import { toUrlSafeId } from "../rest/stream-id.ts";
import type { V4Message } from "../rest/wire-types.ts";

const HASHTAG_ENTITY = "org.symphonyoss.taxonomy.hashtag";

/** What history keeps of a message: where and when, the hashtags it carries, the work objects in its data. */
export interface StoredMessage {
  readonly messageId: string;
  readonly streamId: string;
  readonly time: number;
  /** Lower-cased, as search matches them. */
  readonly hashtags: readonly string[];
  /** Encoded work objects (`{type, version, …}`) found at the top level of the EntityJSON. */
  readonly works: readonly StructuredObject[];
}

/**
 * Reads a message (from search, listing, a send's answer or the datafeed) for history. Undefined
 * when it has no id, stream or time, or carries no work object — nothing history could return.
 * Unreadable data is no work object (a person's message may hold anything).
 */
export function storedMessage(message: V4Message): StoredMessage | undefined {
  const streamId = message.stream?.streamId;
  if (!message.messageId || !streamId || typeof message.timestamp !== "number") return undefined;
  let entities: Record<string, unknown>;
  try {
    entities = parseEntityJSON(message.data);
  } catch {
    return undefined;
  }
  const header = entities.header as { draft?: unknown; tags?: unknown } | undefined;
  // A draft (a blank or invalid form) is shown, never state.
  if (header?.draft === true) return undefined;
  const works: StructuredObject[] = [];
  const hashtags: string[] = Array.isArray(header?.tags)
    ? header.tags.filter((t): t is string => typeof t === "string").map((t) => t.toLowerCase())
    : [];
  for (const value of Object.values(entities)) {
    if (!isStructuredObject(value)) continue;
    if (value.type === HASHTAG_ENTITY || value.type === "org.symphonyoss.taxonomy") {
      hashtags.push(...hashtagValues(value));
    } else if (!isPlatformEntity(value.type)) {
      works.push(value);
    }
  }
  if (works.length === 0) return undefined;
  return {
    messageId: toUrlSafeId(message.messageId),
    streamId: toUrlSafeId(streamId),
    time: message.timestamp,
    hashtags,
    works,
  };
}

/**
 * Symphony's own entity types (mentions, tags, emoji…) and the renderer's companions of a work
 * object (`sprig.header`, `sprig.buttons`…) are never work objects.
 */
function isPlatformEntity(type: string): boolean {
  return type.startsWith("com.symphony.") || type.startsWith("org.symphonyoss.") || type.startsWith("sprig.");
}

function hashtagValues(entity: StructuredObject): string[] {
  const ids = Array.isArray(entity.id) ? (entity.id as unknown[]) : [];
  const values: string[] = [];
  for (const id of ids) {
    const entry = id as { type?: unknown; value?: unknown };
    if (entry?.type === HASHTAG_ENTITY && typeof entry.value === "string")
      values.push(entry.value.toLowerCase());
  }
  return values;
}

/** Newest first; a fixed order for messages of the same millisecond. */
export function newestFirst(a: StoredMessage, b: StoredMessage): number {
  return b.time - a.time || (a.messageId < b.messageId ? 1 : a.messageId > b.messageId ? -1 : 0);
}
