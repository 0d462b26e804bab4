/**
 * Where a datafeed event stands in its conversation's line across instances, read from the raw
 * event alone — no pod call — so that it can take its place the moment its batch is read, before
 * mapping (which may call the pod) gives another instance time to start a later event of the
 * conversation.
 */
import { toUrlSafeId } from "../rest/stream-id.ts";
import type { V4Event } from "../rest/wire-types.ts";
import { streamOfEvent } from "./event-to-action.ts";
import { SYMPHONY_PLATFORM } from "./symphony-user.ts";

export interface EventPlace {
  /**
   * The conversation's line: the pod's stream (a 1:1 stream is one person's, so it names the same
   * conversation as the person); for an event in no stream, the person who acted.
   */
  readonly conversation: string;
  /** The event's id, as its action gets it (the same on every delivery). */
  readonly eventId: string;
  /** The pod's time of the event (every instance reads the same). */
  readonly time: Date;
}

/** The event's place; undefined for an event without an id or a conversation (its mapping refuses it). */
export function placeOf(event: V4Event, now: () => number = Date.now): EventPlace | undefined {
  const eventId = event.id || event.messageId;
  if (!eventId) return undefined;
  const streamId = streamOfEvent(event)?.streamId;
  const userId = event.initiator?.user?.userId;
  const conversation = streamId
    ? `${SYMPHONY_PLATFORM}:stream:${toUrlSafeId(streamId)}`
    : typeof userId === "number"
      ? `${SYMPHONY_PLATFORM}:user:${userId}`
      : undefined;
  if (conversation === undefined) return undefined;
  const time = event.timestamp || event.payload?.messageSent?.message?.timestamp || now();
  return { conversation, eventId, time: new Date(time) };
}
