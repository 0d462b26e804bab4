/**
 * The generated help page: the commands this user may run here, in the author's order, with
 * descriptions, and a button for each command that needs no variables (pressing it runs it).
 */
import type { AccessRequest } from "../access/restrictions.ts";
import { checkAccess } from "../access/restrictions.ts";
import type { Content } from "../content/content.ts";
import { heading, message, paragraph, table, word } from "../content/content.ts";
import type { MessageReply } from "../responses/replies.ts";
import { reply } from "../responses/replies.ts";
import type { ButtonView } from "../responses/responses.ts";
import type { CommandEntry } from "../routing/commands.ts";

/** The form id of help-page buttons; a press re-runs the command named by the button. */
export const HELP_FORM_ID = "sprig.help";
const RUN_PREFIX = "run:";

/** The command word a help button runs, or `undefined` if the id is not a help button. */
export function commandOfHelpButton(buttonId: string): string | undefined {
  return buttonId.startsWith(RUN_PREFIX) ? buttonId.slice(RUN_PREFIX.length) : undefined;
}

/** The commands a user may run here, in help order. */
export async function visibleCommands(
  commands: readonly CommandEntry[],
  request: AccessRequest,
): Promise<CommandEntry[]> {
  const listed = commands.filter((c) => !c.options.hidden);
  const allowed = await Promise.all(listed.map((c) => checkAccess(c.options, request)));
  return listed
    .filter((_, i) => allowed[i]!.allowed)
    .sort((a, b) => helpOrder(a) - helpOrder(b) || a.index - b.index);
}

/** Commands with an order come first, by order; the rest follow in registration order. */
export const UNORDERED = 1_000_000;

function helpOrder(command: CommandEntry): number {
  return command.options.order ?? UNORDERED;
}

function usage(command: CommandEntry): Content {
  const text = `/${command.pattern.source.replace(/^\//, "")}`;
  return paragraph(...text.split(/\s+/).map(word));
}

export function helpPage(commands: readonly CommandEntry[]): MessageReply {
  const rows = commands.map((c) => [usage(c), c.options.description ?? ""]);
  const buttons: ButtonView[] = commands
    .filter((c) => c.pattern.variables.length === 0)
    .map((c) => ({
      id: `${RUN_PREFIX}${c.pattern.source.replace(/^\//, "")}`,
      text: `/${c.pattern.source.replace(/^\//, "")}`,
    }));
  const body =
    commands.length === 0
      ? message(heading(3, "Commands"), "There are no commands you can run here.")
      : message(heading(3, "Commands"), table(rows, ["Command", "Description"]));
  return { ...reply(body), buttons, formId: HELP_FORM_ID };
}
