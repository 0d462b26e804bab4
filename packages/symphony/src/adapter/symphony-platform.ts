import type { PlatformAdapter, Response, User } from "@sprig/core";
import type { ImStreams } from "../conversations/im-streams.ts";
import type { SymphonyConversations } from "../conversations/symphony-conversations.ts";
import { SYMPHONY_PLATFORM } from "../events/symphony-user.ts";
import type { SymphonyHistory } from "../history/symphony-history.ts";
import type { SymphonyRenderer } from "../render/symphony-renderer.ts";
import type { MessagesApi } from "../rest/messages-api.ts";
import { toUrlSafeId } from "../rest/stream-id.ts";
import type { V4Message } from "../rest/wire-types.ts";
import type { SentMessages } from "./sent-messages.ts";

export interface SymphonyPlatformParts {
  readonly botUser: User;
  readonly messages: Pick<MessagesApi, "send">;
  readonly renderer: Pick<SymphonyRenderer, "render">;
  readonly streams: ImStreams;
  readonly history: SymphonyHistory;
  readonly conversations: SymphonyConversations;
  readonly sent: SentMessages;
}

/**
 * Core's view of Symphony: where a response goes (a chat's stream, or the IM with a user), how it
 * is rendered and posted, and the history and directory behind the handlers' context. What the bot
 * sends is remembered (history cache, form data) as the pod accepted it.
 */
export class SymphonyPlatform implements PlatformAdapter {
  readonly platform = SYMPHONY_PLATFORM;
  readonly botUser: User;
  readonly history: SymphonyHistory;
  readonly conversations: SymphonyConversations;

  constructor(private readonly parts: SymphonyPlatformParts) {
    this.botUser = parts.botUser;
    this.history = parts.history;
    this.conversations = parts.conversations;
  }

  async send(response: Response): Promise<void> {
    const streamId = await this.parts.streams.streamOf(response.to);
    const rendered = this.parts.renderer.render(response);
    const sent = await this.parts.messages.send(streamId, {
      message: rendered.message,
      ...(rendered.data === undefined ? {} : { data: rendered.data }),
      ...(rendered.attachments === undefined ? {} : { attachments: rendered.attachments }),
    });
    this.remember(sent, streamId, rendered.data);
  }

  private remember(sent: V4Message, streamId: string, data: Record<string, unknown> | undefined): void {
    if (!sent.messageId) return;
    const messageId = toUrlSafeId(sent.messageId);
    // The agent answers with the data as stored (hashtags of the template added); fall back to ours.
    const storedData = typeof sent.data === "string" ? sent.data : data && JSON.stringify(data);
    this.parts.sent.remember(messageId, storedData);
    this.parts.history.observe({
      ...sent,
      messageId,
      stream: { ...sent.stream, streamId: sent.stream?.streamId ?? streamId },
      timestamp: sent.timestamp ?? Date.now(),
      ...(storedData === undefined ? {} : { data: storedData }),
    });
  }
}
