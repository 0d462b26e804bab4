/**
 * The places of a batch's events in their conversations' lines across instances (the shared
 * order), taken the moment the batch is read — before mapping or answering a connection request,
 * which may call the pod. An earlier event this instance read is then in its line before another
 * instance, which read a later event of the conversation a moment after, can start that one.
 */
import type { ConversationOrder, OrderTicket } from "@sprig/core";
import { placeOf } from "../events/event-place.ts";
import type { V4Event } from "../rest/wire-types.ts";

export class ReadPlaces {
  readonly #order: ConversationOrder;
  readonly #tickets = new Map<V4Event, OrderTicket>();

  constructor(order: ConversationOrder) {
    this.#order = order;
  }

  /** Every event of the batch takes its place, in feed order. */
  enter(events: readonly V4Event[]): void {
    for (const event of events) {
      const place = placeOf(event);
      if (place) this.#tickets.set(event, this.#order.enter(place.conversation, place));
    }
  }

  /** The event's place, once: its handling runs in it or gives it up. */
  take(event: V4Event): OrderTicket | undefined {
    const ticket = this.#tickets.get(event);
    this.#tickets.delete(event);
    return ticket;
  }

  /** The places nobody took (events skipped, or the batch failed before them): given up. */
  leaveUntaken(events: readonly V4Event[]): void {
    for (const event of events) this.take(event)?.leave();
  }
}
