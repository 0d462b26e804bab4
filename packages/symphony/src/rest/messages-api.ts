import { SymphonyError } from "../errors/symphony-error.ts";
import { encodeMultipart, type MultipartBody, type MultipartPart } from "../http/multipart-body.ts";
import type { RestClient } from "../http/rest-client.ts";
import { idSegment, toUrlSafeId } from "./stream-id.ts";
import type {
  MessageSearchQuery,
  MessageSuppressionResponse,
  V4Message,
  V4MessageBlastResponse,
} from "./wire-types.ts";

export interface OutgoingAttachment {
  readonly name: string;
  readonly content: Uint8Array;
  readonly contentType?: string;
}

export interface OutgoingMessage {
  /** MessageML (wrapped in `<messageML>` if it is not already). */
  readonly message: string;
  /** EntityJSON: an object (serialised here) or a string already serialised. */
  readonly data?: unknown;
  readonly attachments?: readonly OutgoingAttachment[];
  /** MessageML version, "2.0" by default. */
  readonly version?: string;
}

/**
 * An update may also say whether it arrives unread (`silent: false`). Only the agent's update takes
 * a `silent` field; its create has none (a real agent would ignore one), so a send cannot carry it.
 */
export interface MessageUpdate extends OutgoingMessage {
  readonly silent?: boolean;
}

export interface SendOptions {
  /** false: a network error or 5xx of the create / update is not retried (default true, as every call). */
  readonly retryAmbiguous?: boolean;
}

export interface ListMessagesOptions {
  readonly since: number;
  readonly until?: number;
  readonly skip?: number;
  readonly limit?: number;
}

/** Sending, updating, reading and searching messages (`/agent/v4/stream/…`, `/agent/v1/message/…`). */
export class MessagesApi {
  constructor(private readonly client: RestClient) {}

  /**
   * `POST /agent/v4/stream/{sid}/message/create`, multipart as the agent expects. Not idempotent:
   * with `retryAmbiguous: false` a network error or 5xx is thrown at once instead of retried (the
   * message may have been stored), for the caller to look for it first (see `OnceSender`).
   */
  send(streamId: string, message: OutgoingMessage, options: SendOptions = {}): Promise<V4Message> {
    return this.client.call<V4Message>({
      service: "agent",
      method: "POST",
      path: `/agent/v4/stream/${idSegment(streamId)}/message/create`,
      form: messageForm(message),
      operation: "send message",
      ...(options.retryAmbiguous === undefined ? {} : { retryAmbiguous: options.retryAmbiguous }),
    });
  }

  /** `POST /agent/v4/stream/{sid}/message/{mid}/update`: replaces a message the bot sent. */
  update(
    streamId: string,
    messageId: string,
    message: MessageUpdate,
    options: SendOptions = {},
  ): Promise<V4Message> {
    return this.client.call<V4Message>({
      service: "agent",
      method: "POST",
      path: `/agent/v4/stream/${idSegment(streamId)}/message/${idSegment(messageId)}/update`,
      form: messageForm(message, message.silent),
      operation: "update message",
      ...(options.retryAmbiguous === undefined ? {} : { retryAmbiguous: options.retryAmbiguous }),
    });
  }

  /**
   * `POST /agent/v4/message/blast`: the same message into several streams at once. Streams that
   * refuse it are listed in `errors` (by stream id); the others still get it. Not idempotent, like send.
   */
  blast(
    streamIds: readonly string[],
    message: OutgoingMessage,
    options: SendOptions = {},
  ): Promise<V4MessageBlastResponse> {
    const form = messageForm(message, undefined, [
      { name: "sids", value: streamIds.map((id) => toUrlSafeId(id)).join(",") },
    ]);
    return this.client.call<V4MessageBlastResponse>({
      service: "agent",
      method: "POST",
      path: "/agent/v4/message/blast",
      form,
      operation: "blast message",
      ...(options.retryAmbiguous === undefined ? {} : { retryAmbiguous: options.retryAmbiguous }),
    });
  }

  /** `POST /pod/v1/admin/messagesuppression/{id}/suppress`: hides a message for everyone (needs the admin role on a pod). */
  suppress(messageId: string): Promise<MessageSuppressionResponse> {
    return this.client.call<MessageSuppressionResponse>({
      service: "pod",
      method: "POST",
      path: `/pod/v1/admin/messagesuppression/${idSegment(messageId)}/suppress`,
      operation: "suppress message",
    });
  }

  /** `GET /agent/v1/message/{id}`. */
  get(messageId: string): Promise<V4Message> {
    return this.client.call<V4Message>({
      service: "agent",
      method: "GET",
      path: `/agent/v1/message/${idSegment(messageId)}`,
      operation: "get message",
    });
  }

  /** `GET /agent/v4/stream/{sid}/message`: messages since a time, oldest first; [] when none (204). */
  async list(streamId: string, options: ListMessagesOptions): Promise<V4Message[]> {
    const result = await this.client.call<V4Message[] | undefined>({
      service: "agent",
      method: "GET",
      path: `/agent/v4/stream/${idSegment(streamId)}/message`,
      query: { since: options.since, until: options.until, skip: options.skip, limit: options.limit },
      operation: "list messages",
    });
    return result ?? [];
  }

  /** `POST /agent/v1/message/search`. */
  async search(
    query: MessageSearchQuery,
    options: { skip?: number; limit?: number; sortDir?: "ASC" | "DESC"; scope?: string } = {},
  ): Promise<V4Message[]> {
    const result = await this.client.call<V4Message[] | undefined>({
      service: "agent",
      method: "POST",
      path: "/agent/v1/message/search",
      query: { skip: options.skip, limit: options.limit, sortDir: options.sortDir, scope: options.scope },
      json: query.streamId === undefined ? query : { ...query, streamId: toUrlSafeId(query.streamId) },
      operation: "search messages",
    });
    return result ?? [];
  }

  /**
   * `GET /agent/v1/stream/{sid}/attachment`: the file's bytes (the agent sends them as Base64 text,
   * typed `application/octet-stream`, the only type it produces there: it is what is asked for).
   */
  async attachment(streamId: string, messageId: string, fileId: string): Promise<Uint8Array> {
    const base64 = await this.client.call<unknown>({
      service: "agent",
      method: "GET",
      path: `/agent/v1/stream/${idSegment(streamId)}/attachment`,
      query: { messageId: toUrlSafeId(messageId), fileId },
      accept: "application/octet-stream",
      operation: "get attachment",
    });
    if (typeof base64 !== "string") {
      throw new SymphonyError(
        "HTTP_INVALID_RESPONSE",
        "get attachment: the agent did not answer with Base64 text.",
      );
    }
    return new Uint8Array(Buffer.from(base64, "base64"));
  }
}

/** The multipart body of create and update: message, data, version, attachments (+ silent: update only). */
export function messageForm(
  message: OutgoingMessage,
  silent?: boolean,
  extra: readonly MultipartPart[] = [],
): MultipartBody {
  const parts: MultipartPart[] = [...extra, { name: "message", value: wrapMessageML(message.message) }];
  if (message.data !== undefined) {
    const data = typeof message.data === "string" ? message.data : JSON.stringify(message.data);
    parts.push({ name: "data", value: data });
  }
  parts.push({ name: "version", value: message.version ?? "2.0" });
  if (silent !== undefined) parts.push({ name: "silent", value: String(silent) });
  for (const attachment of message.attachments ?? []) {
    const contentType = attachment.contentType ?? "application/octet-stream";
    parts.push({ name: "attachment", content: attachment.content, filename: attachment.name, contentType });
  }
  return encodeMultipart(parts);
}

function wrapMessageML(message: string): string {
  return /^\s*<messageML[\s>]/.test(message) ? message : `<messageML>${message}</messageML>`;
}
