import type { V4Event } from "./event-factory.ts";

/** Something that receives a person's events: a datafeed, or a live stream for the web UI. */
export interface EventSink {
  kind: "datafeed" | "live";
  deliver(event: V4Event): void;
}

export type EventObserver = (event: V4Event, recipientIds: ReadonlySet<number>) => void;

/**
 * How a duplicate looks: the same event again (a redelivery), or the same happening as a second
 * pod node reports it — a new event id around the same message (seed 004's cross-pod duplicates).
 */
export type DuplicateKind = "same" | "otherPod";

/**
 * Routes each event to the sinks of the users who can see it (the members of its stream).
 * Fault injection lives here too: "deliver the next N events twice" duplicates what datafeeds get,
 * so bots can prove their dedupe.
 */
export class EventHub {
  private readonly sinks = new Map<number, Set<EventSink>>();
  /** Sinks that see every event of the pod, whoever it is for (datahose feeds). */
  private readonly everything = new Set<EventSink>();
  private readonly duplicates: DuplicateKind[] = [];
  private readonly observers = new Set<EventObserver>();

  /** `newEventId` names the copies of "otherPod" duplicates. */
  constructor(private readonly newEventId: () => string = () => "duplicate") {}

  subscribe(userId: number, sink: EventSink): () => void {
    let set = this.sinks.get(userId);
    if (!set) {
      set = new Set();
      this.sinks.set(userId, set);
    }
    set.add(sink);
    return () => set.delete(sink);
  }

  /** Every event of the pod, members or not (the datahose); same duplicates as the datafeeds. */
  subscribeAll(sink: EventSink): () => void {
    this.everything.add(sink);
    return () => this.everything.delete(sink);
  }

  /** See every event once, with everyone it is for (the web chat's replay buffer, the journal). Survives `clear`. */
  observe(observer: EventObserver): void {
    this.observers.add(observer);
  }

  duplicateNext(count: number, kind: DuplicateKind = "same"): void {
    for (let i = 0; i < count; i++) this.duplicates.push(kind);
  }

  /** `recipientIds` may repeat an id (each user gets the event once); a Set is used as it is. */
  publish(event: V4Event, recipientIds: Iterable<number>): void {
    const kind = this.duplicates.shift();
    const copy =
      kind === undefined ? undefined : kind === "same" ? event : { ...event, id: this.newEventId() };
    const recipients = recipientIds instanceof Set ? recipientIds : new Set(recipientIds);
    for (const userId of recipients) {
      const sinks = this.sinks.get(userId);
      if (sinks === undefined) continue;
      for (const sink of sinks) {
        sink.deliver(event);
        if (copy && sink.kind === "datafeed") sink.deliver(copy);
      }
    }
    for (const sink of this.everything) {
      sink.deliver(event);
      if (copy) sink.deliver(copy);
    }
    // After the feeds have it: an observer that snapshots the pod (journal compaction) sees it delivered.
    for (const observer of this.observers) observer(event, recipients);
  }

  clear(): void {
    this.sinks.clear();
    this.everything.clear();
    this.duplicates.length = 0;
  }
}
