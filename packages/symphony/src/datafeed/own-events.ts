import type { V4Event } from "../rest/wire-types.ts";

/** Event types that carry a message; the bot's own ones come back through the feed and are skipped. */
const MESSAGE_EVENT_TYPES = new Set(["MESSAGESENT", "SHAREDPOST"]);

export function isOwnMessage(event: V4Event, botUserId: number | undefined): boolean {
  if (botUserId === undefined || !MESSAGE_EVENT_TYPES.has(event.type ?? "")) return false;
  return event.initiator?.user?.userId === botUserId;
}

export function withoutOwnMessages(events: readonly V4Event[], botUserId: number | undefined): V4Event[] {
  return events.filter((event) => !isOwnMessage(event, botUserId));
}
