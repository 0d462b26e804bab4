/**
 * Routing a message: addressed? → the winning command → allowed here? → run it. Addressed
 * messages that match nothing go to the fallback — only when the bot is spoken to in person (a 1:1
 * or its mention: in a room a "/" word may be another bot's command) and no consumer answered the
 * message already (one reply per message, not an answer and a "don't know").
 */
import { checkAccess, isRestricted } from "../access/restrictions.ts";
import type { MessageAction } from "../actions/actions.ts";
import type { Message } from "../content/content.ts";
import { inlineTokens } from "../content/walk.ts";
import { ErrorCode, UserError } from "../errors/errors.ts";
import { spokenTo } from "../routing/addressing.ts";
import type { CommandEntry } from "../routing/commands.ts";
import type { ActionScope } from "./action-scope.ts";
import type { CommandHandler, HandleStatus } from "./handlers.ts";
import type { Registry } from "./registry.ts";

export function routeMessage<S>(
  registry: Registry<S>,
  scope: ActionScope<S>,
  action: MessageAction,
  answeredByConsumer: boolean,
): Promise<HandleStatus> {
  const botUser = scope.adapter.botUser;
  const addressed = registry.addressing(action, botUser);
  if (!addressed) return Promise.resolve("ignored");
  const fallback = spokenTo(action, botUser) && !answeredByConsumer;
  return runCommandFor(registry, scope, addressed, { fallback });
}

/** Route an addressed message (also used by help buttons, which re-run a command). */
export async function runCommandFor<S>(
  registry: Registry<S>,
  scope: ActionScope<S>,
  message: Message,
  { fallback = true }: { readonly fallback?: boolean } = {},
): Promise<HandleStatus> {
  const match = registry.commands.match(inlineTokens(message));
  if (!match) {
    if (!fallback) return "ignored";
    const result = await registry.fallback(scope.context({ vars: {}, message }));
    await scope.deliver(result);
    return "fallback";
  }
  const decision = isRestricted(match.command.options)
    ? await checkAccess(match.command.options, scope.access)
    : undefined;
  if (decision && !decision.allowed) {
    await scope.sendError(
      new UserError(`You can't use /${commandWord(match.command)} here: it is ${decision.reason}.`, {
        code: ErrorCode.Forbidden,
      }),
    );
    return "refused";
  }
  const handler = match.command.handler as CommandHandler<Record<string, unknown>, S>;
  const returned = handler(scope.context({ vars: match.vars, message }));
  await scope.deliver(returned instanceof Promise ? await returned : returned);
  return "command";
}

function commandWord(command: CommandEntry): string {
  const first = command.pattern.elements[0];
  return first?.type === "literal" ? first.text : command.pattern.source;
}
