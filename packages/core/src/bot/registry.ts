/** Everything a bot author registered, as the routing steps read it. */
import type { AddressingRule } from "../routing/addressing.ts";
import type { ButtonRegistry } from "../routing/buttons.ts";
import type { CommandRegistry } from "../routing/commands.ts";
import type { WorkRegistry } from "../work/index.ts";
import type { ButtonHandler, CommandHandler, ConsumerKind, EventHandler } from "./handlers.ts";

export interface Registry<S> {
  readonly commands: CommandRegistry<CommandHandler<Record<string, unknown>, S>>;
  readonly buttons: ButtonRegistry<ButtonHandler<unknown, S>>;
  readonly consumers: { readonly kind: ConsumerKind; readonly handler: EventHandler<never, S> }[];
  readonly works: WorkRegistry;
  readonly addressing: AddressingRule;
  fallback: CommandHandler<{}, S>;
}
