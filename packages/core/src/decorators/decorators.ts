/**
 * Standard (TC39) method decorators — sugar over `bot.command`, `bot.button` and `bot.on`.
 * No `experimentalDecorators`, no `reflect-metadata`: each decorator records what it was given
 * against the method; `bot.controller(instance)` reads the records and registers bound methods.
 * The decorator's type checks the method's context parameter against the pattern or work type.
 */

import type { ActionOf, Awaitable, ConsumerKind } from "../bot/handlers.ts";
import type { WorkTypeRef } from "../bot/work-type-ref.ts";
import type { ButtonContext, CommandContext, EventContext } from "../context/context.ts";
import type { HandlerResult } from "../responses/to-responses.ts";
import type { ButtonOptions } from "../routing/buttons.ts";
import type { CommandOptions } from "../routing/commands.ts";
import type { Vars } from "../routing/pattern-types.ts";

export type ControllerRegistration =
  | { readonly type: "command"; readonly pattern: string; readonly options: CommandOptions }
  | {
      readonly type: "button";
      readonly workType: WorkTypeRef;
      readonly id: string;
      readonly options: ButtonOptions;
    }
  | { readonly type: "on"; readonly kind: ConsumerKind };

const registrations = new WeakMap<Function, ControllerRegistration[]>();

/** What was recorded for a method (empty for undecorated methods). */
export function registrationsOf(method: Function): readonly ControllerRegistration[] {
  return registrations.get(method) ?? [];
}

function record(
  method: Function,
  registration: ControllerRegistration,
  context: ClassMethodDecoratorContext,
) {
  if (context.static || context.private) {
    throw new TypeError(
      `@${registration.type} can only decorate public instance methods; "${String(context.name)}" is not one.`,
    );
  }
  registrations.set(method, [...registrationsOf(method), registration]);
}

type Method<C> = (this: unknown, context: C) => Awaitable<HandlerResult>;

/** `@command("delete {items:number...}", { description })` on a method taking a CommandContext. */
export function command<P extends string, S = {}>(pattern: P, options: CommandOptions = {}) {
  return (method: Method<CommandContext<Vars<P>, S>>, context: ClassMethodDecoratorContext): void => {
    record(method, { type: "command", pattern, options }, context);
  };
}

/** `@button(TodoList, "add-item", { text: "Add" })` on a method taking a ButtonContext. */
export function button<T, S = {}>(workType: WorkTypeRef<T>, id: string, options: ButtonOptions) {
  return (method: Method<ButtonContext<T, S>>, context: ClassMethodDecoratorContext): void => {
    record(method, { type: "button", workType: workType as WorkTypeRef, id, options }, context);
  };
}

/** `@on("member")` on a method taking an EventContext. */
export function on<K extends ConsumerKind, S = {}>(kind: K) {
  return (method: Method<EventContext<ActionOf<K>, S>>, context: ClassMethodDecoratorContext): void => {
    record(method, { type: "on", kind }, context);
  };
}
