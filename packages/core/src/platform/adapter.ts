/**
 * The platform seam. An adapter (the test kit's in-memory platform, @sprig/symphony, …) maps
 * platform events to actions and feeds them to `bot.handle(action)`; the bot hands back
 * complete responses to render and deliver, and reads the platform's history and directory
 * through the two interfaces the adapter provides.
 */
import type { User } from "../addressables/addressables.ts";
import type { Conversations } from "../context/conversations.ts";
import type { HistoryStore } from "../context/history.ts";
import type { Response } from "../responses/responses.ts";

export interface PlatformAdapter {
  /** The platform name carried by its users and chats ("symphony", "teams", "test"). */
  readonly platform: string;
  /** The bot's own user on this platform: a leading mention of it addresses the bot. */
  readonly botUser: User;
  readonly history: HistoryStore;
  readonly conversations: Conversations;
  /** Render and deliver one response. Resolves when the platform accepted it. */
  send(response: Response): Promise<void>;
}
