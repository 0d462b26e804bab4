import type { V4Event } from "../events/event-factory.ts";
import type { ClientGone } from "../http/client-gone.ts";
import type { IdSource } from "../ids/id-source.ts";
import type { Clock } from "../runtime/clock.ts";
import type { DatafeedSettings } from "./datafeed-settings.ts";

export interface InflightBatch {
  ackId: string;
  events: V4Event[];
  redeliverAt: number;
}

export interface DatafeedV2State {
  id: string;
  ownerId: number;
  tag?: string;
  createdAt: number;
  lastReadAt: number;
  pending: V4Event[];
  inflight: InflightBatch[];
}

/** `abandoned`: the reader went away before anything was handed to it; there is nobody to answer. */
export type ReadOutcome =
  | { kind: "events"; events: V4Event[]; ackId: string }
  | { kind: "gone" }
  | { kind: "abandoned" };

interface Waiter {
  settle: (outcome: ReadOutcome) => void;
  timer: unknown;
  /** Stops watching the reader's connection (set while it waits with one). */
  unwatch?: () => void;
}

/**
 * One datafeed v2 (fanout type) with the ackId model: a read hands out a batch under a new ackId;
 * presenting that ackId on a later read removes the batch; an unacknowledged batch goes back to the
 * front of the queue after the visibility timeout. Concurrent readers share the queue: each event is
 * handed to one reader at a time (fanout across bot instances). A reader that goes away while it
 * waits withdraws, and a batch whose answer could not be written is released back at once, so a bot
 * killed mid long-poll does not hold the next events for a visibility timeout.
 */
export class DatafeedV2 {
  private pending: V4Event[];
  private readonly inflight = new Map<string, InflightBatch>();
  private readonly waiters: Waiter[] = [];
  private redeliveryTimer: unknown;
  private closed = false;
  lastReadAt: number;

  constructor(
    readonly id: string,
    readonly ownerId: number,
    readonly tag: string | undefined,
    readonly createdAt: number,
    private readonly settings: DatafeedSettings,
    private readonly clock: Clock,
    private readonly ids: IdSource,
    restored?: DatafeedV2State,
  ) {
    this.lastReadAt = restored?.lastReadAt ?? createdAt;
    this.pending = restored ? [...restored.pending] : [];
    for (const batch of restored?.inflight ?? []) this.inflight.set(batch.ackId, batch);
    this.scheduleRedelivery();
  }

  isExpired(now: number): boolean {
    return this.waiters.length === 0 && now - this.lastReadAt > this.settings.ttlMs;
  }

  deliver(event: V4Event): void {
    if (this.closed) return;
    this.pending.push(event);
    this.serveWaiters();
  }

  /**
   * Acknowledge `ackId` (if it names an open batch), then return the next batch or long-poll.
   * `client`: the reader's connection; when it closes, the read takes nothing.
   */
  read(ackId: string, client?: ClientGone): Promise<ReadOutcome> {
    const now = this.clock.now();
    this.lastReadAt = now;
    if (ackId) this.inflight.delete(ackId);
    if (client?.gone) return Promise.resolve({ kind: "abandoned" });
    this.requeueExpired(now);
    const batch = this.takeBatch(now);
    if (batch) return Promise.resolve(batch);
    return new Promise((settle) => {
      const waiter: Waiter = { settle, timer: undefined };
      waiter.timer = this.clock.setTimeout(() => this.expireWaiter(waiter), this.settings.longPollMs);
      if (client) waiter.unwatch = client.watch(() => this.withdraw(waiter));
      this.waiters.push(waiter);
    });
  }

  /** The answer carrying batch `ackId` never reached its reader: its events go back to the front now. */
  release(ackId: string): void {
    const batch = this.inflight.get(ackId);
    if (!batch || this.closed) return;
    this.inflight.delete(ackId);
    this.pending.unshift(...batch.events);
    this.scheduleRedelivery();
    this.serveWaiters();
  }

  /** The feed was deleted or expired: readers waiting on it learn it is gone. */
  close(): void {
    this.closed = true;
    this.clock.clearTimeout(this.redeliveryTimer);
    for (const waiter of this.waiters.splice(0)) this.settleWaiter(waiter, { kind: "gone" });
  }

  state(): DatafeedV2State {
    return {
      id: this.id,
      ownerId: this.ownerId,
      tag: this.tag,
      createdAt: this.createdAt,
      lastReadAt: this.lastReadAt,
      pending: this.pending,
      inflight: [...this.inflight.values()],
    };
  }

  private expireWaiter(waiter: Waiter): void {
    if (!this.removeWaiter(waiter)) return;
    this.lastReadAt = this.clock.now();
    this.settleWaiter(waiter, { kind: "events", events: [], ackId: this.ids.ackId() });
  }

  private withdraw(waiter: Waiter): void {
    if (this.removeWaiter(waiter)) this.settleWaiter(waiter, { kind: "abandoned" });
  }

  private removeWaiter(waiter: Waiter): boolean {
    const index = this.waiters.indexOf(waiter);
    if (index < 0) return false;
    this.waiters.splice(index, 1);
    return true;
  }

  private settleWaiter(waiter: Waiter, outcome: ReadOutcome): void {
    this.clock.clearTimeout(waiter.timer);
    waiter.unwatch?.();
    waiter.settle(outcome);
  }

  private takeBatch(now: number): ReadOutcome | undefined {
    if (this.pending.length === 0) return undefined;
    const events = this.pending.splice(0, this.settings.maxBatchSize);
    const ackId = this.ids.ackId();
    this.inflight.set(ackId, { ackId, events, redeliverAt: now + this.settings.visibilityTimeoutMs });
    // A pending timer is due no later than this batch (the newest): only an idle feed needs one armed.
    if (this.redeliveryTimer === undefined) this.scheduleRedelivery();
    return { kind: "events", events, ackId };
  }

  private serveWaiters(): void {
    const now = this.clock.now();
    while (this.waiters.length > 0 && this.pending.length > 0) {
      const waiter = this.waiters.shift()!;
      const batch = this.takeBatch(now);
      if (batch) this.settleWaiter(waiter, batch);
    }
  }

  private requeueExpired(now: number): void {
    const expired = [...this.inflight.values()].filter((b) => b.redeliverAt <= now);
    if (expired.length === 0) return;
    for (const batch of expired) this.inflight.delete(batch.ackId);
    // Oldest batch first, ahead of anything newer: redelivery keeps the original order.
    const requeued = expired.sort((a, b) => a.redeliverAt - b.redeliverAt).flatMap((b) => b.events);
    this.pending = [...requeued, ...this.pending];
  }

  /** One timer for the earliest open batch, so a waiting reader gets the redelivery promptly. */
  private scheduleRedelivery(): void {
    this.clock.clearTimeout(this.redeliveryTimer);
    this.redeliveryTimer = undefined;
    if (this.inflight.size === 0 || this.closed) return;
    let earliest = Number.POSITIVE_INFINITY;
    for (const batch of this.inflight.values()) earliest = Math.min(earliest, batch.redeliverAt);
    const delay = Math.max(0, earliest - this.clock.now());
    this.redeliveryTimer = this.clock.setTimeout(() => {
      this.redeliveryTimer = undefined;
      this.requeueExpired(this.clock.now());
      this.serveWaiters();
      this.scheduleRedelivery();
    }, delay);
  }
}
