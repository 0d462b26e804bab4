/**
 * What a handler receives: one context object, typed by what was registered — the pattern's
 * variables for a command, the work type for a button, the action kind for a consumer.
 */
import type { Action, FormAction, MessageAction } from "../actions/actions.ts";
import type { Addressable, Chat, User } from "../addressables/addressables.ts";
import type { Message } from "../content/content.ts";
import type { HandlerResult } from "../responses/to-responses.ts";
import type { Conversations } from "./conversations.ts";
import type { History } from "./history.ts";
import type { Logger } from "./logger.ts";

export interface BaseContext<S = {}, A extends Action = Action> {
  readonly action: A;
  /** Who acted. */
  readonly user: User;
  /** The bot itself on this platform (e.g. to tell "the bot was added to a room" from "someone joined"). */
  readonly self: User;
  /** The room, or `undefined` in a 1:1. */
  readonly chat: Chat | undefined;
  /** Where the action happened and replies go: the chat, or the user in a 1:1. */
  readonly addressable: Addressable;
  readonly history: History;
  readonly conversations: Conversations;
  /** The author's own services, as passed to `createBot({ services })`. */
  readonly services: S;
  readonly log: Logger;
  /** Send now (before the handler returns), to where the action came from. */
  reply(result: HandlerResult): Promise<void>;
  /** Send now to any user or chat. */
  send(to: Addressable, result: HandlerResult): Promise<void>;
}

export interface CommandContext<V = Record<string, unknown>, S = {}> extends BaseContext<S, MessageAction> {
  /** The pattern's variables, typed from the pattern string. */
  readonly vars: V;
  /** The message as sent (the bot's leading mention removed). */
  readonly message: Message;
}

export interface ButtonContext<T = unknown, S = {}> extends BaseContext<S, FormAction> {
  /** The pressed button's id. */
  readonly buttonId: string;
  /**
   * The form's data, validated: the submitted values of an edit form, or the work object a
   * view-mode form was made from.
   */
  readonly form: T;
  /** The work object the form was made from, when the adapter could decode it. */
  readonly work: T | undefined;
}

export type EventContext<A extends Action = Action, S = {}> = BaseContext<S, A>;
