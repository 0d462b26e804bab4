/**
 * A whole work message as a FreeMarker MessageML template, generated from the form model: header
 * tags (so history can find the message), the form-level error, the fields, the buttons. It reads
 * everything that varies from `data` (see work-data.ts), so the same template serves any value.
 */
import { type FormModel, walkFields } from "@sprig/core";
import type { FieldRenderers } from "./field-renderers.ts";
import { ROOT_SCOPE } from "./field-scope.ts";
import { editField, viewRow } from "./field-templates.ts";
import { authorText } from "./ftl-expressions.ts";
import { FORM_BOX_LIMIT } from "./table-template.ts";

export interface WorkTemplateOptions {
  readonly renderers?: FieldRenderers;
  /**
   * Wrap the body in `<form>`: true when there are buttons to press. Without it the template
   * decides from `data` (`entity.buttons.contents`), which is what printed templates use.
   */
  readonly form?: boolean;
}

/** The agent refuses a hashtag with white space (and the whole message with it): such tags are skipped. */
const HASHTAG_SAFE = `t?is_string && t?has_content && !t?contains(" ") && !t?contains("\\t") && !t?contains("\\n")`;

/** `<hash tag=…/>` for every header tag: searchable, and read from data (tags may name user things). */
const HEADER_TAGS = `<#list (entity.header.tags)![] as t><#if ${HASHTAG_SAFE}><hash tag="\${t?html}"/> </#if></#list>`;

const FORM_ERROR = `<#if (entity.errors.contents[""])??><p><span class="tempo-text-color--red">\${entity.errors.contents[""]?html}</span></p></#if>`;

/** The response's buttons, ids as-is in `name`. */
const BUTTONS = `<#list (entity.buttons.contents)![] as b><button name="\${b.name?html}" type="action" class="\${(b.class!"primary")?html}">\${b.text?html}</button></#list>`;

/** Checkboxes and radios the fields themselves draw in edit mode (booleans, radio choices). */
function fieldBoxes(model: FormModel): number {
  if (model.mode !== "edit") return 0;
  let count = 0;
  for (const node of walkFields(model.fields)) {
    if (node.readOnly) continue;
    if (node.kind === "boolean") count++;
    if (node.kind === "choice" && node.widget === "radio" && !node.multiple) count += node.options.length;
  }
  return count;
}

export function generateWorkTemplate(model: FormModel, options: WorkTemplateOptions = {}): string {
  const fieldOptions = {
    renderers: options.renderers ?? {},
    ...(model.editingRow ? { editingRow: model.editingRow } : {}),
    selectBoxLimit: Math.max(0, FORM_BOX_LIMIT - fieldBoxes(model)),
  };
  const body =
    model.mode === "view"
      ? `<table>${model.fields.map((f) => viewRow(f, ROOT_SCOPE, fieldOptions)).join("")}</table>`
      : model.fields.map((f) => editField(f, ROOT_SCOPE, fieldOptions)).join("");
  const inner = `${FORM_ERROR}${body}${BUTTONS}`;
  const formOpen = `<form id="${authorText(model.typeName)}">`;
  let wrapped: string;
  if (options.form === true || (options.form === undefined && model.mode === "edit"))
    wrapped = `${formOpen}${inner}</form>`;
  else if (options.form === false) wrapped = `${FORM_ERROR}${body}`;
  else
    wrapped = `<#if (entity.buttons.contents)?has_content>${formOpen}</#if>${inner}<#if (entity.buttons.contents)?has_content></form></#if>`;
  return `<messageML><#assign sprigSelectBoxes = 0><p>${HEADER_TAGS}</p>${wrapped}</messageML>`;
}
