import { LRUCache } from "lru-cache";
import { toUrlSafeId } from "../rest/stream-id.ts";
import type { StreamsApi } from "../rest/streams-api.ts";

export type StreamKind = "IM" | "MIM" | "ROOM" | "POST";

/** Answers "is this stream a 1:1, a group chat or a room?" for events that do not say. */
export interface StreamTypeLookup {
  typeOf(streamId: string): Promise<StreamKind | undefined>;
  remember(streamId: string, type: string | undefined): void;
}

/**
 * Stream types learnt from the events that carry them (MESSAGESENT does; Elements actions often do
 * not), asking the pod (`GET /pod/v2/streams/{id}/info`) only for a stream never seen. A stream's type
 * never changes, so entries never expire; the map is bounded so a long-running bot cannot grow it forever.
 */
export class StreamTypeCache implements StreamTypeLookup {
  /** The streams least recently asked about are forgotten first. */
  private readonly known: LRUCache<string, StreamKind>;

  constructor(
    private readonly streams?: Pick<StreamsApi, "streamInfo">,
    maxEntries = 10_000,
  ) {
    this.known = new LRUCache({ max: maxEntries });
  }

  remember(streamId: string, type: string | undefined): void {
    const kind = asKind(type);
    if (kind === undefined) return;
    this.known.set(toUrlSafeId(streamId), kind);
  }

  async typeOf(streamId: string): Promise<StreamKind | undefined> {
    const key = toUrlSafeId(streamId);
    const cached = this.known.get(key);
    if (cached !== undefined || !this.streams) return cached;
    const info = await this.streams.streamInfo(key);
    this.remember(key, info.streamType?.type);
    return this.known.get(key);
  }
}

function asKind(type: string | undefined): StreamKind | undefined {
  return type === "IM" || type === "MIM" || type === "ROOM" || type === "POST" ? type : undefined;
}
