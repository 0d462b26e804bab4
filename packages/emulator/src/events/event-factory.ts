import type { IdSource } from "../ids/id-source.ts";
import type { Clock } from "../runtime/clock.ts";
import type { PodStore } from "../store/pod-store.ts";
import type { StreamRecord, UserRecord } from "../store/records.ts";
import { v4User } from "../users/user-views.ts";

/**
 * A datafeed event (`V4Event`) as delivered; always with a full `initiator` (bots filter on it).
 * Never changed once created: its JSON text is made once and sent as it is (`eventJson`).
 */
export interface V4Event {
  id: string;
  messageId?: string;
  timestamp: number;
  type: string;
  initiator: { user: Record<string, unknown> };
  payload: Record<string, unknown>;
}

/**
 * Each event's JSON text, made once: one event goes to every feed that reads it, again on each
 * redelivery, to the web chat's streams and to the journal — serialising it each time was a good part
 * of the pod's CPU per message.
 */
const eventTexts = new WeakMap<V4Event, string>();

export function eventJson(event: V4Event): string {
  let text = eventTexts.get(event);
  if (text === undefined) {
    text = JSON.stringify(event);
    eventTexts.set(event, text);
  }
  return text;
}

/** A JSON array of events, from each one's text. */
export function eventListJson(events: readonly V4Event[]): string {
  let text = "[";
  for (let i = 0; i < events.length; i++)
    text += i === 0 ? eventJson(events[i]!) : `,${eventJson(events[i]!)}`;
  return `${text}]`;
}

/** `V4Stream` as events carry it; `members` only where the pod sends them (IM created). */
export function v4Stream(
  stream: StreamRecord,
  store?: PodStore,
  withMembers = false,
): Record<string, unknown> {
  const view: Record<string, unknown> = {
    streamId: stream.id,
    streamType: stream.type,
    roomName: stream.room?.name,
    external: false,
    crossPod: false,
  };
  if (withMembers && store) {
    view.members = stream.members.flatMap((m) => {
      const user = store.users.get(m.userId);
      return user ? [v4User(user)] : [];
    });
  }
  return view;
}

export function v4RoomProperties(
  stream: StreamRecord,
  creator: UserRecord | undefined,
): Record<string, unknown> {
  const room = stream.room;
  return {
    name: room?.name,
    description: room?.description,
    creatorUser: creator ? v4User(creator) : undefined,
    createdDate: stream.createdAt,
    external: false,
    crossPod: room?.crossPod ?? false,
    public: room?.public ?? false,
    copyProtected: room?.copyProtected ?? false,
    readOnly: room?.readOnly ?? false,
    discoverable: room?.discoverable ?? false,
    membersCanInvite: room?.membersCanInvite ?? true,
    keywords: room?.keywords ?? [],
    canViewHistory: room?.viewHistory ?? false,
  };
}

/** Payload key of each event type (reference §3). */
const PAYLOAD_KEYS: Record<string, string> = {
  MESSAGESENT: "messageSent",
  MESSAGESUPPRESSED: "messageSuppressed",
  SYMPHONYELEMENTSACTION: "symphonyElementsAction",
  SHAREDPOST: "sharedPost",
  INSTANTMESSAGECREATED: "instantMessageCreated",
  ROOMCREATED: "roomCreated",
  ROOMUPDATED: "roomUpdated",
  ROOMDEACTIVATED: "roomDeactivated",
  ROOMREACTIVATED: "roomReactivated",
  USERJOINEDROOM: "userJoinedRoom",
  USERLEFTROOM: "userLeftRoom",
  ROOMMEMBERPROMOTEDTOOWNER: "roomMemberPromotedToOwner",
  ROOMMEMBERDEMOTEDFROMOWNER: "roomMemberDemotedFromOwner",
  USERREQUESTEDTOJOINROOM: "userRequestedToJoinRoom",
  CONNECTIONREQUESTED: "connectionRequested",
  CONNECTIONACCEPTED: "connectionAccepted",
  GENERICSYSTEMEVENT: "genericSystemEvent",
};

/** The key an event type's body sits under in `payload` (`messageSent` for MESSAGESENT). */
export function payloadKeyOf(type: string): string | undefined {
  return Object.hasOwn(PAYLOAD_KEYS, type) ? PAYLOAD_KEYS[type] : undefined;
}

/** Every event type of the reference §3. */
export const EVENT_TYPES = Object.keys(PAYLOAD_KEYS);

export class EventFactory {
  constructor(
    private readonly ids: IdSource,
    private readonly clock: Clock,
  ) {}

  /**
   * `bodyJson`: the body's JSON text when the caller has it already (a new message's view, which is
   * also the REST answer), so the event's text is made around it instead of serialising it again.
   */
  create(
    type: string,
    initiator: UserRecord,
    body: Record<string, unknown>,
    messageId?: string,
    bodyJson?: string,
  ): V4Event {
    const key = PAYLOAD_KEYS[type];
    if (!key) throw new Error(`Unknown event type ${type}`);
    const event = {
      id: this.ids.eventId(),
      timestamp: this.clock.now(),
      type,
      initiator: { user: v4User(initiator) },
    } as V4Event;
    if (messageId !== undefined) event.messageId = messageId;
    // The payload goes last, so the text made around `bodyJson` is what JSON.stringify(event) makes.
    const headJson = bodyJson === undefined ? undefined : JSON.stringify(event);
    event.payload = { [key]: body };
    if (headJson !== undefined)
      eventTexts.set(event, `${headJson.slice(0, -1)},"payload":{"${key}":${bodyJson}}}`);
    return event;
  }
}
