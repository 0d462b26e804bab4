/**
 * The EntityJSON sent with a work message. Spring Bot's keys, so its templates carry over:
 *   form     the work object, `bot.works.encode(value)` ({type, version, …fields})
 *   header   {tags} shown as hashtags (history finds the message by them); `draft: true` for drafts;
 *            `mode` (view | edit): table controls are offered only in edit mode
 *   buttons  {contents: [{name, text, buttonType: "ACTION", class}]}
 *   errors   {contents: {"dotted.path": message}} ("" = the whole form)
 *   options  {contents: {"dotted.path": [{value, label}]}} dropdown options (they come from data)
 *   newRow   {table, index, contents} the row being added (not in `form` yet): the row schema's
 *            defaults, which its inputs show
 *   formData {contents} the run-time data the handler gave the form (`FormOptions.data`), so the
 *            form rebuilt after a table button or a failed validation has it too
 *   display  {contents: {"dotted.path": text}} how a date-time reads for a person ("Tue, 3 Mar
 *            2026, 15:00 (Europe/Paris)", core's `formatDateTime` in the response's zone); the
 *            value itself stays an ISO timestamp in `form`
 */
import type { ButtonView, FormModel, WorkRegistry, WorkResponse } from "@sprig/core";
import { walkFields } from "@sprig/core";
import { representableText } from "@sprig/messageml";

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
    // `buttonType` as Spring Bot writes it, so its templates (`button.buttonType?lower_case`) carry over.
    contents: buttons.map((b) => ({
      name: b.id,
      text: b.text,
      buttonType: "ACTION",
      class: BUTTON_CLASS[b.style ?? "primary"],
    })),
  };
}

function dropdownOptions(model: FormModel): Record<string, unknown> {
  const contents: Record<string, unknown> = {};
  for (const node of walkFields(model.fields))
    if (node.kind === "dropdown")
      contents[node.path] = node.options.map((o) => ({ value: o.value, label: o.label }));
  return contents;
}

/** Date-times as people read them, by path; view mode shows these in place of the timestamp. */
function displayTexts(model: FormModel): Record<string, string> {
  const contents: Record<string, string> = {};
  for (const node of walkFields(model.fields))
    if (node.kind === "date-time" && node.text !== "") contents[node.path] = node.text;
  return contents;
}

/** A draft is not a valid object of its type, so it cannot be encoded; it is shown, never stored. */
function draftData(response: WorkResponse): Record<string, unknown> {
  const fields = JSON.parse(JSON.stringify(response.value ?? {})) as Record<string, unknown>;
  return { ...fields, type: response.workType.typeName, version: response.workType.version };
}

/**
 * Strings as XML can carry them: the agent refuses a whole message holding a C0 control character
 * once the template has put the value in, so such characters (and lone surrogates) become U+FFFD,
 * as the builder does for text. The stored object then says what the reader saw.
 */
function representable(value: unknown): unknown {
  if (typeof value === "string") return representableText(value);
  if (Array.isArray(value)) return value.map(representable);
  // fromEntries defines own properties, so even a "__proto__" key stays data.
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [representableText(k), representable(v)]),
    );
  return value;
}

export function workData(
  works: WorkRegistry,
  response: WorkResponse,
  model: FormModel,
): Record<string, unknown> {
  return representable(rawWorkData(works, response, model)) as Record<string, unknown>;
}

function rawWorkData(works: WorkRegistry, response: WorkResponse, model: FormModel): Record<string, unknown> {
  const draft = response.draft === true;
  return {
    [WORK_DATA_KEY]: draft ? draftData(response) : works.encode(response.value),
    header: draft
      ? { type: "sprig.header", version: VERSION, tags: [], draft: true, mode: response.mode }
      : { type: "sprig.header", version: VERSION, tags: [...response.tags], mode: response.mode },
    buttons: buttonsData(response.buttons),
    errors: { type: "sprig.errors", version: VERSION, contents: { ...model.errors } },
    options: { type: "sprig.options", version: VERSION, contents: dropdownOptions(model) },
    display: { type: "sprig.display", version: VERSION, contents: displayTexts(model) },
    ...(model.newRow ? { newRow: newRowData(model.newRow) } : {}),
    ...(response.formData ? { formData: formDataOf(response.formData) } : {}),
  };
}

/** As JSON holds it: what cannot be written (functions, cycles) is left out rather than failing the send. */
function formDataOf(data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  let contents: unknown;
  try {
    contents = JSON.parse(JSON.stringify(data)) as unknown;
  } catch {
    contents = undefined;
  }
  return { type: "sprig.formData", version: VERSION, ...(contents === undefined ? {} : { contents }) };
}

/** As the stored object would hold it (JSON: dates as ISO strings); a row with no defaults has no contents. */
function newRowData(row: NonNullable<FormModel["newRow"]>): Record<string, unknown> {
  const contents = row.value === undefined ? undefined : (JSON.parse(JSON.stringify(row.value)) as unknown);
  return {
    type: "sprig.newRow",
    version: VERSION,
    table: row.table,
    index: row.index,
    ...(contents === undefined ? {} : { contents }),
  };
}
