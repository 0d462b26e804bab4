/**
 * Routing a message: addressed? → the winning command → allowed here? → run it. Addressed
 * messages that match nothing go to the fallback.
 */
import { checkAccess } from "../access/restrictions.ts";
import type { MessageAction } from "../actions/actions.ts";
import type { Message } from "../content/content.ts";
import { inlineTokens } from "../content/walk.ts";
import { ErrorCode, UserError } from "../errors/errors.ts";
import type { CommandEntry } from "../routing/commands.ts";
import type { ActionScope } from "./action-scope.ts";
import type { CommandHandler, HandleStatus } from "./handlers.ts";
import type { Registry } from "./registry.ts";

export async function routeMessage<S>(
  registry: Registry<S>,
  scope: ActionScope<S>,
  action: MessageAction,
): Promise<HandleStatus> {
  const addressed = registry.addressing(action, scope.adapter.botUser);
  if (!addressed) return "ignored";
  return runCommandFor(registry, scope, addressed);
}

/** Route an addressed message (also used by help buttons, which re-run a command). */
export async function runCommandFor<S>(
  registry: Registry<S>,
  scope: ActionScope<S>,
  message: Message,
): Promise<HandleStatus> {
  const match = registry.commands.match(inlineTokens(message));
  if (!match) {
    const result = await registry.fallback(scope.context({ vars: {}, message }));
    await scope.deliver(result);
    return "fallback";
  }
  const decision = await checkAccess(match.command.options, scope.access);
  if (!decision.allowed) {
    await scope.sendError(
      new UserError(`You can't use /${commandWord(match.command)} here: it is ${decision.reason}.`, {
        code: ErrorCode.Forbidden,
      }),
    );
    return "refused";
  }
  const handler = match.command.handler as CommandHandler<Record<string, unknown>, S>;
  const result = await handler(scope.context({ vars: match.vars, message }));
  await scope.deliver(result);
  return "command";
}

function commandWord(command: CommandEntry): string {
  const first = command.pattern.elements[0];
  return first?.type === "literal" ? first.text : command.pattern.source;
}
