/**
 * Addressing: is this message for the bot? Default rule — in a 1:1 always; in a room only when
 * it starts with a mention of the bot (which is removed) or with a "/" command word. Unaddressed
 * room chatter never reaches commands or the fallback (consumers still see it).
 *
 * A "/" word in a room may be meant for any of the bots there, so only a bot spoken to by name
 * (`spokenTo`) answers one it does not know; the others stay quiet, as people expect in a room.
 */
import type { MessageAction } from "../actions/actions.ts";
import type { User } from "../addressables/addressables.ts";
import { sameAddressable } from "../addressables/addressables.ts";
import type { Content, Message } from "../content/content.ts";
import { isInline } from "../content/content.ts";
import { firstInline } from "../content/walk.ts";

/** Returns the message the bot should route (mention removed), or `undefined` if not addressed. */
export type AddressingRule = (action: MessageAction, botUser: User | undefined) => Message | undefined;

export const defaultAddressing: AddressingRule = (action, botUser) => {
  if (startsWithMentionOf(action.message, botUser)) return withoutFirstInline(action.message);
  if (action.addressable.kind === "user") return action.message;
  const first = firstInline(action.message);
  if (first?.kind === "word" && first.text.length > 1 && first.text.startsWith("/")) return action.message;
  return undefined;
};

/**
 * Is the bot spoken to in person: a 1:1, or a message starting with its mention? Only then does it
 * answer a message no command matched (the fallback) — whatever the addressing rule.
 */
export function spokenTo(action: MessageAction, botUser: User | undefined): boolean {
  return action.addressable.kind === "user" || startsWithMentionOf(action.message, botUser);
}

function startsWithMentionOf(message: Message, botUser: User | undefined): boolean {
  const first = firstInline(message);
  return first?.kind === "mention" && botUser !== undefined && sameAddressable(first.user, botUser);
}

/** The message without its first inline token (the bot's mention). */
export function withoutFirstInline(message: Message): Message {
  let removed = false;
  const strip = (nodes: readonly Content[]): readonly Content[] =>
    nodes.flatMap((node): Content[] => {
      if (removed) return [node];
      if (isInline(node)) {
        removed = true;
        return [];
      }
      if (node.kind === "paragraph" || node.kind === "heading") {
        return [Object.freeze({ ...node, children: Object.freeze(strip(node.children)) })];
      }
      return [node];
    });
  return Object.freeze({ kind: "message", children: Object.freeze(strip(message.children)) });
}
