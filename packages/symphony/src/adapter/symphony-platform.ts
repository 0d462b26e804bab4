import {
  currentAction,
  currentAttempt,
  type MessageAction,
  type MessageAttachment,
  type PlatformAdapter,
  type Response,
  UndeliverableError,
  type User,
} from "@sprig/core";
import type { ImStreams } from "../conversations/im-streams.ts";
import type { SymphonyConversations } from "../conversations/symphony-conversations.ts";
import { isSymphonyError, SymphonyError } from "../errors/symphony-error.ts";
import { SYMPHONY_PLATFORM } from "../events/symphony-user.ts";
import type { SymphonyHistory } from "../history/symphony-history.ts";
import { SymphonyHttpError } from "../http/http-error.ts";
import { checkMessageLimits, splitForLimits } from "../render/message-limits.ts";
import type { RenderedMessage } from "../render/rendered-message.ts";
import type { SymphonyRenderer } from "../render/symphony-renderer.ts";
import { toUrlSafeId } from "../rest/stream-id.ts";
import type { V4Message } from "../rest/wire-types.ts";
import type { OnceSender, SendPlan } from "./once-sender.ts";
import { sendIdFor } from "./send-id.ts";
import type { SentMessages } from "./sent-messages.ts";

export interface SymphonyPlatformParts {
  readonly botUser: User;
  /**
   * New messages and forms updated in place, each delivered exactly once even when an answer is
   * lost or the action is redelivered after a partial answer (see `OnceSender`).
   */
  readonly sender: Pick<OnceSender, "send" | "update">;
  /** The bytes of a message's file (`GET /agent/v1/stream/{sid}/attachment`). */
  readonly attachment?: (streamId: string, messageId: string, fileId: string) => Promise<Uint8Array>;
  readonly renderer: Pick<SymphonyRenderer, "render">;
  readonly streams: ImStreams;
  readonly history: SymphonyHistory;
  readonly conversations: SymphonyConversations;
  readonly sent: SentMessages;
  /**
   * Whether an event the pod stamped at this time (ms, the pod's clock) may have been handled by an
   * earlier process of this bot — one that crashed after posting its answer and before
   * acknowledging — so its responses are looked for before they are posted, as a redelivery's
   * are. See `plan()` and `ProcessStart`.
   */
  readonly mayPredateProcess?: (eventTime: number | undefined) => boolean;
}

/**
 * Core's view of Symphony: where a response goes (a chat's stream, or the IM with a user), how it
 * is rendered and posted, and the history and directory behind the handlers' context. What the bot
 * sends is remembered (history cache, form data) as the pod accepted it.
 */
const MAX_REMEMBERED_VERSIONS = 10_000;

export class SymphonyPlatform implements PlatformAdapter {
  readonly platform = SYMPHONY_PLATFORM;
  readonly botUser: User;
  readonly history: SymphonyHistory;
  readonly conversations: SymphonyConversations;
  /**
   * Form messages this adapter replaced → their new version. Several presses on one version of a
   * form (people voting at once on the same poll) each answer with an update; only the newest
   * version can still be updated, so later ones follow the chain. Bounded; one process's memory.
   */
  readonly #newerVersion = new Map<string, string>();

  constructor(private readonly parts: SymphonyPlatformParts) {
    this.botUser = parts.botUser;
    this.history = parts.history;
    this.conversations = parts.conversations;
  }

  /** The bytes of a file a person sent with a message (one of `action.attachments`). */
  async download(action: MessageAction, attachment: MessageAttachment): Promise<Uint8Array> {
    const fetch = this.parts.attachment;
    if (!fetch || !action.messageId || !action.attachments?.some((file) => file.id === attachment.id)) {
      throw new SymphonyError(
        "ADAPTER_BAD_ADDRESS",
        `The file "${attachment.id.slice(0, 40)}" is not one of this message's attachments: only those can be downloaded.`,
      );
    }
    const streamId = await this.parts.streams.streamOf(action.addressable);
    return fetch(streamId, action.messageId, attachment.id);
  }

  async send(response: Response): Promise<void> {
    // A text answer too long for one message goes as several, in order (see message-limits.ts).
    const parts = response.kind === "message" ? splitForLimits(response) : [response];
    for (const part of parts) await this.sendOne(part);
  }

  private async sendOne(response: Response): Promise<void> {
    // Taken first, so the n-th message keeps its number even when an earlier one was refused.
    const plan = this.plan();
    let rendered: RenderedMessage;
    try {
      rendered = this.parts.renderer.render(response);
      checkMessageLimits(rendered);
    } catch (error) {
      // Rendering is deterministic: the same response would fail the same way on a redelivery.
      throw new UndeliverableError(undeliverable(error), { cause: error });
    }
    try {
      await this.deliver(response, rendered, plan);
    } catch (error) {
      throw refusedForGood(error) ? new UndeliverableError(undeliverable(error), { cause: error }) : error;
    }
  }

  /**
   * How this response is sent: within an action, its send id is derived from the action and the
   * response's number in it, so a redelivered action's n-th response has the id it had before —
   * and is looked for before it is posted again, only when the action may have run before.
   *
   * It may have when the dedupe store says so (`redelivered`), and also when its event is older
   * than this process: the default dedupe store lives in memory and starts empty, so after a crash
   * between posting and acknowledging it answers "first" to the redelivered event. The pod's own
   * message listing is the record that survives the restart — no local state to keep, and the
   * lookup costs a call only for the events stamped before this process began reading its feed.
   */
  private plan(): SendPlan {
    const attempt = currentAttempt();
    if (!attempt) return {};
    const sendId = sendIdFor(this.botUser.id, attempt.key, attempt.nextResponse());
    const since = currentAction()?.time.getTime();
    const known = since !== undefined && !Number.isNaN(since);
    const olderThanProcess = this.parts.mayPredateProcess?.(known ? since : undefined) ?? false;
    return {
      sendId,
      ...(known ? { since } : {}),
      ...(attempt.redelivered || olderThanProcess ? { ranBefore: true } : {}),
    };
  }

  private async deliver(response: Response, rendered: RenderedMessage, plan: SendPlan): Promise<void> {
    const streamId = await this.parts.streams.streamOf(response.to);
    const outgoing = {
      message: rendered.message,
      ...(rendered.data === undefined ? {} : { data: rendered.data }),
      ...(rendered.attachments === undefined ? {} : { attachments: rendered.attachments }),
    };
    if (rendered.replaces === undefined) {
      await this.remember(await this.parts.sender.send(streamId, outgoing, plan), streamId, rendered.data);
      return;
    }
    // The form updated in place: the old version is no longer the conversation's state.
    const replaced = this.newestVersionOf(toUrlSafeId(rendered.replaces));
    const updated = await this.parts.sender.update(streamId, replaced, outgoing, plan);
    if (updated.messageId) this.rememberVersion(replaced, toUrlSafeId(updated.messageId));
    await this.parts.history.forget(streamId, replaced);
    await this.remember(updated, streamId, rendered.data);
  }

  private newestVersionOf(messageId: string): string {
    let newest = messageId;
    for (
      let next = this.#newerVersion.get(newest);
      next !== undefined;
      next = this.#newerVersion.get(newest)
    ) {
      newest = next;
    }
    return newest;
  }

  private rememberVersion(replaced: string, by: string): void {
    this.#newerVersion.set(replaced, by);
    if (this.#newerVersion.size > MAX_REMEMBERED_VERSIONS) {
      this.#newerVersion.delete(this.#newerVersion.keys().next().value!);
    }
  }

  /**
   * What was posted, into the form data and the history caches. A history cache that cannot be
   * written (a shared one, away) fails the send, so the action is not acknowledged: its redelivery
   * finds what it posted (not posting it twice) and writes it then — a cache is never left behind
   * the pod by an action that counts as done.
   */
  private async remember(
    sent: V4Message,
    streamId: string,
    data: Record<string, unknown> | undefined,
  ): Promise<void> {
    if (!sent.messageId) return;
    const messageId = toUrlSafeId(sent.messageId);
    // The agent answers with the data as stored (hashtags of the template added); fall back to ours.
    const storedData = typeof sent.data === "string" ? sent.data : data && JSON.stringify(data);
    this.parts.sent.remember(messageId, storedData, streamId);
    await this.parts.history.observe({
      ...sent,
      messageId,
      user: sent.user ?? { userId: Number(this.botUser.id) },
      stream: { ...sent.stream, streamId: sent.stream?.streamId ?? streamId },
      timestamp: sent.timestamp ?? Date.now(),
      ...(storedData === undefined ? {} : { data: storedData }),
    });
  }
}

/**
 * Refusals a retry cannot mend: the agent rejected the message (400: invalid MessageML or data;
 * 403: not allowed in that stream; 404: no such stream; 413 / 451: too large, or blocked by
 * compliance), or the address is no Symphony user. 401 and 429 are retried by the REST client; 5xx
 * and network errors by the `OnceSender`, after checking that the message did not land; if they
 * persist, by the datafeed's redelivery.
 */
function refusedForGood(error: unknown): boolean {
  if (isSymphonyError(error, "ADAPTER_BAD_ADDRESS")) return true;
  return error instanceof SymphonyHttpError && [400, 403, 404, 413, 451].includes(error.status);
}

function undeliverable(error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `Symphony refused the response for good (${reason}); it will not be sent again.`;
}
