/**
 * The pod's side of history for unit tests: message search and listing over an array of messages,
 * and the bot's work messages as the renderer stores them.
 */
import { Chat, work } from "@sprig/core";
import { z } from "zod";
import type { MessageSearchQuery, V4Message } from "../../src/index.ts";

export const Note = work("note", z.object({ text: z.string() }), { version: "2.0" });
export const ROOM = "room-1";
export const here = Chat.of("symphony", ROOM, "Team");

/** A pod's message search over a list of messages: newest first, hashtag / stream / fromDate, skip + limit. */
export class FakeSearch {
  readonly messages: V4Message[] = [];
  readonly calls: { query: MessageSearchQuery; skip?: number; limit?: number }[] = [];
  readonly listCalls: { since: number; skip?: number; limit?: number }[] = [];

  async search(
    query: MessageSearchQuery,
    page: { skip?: number; limit?: number } = {},
  ): Promise<V4Message[]> {
    this.calls.push({ query, ...page });
    const found = this.messages
      .filter((m) => m.stream?.streamId === query.streamId)
      .filter((m) => query.fromDate === undefined || (m.timestamp ?? 0) >= query.fromDate)
      .filter((m) => tagsOf(m).includes(query.hashtag ?? ""))
      .sort((a, b) => (b.timestamp ?? 0) - (a.timestamp ?? 0));
    const skip = page.skip ?? 0;
    return found.slice(skip, skip + (page.limit ?? 50));
  }

  async list(
    streamId: string,
    options: { since: number; skip?: number; limit?: number },
  ): Promise<V4Message[]> {
    this.listCalls.push(options);
    const found = this.messages
      .filter((m) => m.stream?.streamId === streamId && (m.timestamp ?? 0) >= options.since)
      .sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
    const skip = options.skip ?? 0;
    return found.slice(skip, skip + (options.limit ?? 50));
  }
}

function tagsOf(message: V4Message): string[] {
  const data = JSON.parse(message.data ?? "{}") as Record<string, { id?: { type: string; value: string }[] }>;
  return Object.values(data).flatMap((e) => (e.id ?? []).map((id) => id.value.toLowerCase()));
}

let next = 0;
/** A message as the bot's work messages are stored: the object under `form`, hashtags as entities. */
export function workMessage(
  time: number,
  form: Record<string, unknown> | undefined,
  tags: string[],
  extra: { draft?: boolean; stream?: string } = {},
): V4Message {
  const data: Record<string, unknown> = {};
  if (form) data.form = form;
  data.header = { type: "sprig.header", version: "1.0", tags, ...(extra.draft ? { draft: true } : {}) };
  tags.forEach((tag, i) => {
    data[`keyword${i}`] = {
      type: "org.symphonyoss.taxonomy",
      version: "1.0",
      id: [{ type: "org.symphonyoss.taxonomy.hashtag", value: tag }],
    };
  });
  return {
    messageId: `m${++next}`,
    timestamp: time,
    stream: { streamId: extra.stream ?? ROOM },
    message: "<div/>",
    data: JSON.stringify(data),
  };
}

export const note = (text: string, version = "2.0") => ({ type: "note", version, text });
