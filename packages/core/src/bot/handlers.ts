/** The shapes of handlers and of what `bot.handle` reports. */
import type { Action, ActionKind } from "../actions/actions.ts";
import type { ButtonContext, CommandContext, EventContext } from "../context/context.ts";
import type { HandlerResult } from "../responses/to-responses.ts";

export type Awaitable<T> = T | Promise<T>;

export type CommandHandler<V = Record<string, unknown>, S = {}> = (
  context: CommandContext<V, S>,
) => Awaitable<HandlerResult>;
export type ButtonHandler<T = unknown, S = {}> = (context: ButtonContext<T, S>) => Awaitable<HandlerResult>;
export type EventHandler<A extends Action = Action, S = {}> = (
  context: EventContext<A, S>,
) => Awaitable<HandlerResult>;

/** What a consumer subscribes to: one kind of action, or "action" for all. */
export type ConsumerKind = ActionKind | "action";
export type ActionOf<K extends ConsumerKind> = K extends "action" ? Action : Extract<Action, { kind: K }>;

export type HandleStatus =
  /** The event id was seen before: nothing ran. */
  | "duplicate"
  /**
   * Not addressed to the bot (consumers still ran), or nothing to do: also a command no one knows in
   * a room where the bot was not mentioned, and a message a consumer answered that no command matched.
   */
  | "ignored"
  | "command"
  | "button"
  /** Addressed, but no command matched. */
  | "fallback"
  /** Not allowed here, unknown button or form: a clear message was sent, no handler ran. */
  | "refused"
  /** The form did not validate: it was sent back with the errors, no handler ran. */
  | "invalid"
  /** A handler threw: an error message was sent. */
  | "failed";

export interface HandleOutcome {
  readonly status: HandleStatus;
  /** How many responses were sent for the action. */
  readonly sent: number;
}
