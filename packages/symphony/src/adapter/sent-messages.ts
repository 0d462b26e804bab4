/**
 * The data of the messages the bot sent lately, by message id: a button press names its form
 * message, and the work object it was made from is read back from here without a REST call
 * (older forms are fetched with `GET /agent/v1/message/{id}`). Bounded by count and by size, as a
 * message's data may be large.
 */
export class SentMessages {
  private readonly data = new Map<string, string | undefined>();
  /** The stream each was sent to: a press naming it from another stream is refused. */
  private readonly streams = new Map<string, string>();
  private bytes = 0;

  constructor(
    private readonly capacity = 2000,
    private readonly maxBytes = 16 * 1024 * 1024,
  ) {}

  remember(messageId: string, data: string | undefined, streamId?: string): void {
    this.forget(messageId);
    this.data.set(messageId, data);
    if (streamId !== undefined) this.streams.set(messageId, streamId);
    this.bytes += data?.length ?? 0;
    while (this.data.size > this.capacity || (this.bytes > this.maxBytes && this.data.size > 1)) {
      const oldest = this.data.keys().next().value;
      if (oldest === undefined) break;
      this.forget(oldest);
    }
  }

  has(messageId: string): boolean {
    return this.data.has(messageId);
  }

  dataOf(messageId: string): string | undefined {
    return this.data.get(messageId);
  }

  streamOf(messageId: string): string | undefined {
    return this.streams.get(messageId);
  }

  get size(): number {
    return this.data.size;
  }

  private forget(messageId: string): void {
    if (!this.data.has(messageId)) return;
    this.bytes -= this.data.get(messageId)?.length ?? 0;
    this.data.delete(messageId);
    this.streams.delete(messageId);
  }
}
