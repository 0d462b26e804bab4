/**
 * Addressing: is this message for the bot? Default rule — in a 1:1 always; in a room only when
 * it starts with a mention of the bot (which is removed) or with a "/" command word. Unaddressed
 * room chatter never reaches commands or the fallback (consumers still see it).
 */
import type { MessageAction } from "../actions/actions.ts";
import type { User } from "../addressables/addressables.ts";
import { sameAddressable } from "../addressables/addressables.ts";
import type { Content, Message } from "../content/content.ts";
import { isInline } from "../content/content.ts";
import { inlineTokens } from "../content/walk.ts";

/** Returns the message the bot should route (mention removed), or `undefined` if not addressed. */
export type AddressingRule = (action: MessageAction, botUser: User | undefined) => Message | undefined;

export const defaultAddressing: AddressingRule = (action, botUser) => {
  const first = inlineTokens(action.message)[0];
  if (first?.kind === "mention" && botUser && sameAddressable(first.user, botUser)) {
    return withoutFirstInline(action.message);
  }
  if (action.addressable.kind === "user") return action.message;
  if (first?.kind === "word" && first.text.length > 1 && first.text.startsWith("/")) return action.message;
  return undefined;
};

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
