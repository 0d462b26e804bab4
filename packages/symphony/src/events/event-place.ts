/**
 * Where a datafeed event stands in its conversation's line across instances, read from the raw
 * event alone — no pod call — so that it can take its place the moment its batch is read, before
 * mapping (which may call the pod) gives another instance time to start a later event of the
 * conversation.
 */
import { keysOf } from "@sprig/core";
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
  /**
   * The name of its action's place, as core's `orderPlaceOf` gives it: the same for every delivery
   * of the message or press, a cross-pod duplicate under a new event id included.
   */
  readonly id: string;
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
  return { conversation, id: placeName(event, eventId), time: new Date(time) };
}

/** The last of the dedupe keys the event's action will have (`dedupeKeys`), from the raw event. */
function placeName(event: V4Event, eventId: string): string {
  const messageId = event.payload?.messageSent?.message?.messageId;
  const keys =
    event.type === "MESSAGESENT"
      ? keysOf({
          platform: SYMPHONY_PLATFORM,
          kind: "message",
          eventId,
          ...(messageId ? { messageId: toUrlSafeId(messageId) } : {}),
        })
      : event.type === "SYMPHONYELEMENTSACTION"
        ? keysOf({
            platform: SYMPHONY_PLATFORM,
            kind: "form",
            eventId,
            ...(event.messageId ? { submissionId: toUrlSafeId(event.messageId) } : {}),
          })
        : keysOf({ platform: SYMPHONY_PLATFORM, kind: "event", eventId });
  return keys[keys.length - 1] ?? eventId;
}
