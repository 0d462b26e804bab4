/** A server-sent event as a browser's EventSource would see it, plus comment lines (heartbeats). */
export interface SseMessage {
  event: string;
  id?: string;
  data: string;
}

/** Reads a `text/event-stream` response as it arrives; `until` waits for what a test expects. */
export class SseReader {
  readonly messages: SseMessage[] = [];
  readonly comments: string[] = [];
  /** The last `id:` seen, as EventSource keeps it for its reconnect. */
  lastEventId: string | undefined;
  private readonly abort = new AbortController();
  private done: Promise<void> = Promise.resolve();
  status = 0;
  private waiters: Array<() => void> = [];

  static async open(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
    const reader = new SseReader();
    const res = await fetch(url, { headers, signal: reader.abort.signal });
    reader.status = res.status;
    if (res.ok) reader.done = reader.pump(res);
    return reader;
  }

  private async pump(res: Response): Promise<void> {
    let buffer = "";
    try {
      for await (const chunk of res.body!) {
        buffer += Buffer.from(chunk as Uint8Array).toString("utf8");
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          this.take(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
        for (const wake of this.waiters.splice(0)) wake();
      }
    } catch {
      // closed by the test
    }
  }

  private take(block: string): void {
    let event = "message";
    let data: string[] = [];
    let id: string | undefined;
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) this.comments.push(line.slice(1).trim());
      else if (line.startsWith("event: ")) event = line.slice(7);
      else if (line.startsWith("id: ")) id = line.slice(4);
      else if (line.startsWith("data: ")) data.push(line.slice(6));
    }
    if (id !== undefined) this.lastEventId = id;
    if (data.length > 0) this.messages.push({ event, id, data: data.join("\n") });
    data = [];
  }

  /** Resolves once `check` holds; fails the test with what arrived if it never does. */
  async until(check: (reader: SseReader) => boolean, what: string, maxWaits = 200): Promise<void> {
    for (let i = 0; i < maxWaits && !check(this); i++) {
      await Promise.race([
        new Promise<void>((wake) => this.waiters.push(wake)),
        new Promise((r) => setTimeout(r, 25)),
      ]);
    }
    if (!check(this))
      throw new Error(`SSE: never saw ${what}; got ${JSON.stringify(this.messages.map((m) => m.event))}`);
  }

  events(name: string): SseMessage[] {
    return this.messages.filter((m) => m.event === name);
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.done;
  }
}
