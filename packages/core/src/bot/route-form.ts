/**
 * Routing a button press: which form (a registered work type, or the help page) → which of
 * its buttons → allowed here? → the submitted values validated → run the handler. Every way
 * this can go wrong ends in a clear message to the user and no handler call.
 */
import { checkAccess } from "../access/restrictions.ts";
import type { FormAction, MessageAction } from "../actions/actions.ts";
import { sameAddressable } from "../addressables/addressables.ts";
import { message, words } from "../content/content.ts";
import { ErrorCode, UserError } from "../errors/errors.ts";
import { applyTableAction, parseTableButtonId } from "../forms/index.ts";
import type { OfferedValues } from "../forms/offered-values.ts";
import { commandOfHelpButton, HELP_FORM_ID } from "../help/help.ts";
import { FORM_BASE_KEY, formOptionsOf, workResponse } from "../responses/to-responses.ts";
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
  if (action.formUnavailable !== undefined) {
    return refuse(
      scope,
      ErrorCode.FormUnavailable,
      `This form is no longer available: ${action.formUnavailable}. Nothing was done; ask for a fresh one.`,
    );
  }
  if (!wasOffered(action)) {
    return refuse(
      scope,
      ErrorCode.ButtonNotOffered,
      `The button "${action.buttonId.slice(0, 100)}" is not on this form; nothing was done. ` +
        "Use the buttons the form shows, or ask for a fresh one.",
    );
  }
  if (action.offered?.editable === false && Object.keys(action.values).length > 0) {
    return refuse(
      scope,
      ErrorCode.ButtonNotOffered,
      "This form has no fields to fill in, but the press carried values; nothing was done. Ask for a fresh form.",
    );
  }
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
  if (parseTableButtonId(action.buttonId)) return runTableButton(scope, action, workType);
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

/**
 * Whether the pressed control is one the form message showed: one of its buttons, or a table
 * control of an edit form. A press of a button the bot never offered there (a view form's
 * "save", a table's "delete" under a view) is forged, as are values sent from a form without
 * inputs. Unchecked when the adapter cannot tell.
 */
function wasOffered(action: FormAction): boolean {
  const { offered } = action;
  if (offered === undefined) return true;
  if (parseTableButtonId(action.buttonId)) return offered.editable;
  return offered.buttons.includes(action.buttonId);
}

async function runButton<S>(
  scope: ActionScope<S>,
  action: FormAction,
  workType: WorkType<unknown>,
  button: Button<ButtonHandler<unknown, S>>,
): Promise<HandleStatus> {
  const work = action.work !== undefined && workType.is(action.work) ? action.work : undefined;
  const { base: carried, ...formOptions } = formOptionsOf(action.formData);
  // Fields the form did not carry (hidden, read-only) keep the values of the object it came from:
  // its work object, or for a form sent back after a failed check, the one that form kept.
  const base = work ?? carried;
  let form: unknown = work;
  if (Object.keys(action.values).length > 0) {
    const validation = await workType.fromFormValues(action.values, {
      ...(base === undefined ? {} : { base }),
      platform: action.user.platform,
      offered: offeredValues(scope, action, workType, work),
    });
    if (!validation.ok) {
      // The same form again — its buttons (the chain puts them on, as the first time), its data and
      // time zone — with what the person entered (the rebuilt draft, when the values could be read
      // at all) and each error next to its field.
      const shown = validation.draft ?? work ?? {};
      const response = workResponse(workType, shown, "edit", action.addressable, {
        errors: validation.errors,
        ...formOptions,
      });
      const formData =
        base === undefined ? response.formData : { ...response.formData, [FORM_BASE_KEY]: base };
      await scope.send({
        ...response,
        ...(formData === undefined ? {} : { formData }),
        submitted: action.values,
        draft: !workType.is(shown),
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

/**
 * The built-in table buttons (add / edit / done / cancel / delete rows) of an edit form: applied
 * to the work object the form was made from, by path operations; the result is the edit form again.
 */
async function runTableButton<S>(
  scope: ActionScope<S>,
  action: FormAction,
  workType: WorkType<unknown>,
): Promise<HandleStatus> {
  const work = action.work !== undefined && workType.is(action.work) ? action.work : undefined;
  if (work === undefined) {
    return refuse(
      scope,
      ErrorCode.InvalidForm,
      "This table's form carries no data sprig can read; ask for a fresh one.",
    );
  }
  const data = formDataOf(action);
  const result = await applyTableAction(workType, work, action.buttonId, action.values, {
    platform: action.user.platform,
    offered: offeredValues(scope, action, workType, work),
    ...data,
  });
  if (result.kind === "refused")
    return refuse(scope, ErrorCode.TableAction, `${result.message} Nothing was done.`);
  const to = action.addressable;
  if (result.kind === "value") await scope.send(workResponse(workType, result.value, "edit", to, data));
  else
    await scope.send({
      ...workResponse(workType, work, "edit", to, { errors: result.form.errors, ...data }),
      form: result.form,
    });
  return "button";
}

/**
 * What the pressed form offered, for checking the submitted selections: the form built again from
 * the object and data the message carried; people from the platform's directory; rooms the
 * submitter is a member of.
 */
function offeredValues<S>(
  scope: ActionScope<S>,
  action: FormAction,
  workType: WorkType<unknown>,
  work: unknown,
): OfferedValues {
  const conversations = scope.adapter.conversations;
  const data = formDataOf(action);
  return {
    form: (editRow) => workType.form("edit", work ?? {}, {}, { ...data, ...(editRow ? { editRow } : {}) }),
    userExists: async (id) => (await conversations.userById(id)) !== undefined,
    chatVisible: async (id) => {
      const chat = await conversations.chatById(id);
      if (!chat) return false;
      const members = await conversations.members(chat);
      return members.some((m) => sameAddressable(m, action.user));
    },
  };
}

/** The run-time data and zone the pressed form was built with: the form sent back is built with them again. */
function formDataOf(action: FormAction): { data?: Readonly<Record<string, unknown>>; timeZone?: string } {
  const { base: _base, ...options } = formOptionsOf(action.formData);
  return options;
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
