/**
 * The platform seam. An adapter (the test kit's in-memory platform, @sprig/symphony, …) maps
 * platform events to actions and feeds them to `bot.handle(action)`; the bot hands back
 * complete responses to render and deliver, and reads the platform's history and directory
 * through the two interfaces the adapter provides.
 *
 * What an adapter does, in order:
 *   1. `bot.attach(adapter)` once; then for each platform event build one Action — the platform's
 *      event id and time, the acting user, the addressable (the Chat, or the user in a 1:1) —
 *      and `await bot.handle(action)`. Acknowledge the platform's batch only when every
 *      `handle` of it has resolved (they resolve after all responses were sent).
 *   2. A button press is a FormAction: `formId` is what the bot rendered as the form's id,
 *      `buttonId` the pressed button, `values` the submitted fields by dotted name WITHOUT the
 *      button itself, and `work` = `bot.works.decode(data)` of the work object stored in the
 *      bot's own message (undefined if it cannot be read: the engine then refuses clearly).
 *   3. `send(response)`: a WorkResponse renders `response.form ?? response.workType.form(mode,
 *      value, errors)` with `response.buttons`, under the form id `response.workType.typeName`,
 *      and stores `bot.works.encode(value)` with it (plus `response.tags` for history) — unless
 *      `response.draft`, which is shown but never stored. A MessageResponse with buttons is a
 *      form too, with id `response.formId`. An ErrorResponse shows `message` as plain text.
 *   4. `history.find` returns stored work objects, newest first, with paging; `conversations`
 *      answers directory questions. User text and names are data: never let them become markup.
 */
import type { MessageAction, MessageAttachment } from "../actions/actions.ts";
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
  /** The bytes of a file sent with a message (`action.attachments`), where the platform can fetch them. */
  download?(action: MessageAction, attachment: MessageAttachment): Promise<Uint8Array>;
}
