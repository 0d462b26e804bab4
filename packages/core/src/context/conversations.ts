/**
 * Conversations: who and where, as the platform knows it. Each adapter implements this
 * (the test kit in memory, Symphony over its REST API).
 */
import type { Chat, User } from "../addressables/addressables.ts";

export interface Conversations {
  /** The chats the bot is a member of (rooms and group chats; no 1:1s, see `ims`). */
  chats(): Promise<readonly Chat[]>;
  /**
   * The people the bot has a 1:1 with, as the platform knows them. A 1:1 is addressed by its
   * person, so each is a User: its history is `historyOver(…, user)`.
   */
  ims(): Promise<readonly User[]>;
  chatById(id: string): Promise<Chat | undefined>;
  chatByName(name: string): Promise<Chat | undefined>;
  members(chat: Chat): Promise<readonly User[]>;
  admins(chat: Chat): Promise<readonly User[]>;
  userById(id: string): Promise<User | undefined>;
  /**
   * The chat with this name, created if there is none; every one of `members` not in it yet is
   * added. Idempotent: asking again with the same members changes nothing.
   */
  ensureChat(name: string, members: readonly User[], options?: { description?: string }): Promise<Chat>;
}
