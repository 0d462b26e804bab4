import type { V4Event } from "../events/event-factory.ts";
import type { Clock } from "../runtime/clock.ts";

export interface DatafeedV1State {
  id: string;
  ownerId: number;
  lastReadAt: number;
  pending: V4Event[];
}

/** The deprecated v1 feed: no ack, a read takes what is queued (long-polling when empty). */
export class DatafeedV1 {
  private pending: V4Event[];
  private waiter: { settle: (events: V4Event[] | undefined) => void; timer: unknown } | undefined;
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
    if (this.waiter) {
      const { settle, timer } = this.waiter;
      this.waiter = undefined;
      this.clock.clearTimeout(timer);
      settle(this.take(100));
    }
  }

  read(limit: number): Promise<V4Event[] | undefined> {
    this.lastReadAt = this.clock.now();
    if (this.pending.length > 0) return Promise.resolve(this.take(limit));
    // One reader at a time on a v1 feed: a newer read replaces an older waiting one.
    this.waiter?.settle([]);
    return new Promise((settle) => {
      const timer = this.clock.setTimeout(() => {
        this.waiter = undefined;
        settle([]);
      }, this.longPollMs);
      this.waiter = { settle, timer };
    });
  }

  close(): void {
    if (this.waiter) {
      this.clock.clearTimeout(this.waiter.timer);
      this.waiter.settle(undefined);
      this.waiter = undefined;
    }
  }

  state(): DatafeedV1State {
    return { id: this.id, ownerId: this.ownerId, lastReadAt: this.lastReadAt, pending: this.pending };
  }

  private take(limit: number): V4Event[] {
    return this.pending.splice(0, Math.max(1, limit));
  }
}
