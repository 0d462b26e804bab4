import type { V4Event } from "./event-factory.ts";

/** Something that receives a person's events: a datafeed, or a live stream for the web UI. */
export interface EventSink {
  kind: "datafeed" | "live";
  deliver(event: V4Event): void;
}

/**
 * Routes each event to the sinks of the users who can see it (the members of its stream).
 * Fault injection lives here too: "deliver the next N events twice" duplicates what datafeeds get,
 * so bots can prove their dedupe.
 */
export class EventHub {
  private readonly sinks = new Map<number, Set<EventSink>>();
  private duplicatesLeft = 0;

  subscribe(userId: number, sink: EventSink): () => void {
    let set = this.sinks.get(userId);
    if (!set) {
      set = new Set();
      this.sinks.set(userId, set);
    }
    set.add(sink);
    return () => set.delete(sink);
  }

  duplicateNext(count: number): void {
    this.duplicatesLeft += count;
  }

  publish(event: V4Event, recipientIds: Iterable<number>): void {
    const duplicate = this.duplicatesLeft > 0;
    if (duplicate) this.duplicatesLeft--;
    for (const userId of new Set(recipientIds)) {
      for (const sink of this.sinks.get(userId) ?? []) {
        sink.deliver(event);
        if (duplicate && sink.kind === "datafeed") sink.deliver(event);
      }
    }
  }

  clear(): void {
    this.sinks.clear();
    this.duplicatesLeft = 0;
  }
}
