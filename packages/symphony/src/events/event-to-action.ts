import {
  type Action,
  type Addressable,
  Chat,
  type EventAction,
  type FormAction,
  type MemberChange,
  type MessageAttachment,
  type User,
} from "@sprig/core";
import { parsePresentationML } from "@sprig/messageml";
import { SymphonyError } from "../errors/symphony-error.ts";
import { toUrlSafeId } from "../rest/stream-id.ts";
import type { V4AttachmentInfo, V4Event, V4Stream, V4User } from "../rest/wire-types.ts";
import type { FormMessage } from "./form-message-reader.ts";
import type { StreamTypeLookup } from "./stream-types.ts";
import { SYMPHONY_PLATFORM, toSprigUser } from "./symphony-user.ts";
import { treeToContent } from "./tree-to-content.ts";

export interface EventMapperOptions {
  readonly streamTypes: StreamTypeLookup;
  /**
   * What the form message tells about a press on it (see `formMessageReader`), given its id and
   * the stream of the press (both URL-safe). Throws only for failures worth another try.
   */
  readonly recoverWork?: (formMessageId: string, streamId: string) => Promise<FormMessage | undefined>;
  /** For events without a timestamp. */
  readonly now?: () => number;
}

/** Membership events and what they mean for the member. */
const MEMBER_EVENTS: Readonly<Record<string, { payload: string; change: MemberChange }>> = {
  USERJOINEDROOM: { payload: "userJoinedRoom", change: "joined" },
  USERLEFTROOM: { payload: "userLeftRoom", change: "left" },
  ROOMMEMBERPROMOTEDTOOWNER: { payload: "roomMemberPromotedToOwner", change: "promoted" },
  ROOMMEMBERDEMOTEDFROMOWNER: { payload: "roomMemberDemotedFromOwner", change: "demoted" },
};

/**
 * The other event types, by the name core's EventAction gives them (`bot.on("event", …)` sees
 * `action.event`), and the payload member that holds each one's fields. A type not listed here
 * (a newer pod's) keeps its own name, lower-cased, and its payload as it came.
 */
const OTHER_EVENTS: Readonly<Record<string, { payload: string; event: string }>> = {
  ROOMCREATED: { payload: "roomCreated", event: "room-created" },
  ROOMUPDATED: { payload: "roomUpdated", event: "room-updated" },
  ROOMDEACTIVATED: { payload: "roomDeactivated", event: "room-deactivated" },
  ROOMREACTIVATED: { payload: "roomReactivated", event: "room-reactivated" },
  INSTANTMESSAGECREATED: { payload: "instantMessageCreated", event: "im-created" },
  MESSAGESUPPRESSED: { payload: "messageSuppressed", event: "message-suppressed" },
  SHAREDPOST: { payload: "sharedPost", event: "post-shared" },
  USERREQUESTEDTOJOINROOM: { payload: "userRequestedToJoinRoom", event: "join-requested" },
  CONNECTIONREQUESTED: { payload: "connectionRequested", event: "connection-requested" },
  CONNECTIONACCEPTED: { payload: "connectionAccepted", event: "connection-accepted" },
  GENERICSYSTEMEVENT: { payload: "genericSystemEvent", event: "system-event" },
};

/**
 * One datafeed event → one core action: MESSAGESENT → MessageAction, SYMPHONYELEMENTSACTION →
 * FormAction, room membership events → MemberAction, every other type → EventAction (deduped,
 * ordered and bounded in core like the rest). An event missing what its action needs is refused
 * with EVENT_MALFORMED, naming what is missing.
 */
export class EventMapper {
  constructor(private readonly options: EventMapperOptions) {}

  async toAction(event: V4Event): Promise<Action> {
    switch (event.type) {
      case "MESSAGESENT":
        return this.messageAction(event);
      case "SYMPHONYELEMENTSACTION":
        return this.formAction(event);
      default: {
        const member = MEMBER_EVENTS[event.type ?? ""];
        return member ? this.memberAction(event, member.payload, member.change) : this.eventAction(event);
      }
    }
  }

  private async eventAction(event: V4Event): Promise<EventAction> {
    const type = event.type;
    if (!type) throw malformed(event, "type");
    const known = OTHER_EVENTS[type];
    const user = actor(event);
    const payload = (known ? event.payload?.[known.payload] : event.payload) as
      | Record<string, unknown>
      | undefined;
    const stream = payload?.stream as V4Stream | undefined;
    return {
      kind: "event",
      eventId: eventId(event),
      time: this.timeOf(event),
      user,
      // In a room (or a 1:1) when the event names one; otherwise about the person who acted.
      addressable: stream?.streamId ? await this.addressableOf(stream as StreamWithId, user) : user,
      event: known?.event ?? type.toLowerCase(),
      platformType: type,
      payload: payload ?? {},
    };
  }

  private async messageAction(event: V4Event): Promise<Action> {
    const sent = event.payload?.messageSent?.message;
    if (!sent) throw malformed(event, "payload.messageSent.message");
    const user = actor(event, sent.user);
    const stream = requireStream(event, sent.stream, "payload.messageSent.message.stream");
    const tree = parsePresentationML(sent.message ?? "", sent.data);
    return {
      kind: "message",
      eventId: eventId(event),
      time: this.timeOf(event, sent.timestamp),
      user,
      addressable: await this.addressableOf(stream, user),
      message: treeToContent(tree),
      ...(sent.messageId ? { messageId: toUrlSafeId(sent.messageId) } : {}),
      ...attachmentsOf(sent.attachments),
    };
  }

  private async formAction(event: V4Event): Promise<FormAction> {
    const action = event.payload?.symphonyElementsAction as
      | (NonNullable<NonNullable<V4Event["payload"]>["symphonyElementsAction"]> & {
          formStream?: V4Stream;
          actionStream?: V4Stream;
        })
      | undefined;
    if (!action) throw malformed(event, "payload.symphonyElementsAction");
    const user = actor(event);
    // Before Symphony 20.3.1 the conversation was in `formStream` (and `actionStream`), not `stream`.
    const stream = requireStream(
      event,
      action.stream ?? action.formStream ?? action.actionStream,
      "payload.symphonyElementsAction.stream",
    );
    if (typeof action.formId !== "string" || action.formId === "") {
      throw malformed(event, "payload.symphonyElementsAction.formId");
    }
    const { action: buttonId, ...values } = action.formValues ?? {};
    if (typeof buttonId !== "string" || buttonId === "") {
      throw malformed(event, "payload.symphonyElementsAction.formValues.action (the pressed button's name)");
    }
    const formMessageId = action.formMessageId ? formMessageIdOf(action.formMessageId) : undefined;
    const streamId = toUrlSafeId(stream.streamId);
    const recovered =
      formMessageId && this.options.recoverWork
        ? await this.options.recoverWork(formMessageId, streamId)
        : undefined;
    return {
      kind: "form",
      eventId: eventId(event),
      time: this.timeOf(event),
      user,
      addressable: await this.addressableOf(stream, user),
      formId: action.formId,
      buttonId,
      values,
      ...formMessageFields(recovered),
      ...(formMessageId ? { formMessageId } : {}),
      // The submission's own id: kept by a cross-pod duplicate under a new event id.
      ...(event.messageId ? { submissionId: toUrlSafeId(event.messageId) } : {}),
    };
  }

  private async memberAction(event: V4Event, payloadKey: string, change: MemberChange): Promise<Action> {
    const payload = event.payload?.[payloadKey] as { stream?: V4Stream; affectedUser?: V4User } | undefined;
    if (!payload) throw malformed(event, `payload.${payloadKey}`);
    const stream = requireStream(event, payload.stream, `payload.${payloadKey}.stream`);
    const member = toSprigUser(payload.affectedUser);
    if (!member) throw malformed(event, `payload.${payloadKey}.affectedUser.userId`);
    return {
      kind: "member",
      eventId: eventId(event),
      time: this.timeOf(event),
      user: toSprigUser(event.initiator?.user) ?? member,
      addressable: Chat.of(SYMPHONY_PLATFORM, toUrlSafeId(stream.streamId), nonEmpty(stream.roomName)),
      change,
      member,
    };
  }

  /** A 1:1 is addressed by the person; rooms and group chats by the chat. */
  private async addressableOf(stream: StreamWithId, user: User): Promise<Addressable> {
    this.options.streamTypes.remember(stream.streamId, stream.streamType);
    const type = stream.streamType || (await this.options.streamTypes.typeOf(stream.streamId));
    if (type === "IM") return user;
    return Chat.of(SYMPHONY_PLATFORM, toUrlSafeId(stream.streamId), nonEmpty(stream.roomName));
  }

  private timeOf(event: V4Event, fallback?: number): Date {
    const ms = event.timestamp || fallback || (this.options.now ?? Date.now)();
    return new Date(ms);
  }
}

type StreamWithId = V4Stream & { streamId: string };

/**
 * The stream an event happens in, where its mapping finds it (undefined: the event is about a
 * person, or is malformed). Read from the raw event alone, without calling the pod.
 */
export function streamOfEvent(event: V4Event): V4Stream | undefined {
  const type = event.type ?? "";
  if (type === "MESSAGESENT") return event.payload?.messageSent?.message?.stream;
  if (type === "SYMPHONYELEMENTSACTION") {
    const action = event.payload?.symphonyElementsAction as
      | { stream?: V4Stream; formStream?: V4Stream; actionStream?: V4Stream }
      | undefined;
    return action?.stream ?? action?.formStream ?? action?.actionStream;
  }
  const key = MEMBER_EVENTS[type]?.payload ?? OTHER_EVENTS[type]?.payload;
  const payload = (key ? event.payload?.[key] : event.payload) as { stream?: V4Stream } | undefined;
  return payload?.stream ?? undefined;
}

/** The FormAction's fields that come from its form message. */
function formMessageFields(recovered: FormMessage | undefined): Partial<FormAction> {
  if (recovered === undefined) return {};
  if ("unavailable" in recovered) return { formUnavailable: recovered.unavailable };
  return {
    ...(recovered.work === undefined ? {} : { work: recovered.work }),
    ...(recovered.offered === undefined ? {} : { offered: recovered.offered }),
    ...(recovered.formData === undefined ? {} : { formData: recovered.formData }),
  };
}

function actor(event: V4Event, fallback?: V4User): User {
  const user = toSprigUser(event.initiator?.user) ?? toSprigUser(fallback);
  if (!user) throw malformed(event, "initiator.user.userId");
  return user;
}

function requireStream(event: V4Event, stream: V4Stream | undefined, path: string): StreamWithId {
  if (!stream?.streamId) throw malformed(event, `${path}.streamId`);
  return stream as StreamWithId;
}

function eventId(event: V4Event): string {
  // The event id is the dedupe key; an event without one falls back to its message id.
  const id = event.id || event.messageId;
  if (!id) throw malformed(event, "id");
  return id;
}

/**
 * Old Elements payloads carry the form message id in standard Base64, sometimes with a suffix after
 * the padding (`…dA==5454`): the message id is the part before the padding, made URL-safe.
 */
export function formMessageIdOf(raw: string): string {
  const beforePadding = raw.includes("=") ? raw.slice(0, raw.indexOf("=")) : raw;
  return toUrlSafeId(beforePadding);
}

function malformed(event: V4Event, missing: string): SymphonyError {
  return new SymphonyError(
    "EVENT_MALFORMED",
    `Datafeed event ${event.id || "(no id)"} of type ${event.type ?? "(none)"} has no ${missing}; it was skipped.`,
  );
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The files of a message, as the event lists them (those without an id cannot be fetched). */
function attachmentsOf(listed: V4AttachmentInfo[] | undefined): { attachments?: MessageAttachment[] } {
  const attachments = (listed ?? []).flatMap((file) =>
    typeof file.id === "string" && file.id !== ""
      ? [
          {
            id: file.id,
            name: file.name ?? "",
            ...(typeof file.size === "number" ? { size: file.size } : {}),
          },
        ]
      : [],
  );
  return attachments.length > 0 ? { attachments } : {};
}
