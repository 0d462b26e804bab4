/**
 * Replies: what a handler returns when it wants more than the defaults — a mode, a template,
 * another recipient, buttons on a message, an attachment. Each becomes a complete Response.
 */
import type { Addressable } from "../addressables/addressables.ts";
import type { WorkTypeRef } from "../bot/work-type-ref.ts";
import type { ContentLike, Message } from "../content/content.ts";
import { message } from "../content/content.ts";
import type { FieldErrors } from "../work/index.ts";
import type { ButtonView, WorkMode } from "./responses.ts";

const REPLY = Symbol.for("sprig.reply");

export interface WorkReply {
  readonly [REPLY]: true;
  readonly kind: "work";
  readonly value: object;
  readonly mode: WorkMode;
  readonly to?: Addressable;
  readonly template?: string;
  readonly errors?: FieldErrors;
  readonly tags?: readonly string[];
  /** Run-time data for the form (see `WorkReplyOptions.data`). */
  readonly data?: Readonly<Record<string, unknown>>;
  /** The zone its date-times are shown in (see `WorkReplyOptions.timeZone`). */
  readonly timeZone?: string;
  /** Set for drafts: the type of the (not yet valid) values in `value`. */
  readonly draftOf?: WorkTypeRef;
}
export interface MessageReply {
  readonly [REPLY]: true;
  readonly kind: "message";
  readonly content: Message;
  readonly to?: Addressable;
  readonly buttons?: readonly ButtonView[];
  readonly formId?: string;
}
export interface AttachmentReply {
  readonly [REPLY]: true;
  readonly kind: "attachment";
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly mediaType: string;
  readonly content?: Message;
  readonly to?: Addressable;
}
export interface ErrorReply {
  readonly [REPLY]: true;
  readonly kind: "error";
  readonly message: string;
  readonly code: string;
  readonly to?: Addressable;
}
export type Reply = WorkReply | MessageReply | AttachmentReply | ErrorReply;

export interface WorkReplyOptions {
  /** Send it somewhere else than where the action came from. */
  readonly to?: Addressable;
  /** A template name other than the work type's default for the mode. */
  readonly template?: string;
  /** Extra history tags (the work type name is always a tag). */
  readonly tags?: readonly string[];
  /**
   * Data the form is built with, known only at run time: a dropdown's options under the name its
   * `dropdown.source` gives (e.g. `{ owners: [{ id: "u1", name: "Ann" }] }`), and `users` / `chats`
   * for pickers (e.g. the room's members). Adapters render the options; they never become markup.
   */
  readonly data?: Readonly<Record<string, unknown>>;
  /**
   * The IANA zone its date-time fields are shown in — the readers' (e.g. the conversation's chosen
   * zone): "Tue, 3 Mar 2026, 15:00 (Europe/Paris)". UTC by default.
   */
  readonly timeZone?: string;
}

/** Show a work object read-only, with its view buttons. */
export function view(value: object, options: WorkReplyOptions = {}): WorkReply {
  return Object.freeze({
    [REPLY]: true as const,
    kind: "work" as const,
    value,
    mode: "view" as const,
    ...options,
  });
}

/** Show a work object as an editable form, with its edit buttons. */
export function edit(
  value: object,
  options: WorkReplyOptions & { readonly errors?: FieldErrors } = {},
): WorkReply {
  return Object.freeze({
    [REPLY]: true as const,
    kind: "work" as const,
    value,
    mode: "edit" as const,
    ...options,
  });
}

/**
 * An edit form for an object that is not valid yet — a blank "new item" form whose required
 * fields the user still has to fill in. If the values happen to be valid (schema defaults
 * applied), it is sent as a real object of the type; otherwise as a draft, which adapters render
 * but never store as the conversation's state.
 */
export function draft(
  type: WorkTypeRef,
  values: object = {},
  options: WorkReplyOptions & { readonly errors?: FieldErrors } = {},
): WorkReply {
  return Object.freeze({
    [REPLY]: true as const,
    kind: "work" as const,
    value: values,
    mode: "edit" as const,
    draftOf: type,
    ...options,
  });
}

/** A message; strings are plain words, never markup. */
export function reply(
  content: ContentLike | readonly ContentLike[],
  options: { readonly to?: Addressable } = {},
): MessageReply {
  const parts = Array.isArray(content) ? content : [content as ContentLike];
  return Object.freeze({
    [REPLY]: true as const,
    kind: "message" as const,
    content: message(...parts),
    ...options,
  });
}

/** A file, with optional text. */
export function attachment(
  name: string,
  bytes: Uint8Array,
  options: { readonly mediaType?: string; readonly content?: ContentLike; readonly to?: Addressable } = {},
): AttachmentReply {
  const { content, mediaType = "application/octet-stream", to } = options;
  return Object.freeze({
    [REPLY]: true as const,
    kind: "attachment" as const,
    name,
    bytes,
    mediaType,
    ...(content === undefined ? {} : { content: message(content) }),
    ...(to === undefined ? {} : { to }),
  });
}

/**
 * An error message, shown as written (like a thrown UserError, but the handler goes on and may
 * return other responses with it).
 */
export function errorReply(
  message: string,
  options: { readonly code?: string; readonly to?: Addressable } = {},
): ErrorReply {
  return Object.freeze({
    [REPLY]: true as const,
    kind: "error" as const,
    message,
    code: options.code ?? "sprig.user",
    ...(options.to === undefined ? {} : { to: options.to }),
  });
}

export function isReply(value: unknown): value is Reply {
  return typeof value === "object" && value !== null && (value as { [REPLY]?: unknown })[REPLY] === true;
}
