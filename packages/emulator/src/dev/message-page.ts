import { badRequest } from "../http/api-error.ts";
import type { MessageRecord } from "../store/records.ts";

export interface PageRequest {
  /** At most this many; undefined = all (the call without parameters answers as it always did). */
  limit?: number;
  before?: string;
  after?: string;
}

const visible = (m: MessageRecord) => m.suppressedAt === undefined && m.replacedBy === undefined;

/**
 * One page of a stream's visible messages, oldest first: strictly before (or after) the cursor
 * message, the newest ones when paging backwards or without a cursor. The cursor may itself be a
 * hidden (replaced, suppressed) message: its place in the stream is what counts.
 */
export function messagePage(all: MessageRecord[], request: PageRequest): MessageRecord[] {
  const { limit, before, after } = request;
  if (before !== undefined && after !== undefined)
    throw badRequest('Give at most one of "before" and "after"', "INVALID_PARAMETER");
  const cursor = before ?? after;
  let from = 0;
  let to = all.length;
  if (cursor !== undefined) {
    const at = all.findIndex((m) => m.messageId === cursor);
    if (at < 0) throw badRequest(`No message ${cursor} in this stream to page from`, "UNKNOWN_MESSAGE");
    if (before !== undefined) to = at;
    else from = at + 1;
  }
  const page: MessageRecord[] = [];
  if (after !== undefined) {
    for (let i = from; i < to && (limit === undefined || page.length < limit); i++)
      if (visible(all[i]!)) page.push(all[i]!);
    return page;
  }
  for (let i = to - 1; i >= from && (limit === undefined || page.length < limit); i--)
    if (visible(all[i]!)) page.push(all[i]!);
  return page.reverse();
}

/** `limit`: 1..500 when given. */
export function pageLimit(raw: string | null): number | undefined {
  if (raw === null) return undefined;
  const limit = /^\d{1,4}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(limit >= 1 && limit <= 500))
    throw badRequest('Query parameter "limit" must be an integer from 1 to 500', "INVALID_PARAMETER");
  return limit;
}
