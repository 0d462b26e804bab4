import { MessageMLError } from "@sprig/messageml";
import { ApiError, badRequest, forbidden } from "../http/api-error.ts";
import { type Pod, publishToStream } from "../runtime/pod.ts";
import type { AttachmentRecord, MessageRecord, StreamRecord, UserRecord } from "../store/records.ts";
import { v4Message } from "./message-views.ts";
import { translateMessage, type UserLookup } from "./messageml-translation.ts";

export interface FilePart {
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface NewMessage {
  stream: StreamRecord;
  author: UserRecord;
  messageML: string;
  data?: string;
  attachments?: FilePart[];
  previews?: FilePart[];
  silent?: boolean;
  /** Typed by a person in the desktop client (the web chat, the dev API): marked as that client marks it. */
  fromDesktopClient?: boolean;
}

/** What the desktop client sends as its user agent (shape of the upstream MESSAGESENT sample). */
export const DESKTOP_USER_AGENT = "DESKTOP-25.8.1-sprig-emulator-Linux-Chrome-131.0.0.0";

/** The desktop client's messages carry `class="wysiwyg"` on the root `<div>`, as a pod delivers them. */
function asDesktopMessage(presentationML: string): string {
  return presentationML.replace(
    /^<div data-format="PresentationML" data-version="2\.0"(?! class=)/,
    '$& class="wysiwyg"',
  );
}

export function userLookupFor(pod: Pod): UserLookup {
  return ({ uid, email }) => {
    const user =
      uid !== undefined && /^\d+$/.test(uid)
        ? pod.store.users.get(Number(uid))
        : email !== undefined
          ? pod.store.userByEmail(email)
          : undefined;
    return user ? { id: String(user.id), displayName: user.displayName, email: user.email } : undefined;
  };
}

function checkCanPost(pod: Pod, stream: StreamRecord, author: UserRecord): void {
  pod.store.requireMember(stream, author.id);
  if (!stream.active)
    throw badRequest(`Stream ${stream.id} is inactive; reactivate the room first`, "STREAM_INACTIVE");
  const member = stream.members.find((m) => m.userId === author.id);
  if (stream.room?.readOnly && !member?.owner)
    throw forbidden(`Room ${stream.id} is read-only: only owners can post`);
}

function checkContentSize(pod: Pod, messageML: string, data: string | undefined): void {
  const size = Buffer.byteLength(messageML) + Buffer.byteLength(data ?? "");
  if (size > pod.settings.maxMessageContentBytes) {
    throw new ApiError(
      400,
      `PAYLOAD_TOO_LARGE: LIMIT_MESSAGE_CONTENT_MAX_TOTAL_SIZE_REACHED (message and data total ${size} bytes, limit ${pod.settings.maxMessageContentBytes})`,
      "PAYLOAD_TOO_LARGE",
    );
  }
}

function translateOrReject(pod: Pod, messageML: string, data: string | undefined) {
  try {
    return translateMessage(messageML, { data, userLookup: userLookupFor(pod), shortId: pod.ids.shortId });
  } catch (error) {
    if (error instanceof MessageMLError) throw badRequest(error.message, error.code);
    throw error;
  }
}

function storeAttachments(pod: Pod, attachments: FilePart[], previews: FilePart[]): AttachmentRecord[] {
  return attachments.map((file, i) => {
    const preview = previews[i];
    return {
      id: pod.ids.attachmentId(),
      name: file.name,
      size: file.bytes.length,
      contentType: file.contentType || "application/octet-stream",
      contentBase64: file.bytes.toString("base64"),
      previews: preview
        ? [{ id: pod.ids.attachmentId(), dimension: "600", contentBase64: preview.bytes.toString("base64") }]
        : [],
    };
  });
}

/** A message just stored, with its `V4Message` view: built and serialised once, sent on the datafeed and as the REST answer. */
export interface PostedMessage {
  record: MessageRecord;
  view: Record<string, unknown>;
  viewJson: string;
}

function recordMessage(pod: Pod, input: NewMessage, replacing?: MessageRecord): PostedMessage {
  checkCanPost(pod, input.stream, input.author);
  checkContentSize(pod, input.messageML, input.data);
  const translation = translateOrReject(pod, input.messageML, input.data);
  const now = pod.clock.now();
  const message: MessageRecord = {
    messageId: pod.ids.messageId(),
    streamId: input.stream.id,
    userId: input.author.id,
    timestamp: now,
    presentationML: input.fromDesktopClient
      ? asDesktopMessage(translation.presentationML)
      : translation.presentationML,
    data: JSON.stringify(translation.entityJSON),
    attachments: storeAttachments(pod, input.attachments ?? [], input.previews ?? []),
    sid: pod.ids.uuid(),
    silent: input.silent,
    userAgent: input.fromDesktopClient ? DESKTOP_USER_AGENT : undefined,
    submittedForms: {},
  };
  if (replacing) {
    message.replacing = replacing.messageId;
    message.initialMessageId = replacing.initialMessageId ?? replacing.messageId;
    message.initialTimestamp = replacing.initialTimestamp ?? replacing.timestamp;
    replacing.replacedBy = message.messageId;
  }
  pod.store.addMessage(message);
  input.stream.lastMessageDate = now;
  pod.changed(
    { kind: "message", message },
    ...(replacing ? [{ kind: "message" as const, message: replacing }] : []),
  );
  // Nothing changes the message between here and the REST answer, so both carry this one view.
  const view = v4Message(message, pod.store);
  const viewJson = JSON.stringify(view);
  const event = pod.events.create(
    "MESSAGESENT",
    input.author,
    { message: view },
    message.messageId,
    `{"message":${viewJson}}`,
  );
  publishToStream(pod, event, input.stream);
  return { record: message, view, viewJson };
}

/** Create a message: translate (400 with the agent's text when invalid), store, emit MESSAGESENT. */
export function postMessage(pod: Pod, input: NewMessage): PostedMessage {
  return recordMessage(pod, input);
}

/** Replace a message with a new version (new id, `replacing` the old one); only its author may. */
export function updateMessage(pod: Pod, original: MessageRecord, input: NewMessage): PostedMessage {
  if (original.userId !== input.author.id) throw forbidden("Only the author of a message can update it");
  if (original.streamId !== input.stream.id)
    throw badRequest(`Message ${original.messageId} is not in stream ${input.stream.id}`);
  if (original.suppressedAt !== undefined)
    throw badRequest("A suppressed message cannot be updated", "MESSAGE_SUPPRESSED");
  if (original.replacedBy !== undefined) {
    throw badRequest(
      `Message ${original.messageId} was already replaced by ${original.replacedBy}; update that one`,
      "MESSAGE_REPLACED",
    );
  }
  return recordMessage(pod, input, original);
}

export function suppressMessage(pod: Pod, message: MessageRecord, by: UserRecord): MessageRecord {
  if (message.suppressedAt === undefined) {
    message.suppressedAt = pod.clock.now();
    pod.changed({ kind: "message", message });
    const stream = pod.store.streams.get(message.streamId);
    if (stream) {
      const event = pod.events.create(
        "MESSAGESUPPRESSED",
        by,
        { messageId: message.messageId, stream: { streamId: stream.id, streamType: stream.type } },
        message.messageId,
      );
      publishToStream(pod, event, stream);
    }
  }
  return message;
}
