/**
 * A bot end to end for the adapter's e2e tests: `emulatorChat` from @sprig/testing/emulator, with
 * the "Team" room (alice and bob, alice owns it) every e2e scenario here starts with.
 */
import type { Bot } from "@sprig/core";
import { type EmulatorChat, type EmulatorChatOptions, emulatorChat } from "@sprig/testing/emulator";

export type E2eChat = EmulatorChat;

export const TEAM = { name: "Team", members: ["alice", "bob"], owners: ["alice"] } as const;

// biome-ignore lint/suspicious/noExplicitAny: any bot, whatever its services.
export function startE2eChat(bot: Bot<any>, options: EmulatorChatOptions = {}): Promise<E2eChat> {
  return emulatorChat(bot, { rooms: [TEAM], ...options });
}
