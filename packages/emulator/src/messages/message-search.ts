import { badRequest } from "../http/api-error.ts";
import { toUrlSafeId } from "../ids/url-safe-ids.ts";
import type { PodStore } from "../store/pod-store.ts";
import type { MessageRecord } from "../store/records.ts";
import { messageIndex } from "./message-index.ts";

/** `MessageSearchQuery`: every given criterion must match. */
export interface SearchQuery {
  text?: string;
  streamId?: string;
  streamType?: string;
  author?: number;
  hashtag?: string;
  cashtag?: string;
  mention?: number;
  fromDate?: number;
  toDate?: number;
}

const NUMERIC_KEYS = new Set(["author", "mention", "fromDate", "toDate"]);
const KNOWN_KEYS = new Set([
  "text",
  "streamId",
  "streamType",
  "author",
  "hashtag",
  "cashtag",
  "mention",
  "signal",
  "fromDate",
  "toDate",
]);

/** Checks an untrusted query (POST body or parsed GET `query`). */
export function parseSearchQuery(raw: Record<string, unknown>): SearchQuery {
  const query: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!KNOWN_KEYS.has(key)) throw badRequest(`Unknown search criterion "${key}"`, "INVALID_QUERY");
    if (value === undefined || value === null || value === "") continue;
    if (NUMERIC_KEYS.has(key)) {
      const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
      if (typeof n !== "number" || !Number.isSafeInteger(n))
        throw badRequest(`Search criterion "${key}" must be an integer`, "INVALID_QUERY");
      query[key] = n;
    } else {
      if (typeof value !== "string")
        throw badRequest(`Search criterion "${key}" must be a string`, "INVALID_QUERY");
      query[key] = value;
    }
  }
  const result = query as SearchQuery;
  if (result.text !== undefined && result.streamId === undefined) {
    throw badRequest("A text search requires a streamId", "INVALID_QUERY");
  }
  if (Object.keys(result).length === 0)
    throw badRequest("Give at least one search criterion", "INVALID_QUERY");
  return result;
}

/** GET form: `query=hashtag:foo author:123 text:hello`. */
export function parseSearchQueryString(text: string | null): SearchQuery {
  if (!text)
    throw badRequest('Query parameter "query" is required, e.g. query=hashtag:news', "INVALID_QUERY");
  const raw: Record<string, string> = {};
  for (const term of text.trim().split(/\s+/)) {
    const colon = term.indexOf(":");
    if (colon <= 0) throw badRequest(`Search term "${term}" must look like key:value`, "INVALID_QUERY");
    raw[term.slice(0, colon)] = term.slice(colon + 1);
  }
  return parseSearchQuery(raw);
}

/** Messages the user can see that match, newest last. */
export function searchMessages(store: PodStore, viewerId: number, query: SearchQuery): MessageRecord[] {
  const streamId = query.streamId === undefined ? undefined : toUrlSafeId(query.streamId);
  const visible = store.streamsOf(viewerId).filter((s) => streamId === undefined || s.id === streamId);
  const results: MessageRecord[] = [];
  for (const stream of visible) {
    if (query.streamType && stream.type !== query.streamType.toUpperCase()) continue;
    for (const message of store.streamMessages.get(stream.id) ?? []) {
      if (message.suppressedAt !== undefined || message.replacedBy !== undefined) continue;
      if (matches(message, query)) results.push(message);
    }
  }
  return results.sort((a, b) => a.timestamp - b.timestamp);
}

function matches(message: MessageRecord, q: SearchQuery): boolean {
  const index = messageIndex(message);
  if (q.author !== undefined && message.userId !== q.author) return false;
  if (q.mention !== undefined && !index.mentions.includes(q.mention)) return false;
  if (q.hashtag !== undefined && !index.hashtags.includes(q.hashtag.replace(/^#/, "").toLowerCase()))
    return false;
  if (q.cashtag !== undefined && !index.cashtags.includes(q.cashtag.replace(/^\$/, "").toLowerCase()))
    return false;
  if (q.fromDate !== undefined && message.timestamp < q.fromDate) return false;
  if (q.toDate !== undefined && message.timestamp > q.toDate) return false;
  if (q.text !== undefined && !index.text.toLowerCase().includes(q.text.toLowerCase())) return false;
  return true;
}
