/**
 * Actions: the platform-neutral view of an inbound event. An adapter maps each platform event
 * to exactly one action and hands it to `bot.handle(action)`.
 */
import type { Addressable, Chat, User } from "../addressables/addressables.ts";
import type { Message } from "../content/content.ts";

interface ActionBase {
  /** The platform's id for the event; the dedupe key, so a redelivery is recognised. */
  readonly eventId: string;
  /** When the platform says the event happened. */
  readonly time: Date;
  /** Who acted. */
  readonly user: User;
  /**
   * Where it happened and where replies go: the Chat for a room, the acting User for a 1:1
   * (a 1:1 conversation is addressed by the user).
   */
  readonly addressable: Addressable;
}

/** Someone sent a message. */
export interface MessageAction extends ActionBase {
  readonly kind: "message";
  readonly message: Message;
  /** The platform's id of the message (for threading, replies, edits). */
  readonly messageId?: string;
  /** Files sent with the message; their bytes come through the adapter (`PlatformAdapter.download`). */
  readonly attachments?: readonly MessageAttachment[];
}

/** A file a person sent with a message, as the platform describes it. Its name is untrusted text. */
export interface MessageAttachment {
  /** The platform's id of the file within its message. */
  readonly id: string;
  readonly name: string;
  /** Bytes, when the platform says. */
  readonly size?: number;
}

/** Someone pressed a button on a form the bot sent. */
export interface FormAction extends ActionBase {
  readonly kind: "form";
  /** The form's id as the bot rendered it: the work type name of the object it shows. */
  readonly formId: string;
  /** The id of the pressed button, as its author chose it. */
  readonly buttonId: string;
  /** The submitted field values, by dotted path ("items.0.description"). Untrusted. */
  readonly values: Readonly<Record<string, unknown>>;
  /** The work object the form was made from, decoded by the adapter from the bot's own message. */
  readonly work?: unknown;
  /** The platform's id of the message that carried the form. */
  readonly formMessageId?: string;
  /**
   * The platform's id of this submission (Symphony: its event's `messageId`): the same when one
   * press reaches the bot under two event ids (cross-pod duplicates), so it runs once.
   */
  readonly submissionId?: string;
  /**
   * What the form message offered, as the adapter read it back from the bot's own message. When
   * given, core refuses a press of anything else (a forged submission); adapters that cannot
   * tell leave it out, and then nothing is checked.
   */
  readonly offered?: OfferedControls;
  /** The run-time data the form was built with (`FormOptions.data`), kept for the form sent back. */
  readonly formData?: Readonly<Record<string, unknown>>;
  /**
   * Set by the adapter when the form message cannot be used: why, in words for the person
   * ("it was deleted…"). Core answers that the form is no longer available and does nothing else.
   */
  readonly formUnavailable?: string;
}

/** The controls a form message showed: pressing anything else is refused. */
export interface OfferedControls {
  /** Ids of the buttons the message showed. */
  readonly buttons: readonly string[];
  /**
   * Whether it was an edit form: inputs whose values a press carries, and table controls (add,
   * edit, delete rows…). A press on any other form carries no values.
   */
  readonly editable: boolean;
}

export type MemberChange = "joined" | "left" | "promoted" | "demoted";

/** Someone joined or left a room, or became or stopped being one of its admins. */
export interface MemberAction extends ActionBase {
  readonly kind: "member";
  readonly change: MemberChange;
  /** The user whose membership changed (`user` is who made the change, often the same). */
  readonly member: User;
  readonly addressable: Chat;
}

/**
 * Anything else the platform tells the bot: a room created or changed, a connection requested or
 * accepted, a post shared… Deduped and run in order like every action; consumers
 * (`bot.on("event", …)`) see it. A consumer that keeps failing is logged and given up after a
 * bounded number of attempts: nobody asked, so nothing is answered in chat.
 */
export interface EventAction extends ActionBase {
  readonly kind: "event";
  /**
   * What happened, in lower-case words the adapter documents (e.g. "room-created",
   * "connection-requested", "post-shared"); unknown platform events keep the platform's name.
   */
  readonly event: string;
  /** The platform's own name for the event type, e.g. "ROOMCREATED". */
  readonly platformType: string;
  /** The event's payload as the platform sent it (its shape is the platform's). */
  readonly payload: Readonly<Record<string, unknown>>;
}

export type Action = MessageAction | FormAction | MemberAction | EventAction;
export type ActionKind = Action["kind"];

/** The chat an action happened in, or `undefined` in a 1:1. */
export function chatOf(action: Action): Chat | undefined {
  return action.addressable.kind === "chat" ? action.addressable : undefined;
}
