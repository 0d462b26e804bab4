/**
 * The data of the messages the bot sent lately, by message id: a button press names its form
 * message, and the work object it was made from is read back from here without a REST call
 * (older forms are fetched with `GET /agent/v1/message/{id}`).
 */
export class SentMessages {
  private readonly data = new Map<string, string | undefined>();

  constructor(private readonly capacity = 2000) {}

  remember(messageId: string, data: string | undefined): void {
    this.data.delete(messageId);
    this.data.set(messageId, data);
    if (this.data.size > this.capacity) {
      const oldest = this.data.keys().next().value;
      if (oldest !== undefined) this.data.delete(oldest);
    }
  }

  has(messageId: string): boolean {
    return this.data.has(messageId);
  }

  dataOf(messageId: string): string | undefined {
    return this.data.get(messageId);
  }
}
