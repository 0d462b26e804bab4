/**
 * The places of a batch's events in their conversations' lines across instances (the shared
 * order), taken the moment the batch is read — before mapping or answering a connection request,
 * which may call the pod. An earlier event this instance read is then in its line before another
 * instance, which read a later event of the conversation a moment after, can start that one.
 */
import type { ConversationOrder, OrderTicket } from "@sprig/core";
import { withoutOwnMessages } from "../datafeed/own-events.ts";
import { placeOf } from "../events/event-place.ts";
import type { V4Event } from "../rest/wire-types.ts";

export class ReadPlaces {
  readonly #order: ConversationOrder;
  readonly #tickets = new Map<V4Event, OrderTicket>();
  readonly #botUserId: number | undefined;

  /** `botUserId`: the bot's own messages come back on the feed; the loop skips them, so they take no place. */
  constructor(order: ConversationOrder, botUserId: number | undefined) {
    this.#order = order;
    this.#botUserId = botUserId;
  }

  /** Every event of the batch the bot will see takes its place, in feed order; resolves once all are taken. */
  async enter(events: readonly V4Event[]): Promise<void> {
    const entered: PromiseLike<unknown>[] = [];
    for (const event of withoutOwnMessages(events, this.#botUserId)) {
      const place = placeOf(event);
      if (!place) continue;
      const ticket = this.#order.enter(place.conversation, place);
      this.#tickets.set(event, ticket);
      if (ticket.entered) entered.push(ticket.entered);
    }
    await Promise.all(entered);
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
