/**
 * Routing a button press: which form (a registered work type, or the help page) → which of
 * its buttons → allowed here? → the submitted values validated → run the handler. Every way
 * this can go wrong ends in a clear message to the user and no handler call.
 */
import { checkAccess } from "../access/restrictions.ts";
import type { FormAction, MessageAction } from "../actions/actions.ts";
import { message, words } from "../content/content.ts";
import { ErrorCode, UserError } from "../errors/errors.ts";
import { commandOfHelpButton, HELP_FORM_ID } from "../help/help.ts";
import { workResponse } from "../responses/to-responses.ts";
import type { Button } from "../routing/buttons.ts";
import type { WorkType } from "../work/index.ts";
import { ActionScope } from "./action-scope.ts";
import type { ButtonHandler, HandleStatus } from "./handlers.ts";
import type { Registry } from "./registry.ts";
import { runCommandFor } from "./route-message.ts";

export async function routeForm<S>(
  registry: Registry<S>,
  scope: ActionScope<S>,
  action: FormAction,
): Promise<HandleStatus> {
  if (action.formId === HELP_FORM_ID) return runHelpButton(registry, scope, action);
  const workType = registry.works.get(action.formId);
  if (!workType) {
    return refuse(
      scope,
      ErrorCode.UnknownForm,
      `This form ("${action.formId}") is not one this bot knows. It may come from an older version of the bot; ` +
        "ask for a fresh one.",
    );
  }
  const button = registry.buttons.get(workType.typeName, action.buttonId);
  if (!button) return refuseButton(registry, scope, workType, action.buttonId);
  const decision = await checkAccess(button.options, scope.access);
  if (!decision.allowed) {
    return refuse(
      scope,
      ErrorCode.Forbidden,
      `You can't use "${button.options.text}" here: it is ${decision.reason}.`,
    );
  }
  return runButton(scope, action, workType, button as Button<ButtonHandler<unknown, S>>);
}

async function runButton<S>(
  scope: ActionScope<S>,
  action: FormAction,
  workType: WorkType<unknown>,
  button: Button<ButtonHandler<unknown, S>>,
): Promise<HandleStatus> {
  const work = action.work !== undefined && workType.is(action.work) ? action.work : undefined;
  let form: unknown = work;
  if (Object.keys(action.values).length > 0) {
    const validation = await workType.fromFormValues(action.values);
    if (!validation.ok) {
      // Send the form back with the errors and one way on: the same button, as "Retry".
      const response = workResponse(workType, work ?? {}, "edit", action.addressable, {
        errors: validation.errors,
      });
      await scope.send({
        ...response,
        buttons: [{ id: button.id, text: "Retry" }],
        submitted: action.values,
        draft: work === undefined,
      });
      return "invalid";
    }
    form = validation.value;
  }
  if (form === undefined) {
    return refuse(
      scope,
      ErrorCode.InvalidForm,
      `This "${button.options.text}" button's form carries no data sprig can read; ask for a fresh one.`,
    );
  }
  const result = await button.handler(scope.context({ buttonId: button.id, form, work }));
  await scope.deliver(result);
  return "button";
}

function refuseButton<S>(
  registry: Registry<S>,
  scope: ActionScope<S>,
  workType: WorkType<unknown>,
  buttonId: string,
): Promise<HandleStatus> {
  const owners = registry.buttons.typesWithButton(buttonId);
  if (owners.length > 0) {
    return refuse(
      scope,
      ErrorCode.ButtonWrongWorkType,
      `The button "${buttonId}" belongs to ${owners.map((o) => `"${o}"`).join(", ")}, not to "${workType.typeName}"; ` +
        "nothing was done.",
    );
  }
  return refuse(
    scope,
    ErrorCode.UnknownButton,
    `"${workType.typeName}" has no button "${buttonId}"; nothing was done. Ask for a fresh form.`,
  );
}

async function runHelpButton<S>(
  registry: Registry<S>,
  scope: ActionScope<S>,
  action: FormAction,
): Promise<HandleStatus> {
  const command = commandOfHelpButton(action.buttonId);
  if (command === undefined) {
    return refuse(scope, ErrorCode.UnknownButton, `The help page has no button "${action.buttonId}".`);
  }
  // Re-run the command as if the user had typed it: same user, same place, same checks.
  const typed: MessageAction = {
    kind: "message",
    eventId: action.eventId,
    time: action.time,
    user: action.user,
    addressable: action.addressable,
    message: message(...words(`/${command}`)),
  };
  const inner = new ActionScope(scope.runtime, typed);
  try {
    return await runCommandFor(registry, inner, typed.message);
  } finally {
    scope.sent += inner.sent;
  }
}

async function refuse<S>(scope: ActionScope<S>, code: string, text: string): Promise<HandleStatus> {
  await scope.sendError(new UserError(text, { code }));
  return "refused";
}
