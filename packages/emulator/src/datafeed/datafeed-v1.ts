import type { V4Event } from "../events/event-factory.ts";
import type { ClientGone } from "../http/client-gone.ts";
import type { Clock } from "../runtime/clock.ts";

export interface DatafeedV1State {
  id: string;
  ownerId: number;
  lastReadAt: number;
  pending: V4Event[];
}

interface Waiter {
  limit: number;
  settle: (events: V4Event[] | undefined) => void;
  timer: unknown;
  /** Stops watching the reader's connection (set while it waits with one). */
  unwatch?: () => void;
}

/**
 * The deprecated v1 feed: no ack, a read takes what is queued (long-polling when empty). A reader that
 * goes away while it waits withdraws; events whose answer could not be written go back at once.
 */
export class DatafeedV1 {
  private pending: V4Event[];
  private waiter: Waiter | undefined;
  lastReadAt: number;

  constructor(
    readonly id: string,
    readonly ownerId: number,
    private readonly longPollMs: number,
    private readonly clock: Clock,
    restored?: DatafeedV1State,
  ) {
    this.pending = restored ? [...restored.pending] : [];
    this.lastReadAt = restored?.lastReadAt ?? clock.now();
  }

  deliver(event: V4Event): void {
    this.pending.push(event);
    this.serveWaiter();
  }

  /** `client`: the reader's connection; when it closes, the read takes nothing. */
  read(limit: number, client?: ClientGone): Promise<V4Event[] | undefined> {
    this.lastReadAt = this.clock.now();
    if (client?.gone) return Promise.resolve([]);
    if (this.pending.length > 0) return Promise.resolve(this.take(limit));
    // One reader at a time on a v1 feed: a newer read replaces an older waiting one.
    if (this.waiter) this.settle([]);
    return new Promise((settle) => {
      const waiter: Waiter = { limit, settle, timer: undefined };
      waiter.timer = this.clock.setTimeout(() => {
        if (this.waiter === waiter) this.settle([]);
      }, this.longPollMs);
      if (client)
        waiter.unwatch = client.watch(() => {
          if (this.waiter === waiter) this.settle([]);
        });
      this.waiter = waiter;
    });
  }

  /** The answer carrying `events` never reached its reader: they go back to the front now. */
  putBack(events: V4Event[]): void {
    this.pending.unshift(...events);
    this.serveWaiter();
  }

  close(): void {
    if (this.waiter) this.settle(undefined);
  }

  state(): DatafeedV1State {
    return { id: this.id, ownerId: this.ownerId, lastReadAt: this.lastReadAt, pending: this.pending };
  }

  private serveWaiter(): void {
    if (this.waiter && this.pending.length > 0) this.settle(this.take(this.waiter.limit));
  }

  /** Answer the waiting reader (if any) and forget it. */
  private settle(events: V4Event[] | undefined): void {
    const waiter = this.waiter;
    if (!waiter) return;
    this.waiter = undefined;
    this.clock.clearTimeout(waiter.timer);
    waiter.unwatch?.();
    waiter.settle(events);
  }

  private take(limit: number): V4Event[] {
    return this.pending.splice(0, Math.max(1, limit));
  }
}
