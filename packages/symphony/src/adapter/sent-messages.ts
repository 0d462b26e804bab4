import { LRUCache } from "lru-cache";

/**
 * The data of the messages the bot sent lately, by message id: a button press names its form
 * message, and the work object it was made from is read back from here without a REST call
 * (older forms are fetched with `GET /agent/v1/message/{id}`). Bounded by count and by size, as a
 * message's data may be large; the forms least recently sent or pressed are forgotten first.
 */
export class SentMessages {
  readonly #messages: LRUCache<string, SentMessage>;

  constructor(capacity = 2000, maxBytes = 16 * 1024 * 1024) {
    this.#messages = new LRUCache({
      max: capacity,
      maxSize: maxBytes,
      sizeCalculation: (sent) => Math.max(1, sent.data?.length ?? 0),
    });
  }

  remember(messageId: string, data: string | undefined, streamId?: string): void {
    this.#messages.set(messageId, { data, streamId });
  }

  has(messageId: string): boolean {
    return this.#messages.has(messageId);
  }

  dataOf(messageId: string): string | undefined {
    return this.#messages.get(messageId)?.data;
  }

  /** The stream it was sent to: a press naming it from another stream is refused. */
  streamOf(messageId: string): string | undefined {
    return this.#messages.get(messageId)?.streamId;
  }

  get size(): number {
    return this.#messages.size;
  }
}

interface SentMessage {
  readonly data: string | undefined;
  readonly streamId: string | undefined;
}
