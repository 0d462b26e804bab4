// Live events of one person: the emulator's server-sent event stream. EventSource reconnects by
// itself and sends Last-Event-ID, so the server replays what was missed; `resync` and `reset` say
// the lists must be read again.
import { api } from "./api.js";

/** Events that change who is in which conversation: the conversation list is read again. */
export const MEMBERSHIP_EVENTS = new Set([
  "INSTANTMESSAGECREATED",
  "ROOMCREATED",
  "ROOMUPDATED",
  "ROOMDEACTIVATED",
  "ROOMREACTIVATED",
  "USERJOINEDROOM",
  "USERLEFTROOM",
  "ROOMMEMBERPROMOTEDTOOWNER",
  "ROOMMEMBERDEMOTEDFROMOWNER",
]);

const EVENT_TYPES = ["MESSAGESENT", "MESSAGESUPPRESSED", "SYMPHONYELEMENTSACTION", ...MEMBERSHIP_EVENTS];

/**
 * Subscribes `handlers.event(event)` to every datafeed event of `userId`, `handlers.reload()` to a
 * reset or resync, `handlers.status(connected)` to the connection state. Returns a function that closes it.
 */
export function listen(userId, handlers) {
  const source = new EventSource(api.eventsUrl(userId));
  const onEvent = (message) => {
    let event;
    try {
      event = JSON.parse(message.data);
    } catch {
      return;
    }
    handlers.event(event);
  };
  for (const type of EVENT_TYPES) source.addEventListener(type, onEvent);
  source.addEventListener("reset", () => handlers.reload());
  source.addEventListener("resync", () => handlers.reload());
  source.addEventListener("open", () => handlers.status(true));
  source.addEventListener("error", () => handlers.status(false));
  return () => source.close();
}

/** The body of an event under its payload key (`payload.messageSent` for MESSAGESENT). */
export const payloadOf = (event) => Object.values(event.payload ?? {})[0] ?? {};
