/**
 * What a button press's form message tells (its work object, the controls it showed, its run-time
 * data), read from the bot's memory of what it sent lately or with `GET /agent/v1/message/{id}`.
 * A form message that cannot serve the press is "unavailable", with the reason in words for the
 * person: the pod refuses to show it (deleted, suppressed, the bot lost access: a 4xx that asking
 * again will not mend), it is in another conversation than the press, or someone else sent it.
 * Only a 5xx or a network failure throws, so the event comes back and is tried again.
 */
import type { WorkRegistry } from "@sprig/core";
import { isSymphonyError } from "../errors/symphony-error.ts";
import { type RecoveredForm, recoverFormFromMessage } from "../render/recover-work.ts";
import { toUrlSafeId } from "../rest/stream-id.ts";
import type { V4Message } from "../rest/wire-types.ts";

export type FormMessage = RecoveredForm | { readonly unavailable: string };

export interface FormMessageReaderOptions {
  readonly works: WorkRegistry;
  /** The messages the bot sent lately: their data and stream, without a REST call. */
  readonly sent: {
    has(messageId: string): boolean;
    dataOf(messageId: string): string | undefined;
    streamOf(messageId: string): string | undefined;
  };
  readonly messages: { get(messageId: string): Promise<V4Message> };
  /** The bot's user id: only a form it sent itself carries its state. */
  readonly botUserId: number | undefined;
}

export const GONE = "the bot can no longer read its message (deleted, or no longer visible to the bot)";
export const ELSEWHERE = "it belongs to another conversation";
export const NOT_THE_BOTS = "it was not sent by this bot";

/** `(formMessageId, streamId)` (both URL-safe) → what the form message tells, or why it is unavailable. */
export function formMessageReader(
  options: FormMessageReaderOptions,
): (formMessageId: string, streamId: string) => Promise<FormMessage> {
  return async (formMessageId, streamId) => {
    const { sent, works } = options;
    if (sent.has(formMessageId)) {
      const sentTo = sent.streamOf(formMessageId);
      if (sentTo !== undefined && toUrlSafeId(sentTo) !== streamId) return { unavailable: ELSEWHERE };
      return recoverFormFromMessage(works, sent.dataOf(formMessageId));
    }
    let message: V4Message;
    try {
      message = await options.messages.get(formMessageId);
    } catch (error) {
      if (isSymphonyError(error, "HTTP_CLIENT_ERROR")) return { unavailable: GONE };
      throw error;
    }
    if (message.user?.userId !== options.botUserId) return { unavailable: NOT_THE_BOTS };
    const messageStream = message.stream?.streamId;
    if (messageStream === undefined || toUrlSafeId(messageStream) !== streamId)
      return { unavailable: ELSEWHERE };
    return recoverFormFromMessage(works, message.data);
  };
}
