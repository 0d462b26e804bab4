import type { Addressable } from "@sprig/core";
import { LRUCache } from "lru-cache";
import { SymphonyError } from "../errors/symphony-error.ts";
import { toUrlSafeId } from "../rest/stream-id.ts";
import type { StreamsApi } from "../rest/streams-api.ts";

/**
 * Where a conversation lives: a chat is its stream; a 1:1 with a user is the IM stream of the bot
 * and that user, created (or found — `im/create` returns the existing one) once and remembered.
 * IMs learnt from the datafeed are remembered too, so answering a person costs no extra call.
 */
export class ImStreams {
  /** The people least recently talked with are forgotten first (and asked again if they come back). */
  private readonly byUser: LRUCache<string, string>;
  private readonly pending = new Map<string, Promise<string>>();

  constructor(
    private readonly streams: Pick<StreamsApi, "createIm">,
    maxEntries = 10_000,
  ) {
    this.byUser = new LRUCache({ max: maxEntries });
  }

  /** The stream id (URL-safe) of a chat, or of the 1:1 with a user. */
  async streamOf(where: Addressable): Promise<string> {
    if (where.kind === "chat") return toUrlSafeId(where.id);
    const known = this.byUser.get(where.id);
    if (known !== undefined) return known;
    let creating = this.pending.get(where.id);
    if (!creating) {
      creating = this.createIm(where.id).finally(() => this.pending.delete(where.id));
      this.pending.set(where.id, creating);
    }
    return creating;
  }

  /** The IM of a user, as seen on the datafeed. */
  remember(userId: string, streamId: string): void {
    this.byUser.set(userId, toUrlSafeId(streamId));
  }

  private async createIm(userId: string): Promise<string> {
    if (!/^\d+$/.test(userId)) {
      throw new SymphonyError(
        "ADAPTER_BAD_ADDRESS",
        `Cannot open a 1:1 with user id "${userId.slice(0, 40)}": Symphony user ids are numbers.`,
      );
    }
    const streamId = toUrlSafeId(await this.streams.createIm([userId]));
    this.remember(userId, streamId);
    return streamId;
  }
}
