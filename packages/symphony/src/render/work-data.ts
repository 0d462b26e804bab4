/**
 * The EntityJSON sent with a work message. Spring Bot's keys, so its templates carry over:
 *   form     the work object, `bot.works.encode(value)` ({type, version, …fields})
 *   header   {tags} shown as hashtags (history finds the message by them); `draft: true` for drafts
 *   buttons  {contents: [{name, text, class}]}
 *   errors   {contents: {"dotted.path": message}} ("" = the whole form)
 *   options  {contents: {"dotted.path": [{value, label}]}} dropdown options (they come from data)
 */
import type { ButtonView, FormModel, WorkRegistry, WorkResponse } from "@sprig/core";
import { walkFields } from "@sprig/core";

export const WORK_DATA_KEY = "form";
const VERSION = "1.0";

const BUTTON_CLASS: Readonly<Record<NonNullable<ButtonView["style"]>, string>> = {
  primary: "primary",
  secondary: "secondary",
  danger: "destructive",
};

export function buttonsData(buttons: readonly ButtonView[]): Record<string, unknown> {
  return {
    type: "sprig.buttons",
    version: VERSION,
    contents: buttons.map((b) => ({ name: b.id, text: b.text, class: BUTTON_CLASS[b.style ?? "primary"] })),
  };
}

function dropdownOptions(model: FormModel): Record<string, unknown> {
  const contents: Record<string, unknown> = {};
  for (const node of walkFields(model.fields))
    if (node.kind === "dropdown")
      contents[node.path] = node.options.map((o) => ({ value: o.value, label: o.label }));
  return contents;
}

/** A draft is not a valid object of its type, so it cannot be encoded; it is shown, never stored. */
function draftData(response: WorkResponse): Record<string, unknown> {
  const fields = JSON.parse(JSON.stringify(response.value ?? {})) as Record<string, unknown>;
  return { ...fields, type: response.workType.typeName, version: response.workType.version };
}

export function workData(
  works: WorkRegistry,
  response: WorkResponse,
  model: FormModel,
): Record<string, unknown> {
  const draft = response.draft === true;
  return {
    [WORK_DATA_KEY]: draft ? draftData(response) : works.encode(response.value),
    header: draft
      ? { type: "sprig.header", version: VERSION, tags: [], draft: true }
      : { type: "sprig.header", version: VERSION, tags: [...response.tags] },
    buttons: buttonsData(response.buttons),
    errors: { type: "sprig.errors", version: VERSION, contents: { ...model.errors } },
    options: { type: "sprig.options", version: VERSION, contents: dropdownOptions(model) },
  };
}
