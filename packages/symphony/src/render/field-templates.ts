/**
 * One form field → FreeMarker MessageML, for view and edit. Values are always read from `data`
 * (`entity.form…`) and escaped when expanded; only the author's labels, option labels and ids are
 * written into the template, escaped for their place.
 */
import type { ChoiceField, DropdownField, FieldNode, FormMode, ObjectField, TextField } from "@sprig/core";
import type { FieldTemplateContext } from "./field-renderers.ts";
import { type FieldTemplateOptions, locate, type Scope } from "./field-scope.ts";
import {
  authorText,
  equalsText,
  ftlString,
  isTrue,
  isType,
  listHolds,
  type NamePart,
  nameAttribute,
  nameExpression,
  numberForReading,
  scalarText,
  yesNo,
} from "./ftl-expressions.ts";
import { tableTemplate } from "./table-template.ts";

/** A variable no template defines: every value read through it is missing. */
const NOTHING = "sprigNothing";

function attrs(pairs: Record<string, string | number | undefined>): string {
  let out = "";
  for (const [key, value] of Object.entries(pairs)) {
    if (value === undefined) continue;
    out += ` ${key}="${typeof value === "string" ? authorText(value) : String(value)}"`;
  }
  return out;
}

/** The field's error, red, above it; looked up by the input's name in `entity.errors.contents`. */
export function errorTemplate(name: readonly NamePart[]): string {
  const lookup = `entity.errors.contents[${nameExpression(name)}]`;
  return `<#if ${isType(lookup, "string")}><p><span class="tempo-text-color--red">\${(${lookup})?html}</span></p></#if>`;
}

function selected(node: ChoiceField | DropdownField, chain: string, option: string): string {
  return node.multiple ? listHolds(chain, option) : equalsText(chain, option);
}

// ---------------------------------------------------------------- view

function choiceView(node: ChoiceField, chain: string): string {
  return node.options
    .map((o) => `<#if ${selected(node, chain, ftlString(o.value))}>${authorText(o.label)} </#if>`)
    .join("");
}

/**
 * A date-time as a person reads it, from `entity.display.contents[path]` (the bot formatted it in
 * the reader's zone); the stored timestamp when there is none (a message from before, a custom data).
 */
function dateTimeView(chain: string, name: readonly NamePart[]): string {
  const display = `entity.display.contents[${nameExpression(name)}]`;
  return `<#if ${isType(display, "string")}>\${(${display})?html}<#else>${scalarText(chain)}</#if>`;
}

/** Dropdown options come from data, so they are read from `entity.options.contents[path]`. */
function dropdownOptions(name: readonly NamePart[]): string {
  return `(entity.options.contents[${nameExpression(name)}])![]`;
}

function dropdownView(node: DropdownField, chain: string, name: readonly NamePart[]): string {
  return `<#list ${dropdownOptions(name)} as o><#if ${selected(node, chain, "o.value")}>\${o.label?html} </#if></#list>`;
}

function mentionOf(user: string): string {
  return `<#if ${isType(user, "hash")} && ${isType(`(${user}).id`, "string")}><mention uid="\${((${user}).id)?html}" strict="false"/> </#if>`;
}

function chatNameOf(chat: string): string {
  return `<#if ${isType(chat, "hash")}><#if (${chat}).name??>${scalarText(`(${chat}).name`)}<#else>${scalarText(`(${chat}).id`)}</#if> </#if>`;
}

/** A single value or each value of a list, drawn by `one`. */
function oneOrEach(multiple: boolean, chain: string, loopVar: string, one: (v: string) => string): string {
  return multiple
    ? `<#if ${isType(chain, "sequence")}><#list ${chain} as ${loopVar}>${one(loopVar)}</#list></#if>`
    : one(chain);
}

/** The value of one field as readable, escaped text / mentions. */
export function viewValue(node: FieldNode, scope: Scope, options: FieldTemplateOptions): string {
  const { chain, name } = locate(scope, node);
  switch (node.kind) {
    case "text":
    case "date":
    case "time":
    case "timezone":
      return scalarText(chain);
    case "date-time":
      return dateTimeView(chain, name);
    case "number":
      return numberForReading(chain);
    case "boolean":
      return yesNo(chain);
    case "choice":
      return choiceView(node, chain);
    case "dropdown":
      return dropdownView(node, chain, name);
    case "user":
      return oneOrEach(node.multiple, chain, `u${scope.depth}`, mentionOf);
    case "chat":
      return oneOrEach(node.multiple, chain, `c${scope.depth}`, chatNameOf);
    case "object":
      return `<#if ${isType(chain, "hash")}>${objectView(node, scope, options)}</#if>`;
    case "table":
      return tableTemplate(node, scope, "view", options);
    case "custom": {
      const renderer = options.renderers[node.customKind];
      if (renderer) return renderer(node, customContext("view", node, chain, name));
      return scalarText(chain);
    }
  }
}

function objectView(node: ObjectField, scope: Scope, options: FieldTemplateOptions): string {
  return `<table>${node.fields.map((f) => viewRow(f, scope, options)).join("")}</table>`;
}

/** `<tr><td><b>Label</b></td><td>value</td></tr>` */
export function viewRow(node: FieldNode, scope: Scope, options: FieldTemplateOptions): string {
  return `<tr><td><b>${authorText(node.label)}</b></td><td>${viewValue(node, scope, options)}</td></tr>`;
}

function customContext(
  mode: FormMode,
  node: FieldNode,
  chain: string,
  name: readonly NamePart[],
): FieldTemplateContext {
  return {
    mode,
    value: chain,
    name: nameAttribute(name),
    label: authorText(node.label),
    text: scalarText(chain),
  };
}

// ---------------------------------------------------------------- edit

function common(node: FieldNode, name: readonly NamePart[]): string {
  return `name="${nameAttribute(name)}"${attrs({
    label: node.label,
    placeholder: node.placeholder,
    required: node.required ? "true" : undefined,
  })}`;
}

/** The most a `text-field` takes, as its initial value or `minlength` / `maxlength` (agent rule). */
const TEXT_FIELD_MAX = 128;

function textInput(node: TextField, chain: string, name: readonly NamePart[]): string {
  const limits = { min: node.minLength, max: node.maxLength };
  const multiline =
    node.multiline ||
    node.widget === "textarea" ||
    (limits.max ?? 0) > TEXT_FIELD_MAX ||
    (limits.min ?? 0) > TEXT_FIELD_MAX;
  if (multiline) return textBox("textarea", node, chain, name, limits);
  return oneLineOrLonger(chain, textBox("text-field", node, chain, name, limits), () =>
    textBox("textarea", node, chain, name, limits),
  );
}

/**
 * A text-field, unless the stored value is longer than a text-field's initial value may be (the
 * agent refuses the whole message): then a textarea, which takes 10,000, so the form still opens.
 */
function oneLineOrLonger(chain: string, oneLine: string, longer: () => string): string {
  return `<#if ${isType(chain, "string")} && (${chain})?length gt ${TEXT_FIELD_MAX}>${longer()}<#else>${oneLine}</#if>`;
}

/**
 * A text input holding the stored value. The schema's length limits become `minlength` /
 * `maxlength` only while the value keeps them: the agent refuses an initial value outside its
 * limits, and a form sent back after a failed validation holds exactly such a value (the error
 * above the field says what is wrong; the bot checks the limits again on submit).
 */
function textBox(
  tag: "text-field" | "textarea",
  node: FieldNode,
  chain: string,
  name: readonly NamePart[],
  limits: { readonly min?: number | undefined; readonly max?: number | undefined } = {},
): string {
  const limitAttrs = attrs({ minlength: limits.min, maxlength: limits.max });
  if (limitAttrs === "") return `<${tag} ${common(node, name)}>${scalarText(chain)}</${tag}>`;
  const length = `(${chain})?length`;
  const outside = [
    ...(limits.min === undefined ? [] : [`${length} lt ${limits.min}`]),
    ...(limits.max === undefined ? [] : [`${length} gt ${limits.max}`]),
  ].join(" || ");
  const keeps = `<#if !(${isType(chain, "string")} && (${chain})?has_content && (${outside}))>${limitAttrs}</#if>`;
  return `<${tag} ${common(node, name)}${keeps}>${scalarText(chain)}</${tag}>`;
}

function choiceInput(node: ChoiceField, chain: string, name: readonly NamePart[]): string {
  if (node.widget === "radio" && !node.multiple) {
    const radios = node.options
      .map(
        (o) =>
          `<radio name="${nameAttribute(name)}" value="${authorText(o.value)}"<#if ${selected(node, chain, ftlString(o.value))}> checked="true"</#if>>${authorText(o.label)}</radio>`,
      )
      .join("");
    return `<p><b>${authorText(node.label)}</b></p>${radios}`;
  }
  const options = node.options
    .map(
      (o) =>
        `<option value="${authorText(o.value)}"<#if ${selected(node, chain, ftlString(o.value))}> selected="true"</#if>>${authorText(o.label)}</option>`,
    )
    .join("");
  return `<select ${common(node, name)}${node.multiple ? ' multiple="true"' : ""}>${options}</select>`;
}

function dropdownInput(node: DropdownField, chain: string, name: readonly NamePart[]): string {
  const option = `<option value="\${o.value?html}"<#if ${selected(node, chain, "o.value")}> selected="true"</#if>>\${o.label?html}</option>`;
  const select = `<select ${common(node, name)}${node.multiple ? ' multiple="true"' : ""}><#list ${dropdownOptions(name)} as o>${option}</#list></select>`;
  // A select needs at least one option; an empty source says so instead.
  const none = `<p><b>${authorText(node.label)}</b>: nothing to choose from</p>`;
  return `<#if (${dropdownOptions(name)})?has_content>${select}<#else>${none}</#if>`;
}

/** A picker's `value` attribute only when there is a value (empty values fail the agent's checks). */
function pickerValue(chain: string): string {
  return `<#if ${isType(chain, "string")} && (${chain})?has_content> value="\${(${chain})?html}"</#if>`;
}

/**
 * `value="[id,…]"` of a person or room selector: ids of the stored users / chats, gathered first so
 * that an empty list writes no attribute. Room ids are JSON strings, user ids numbers.
 */
function selectorValue(multiple: boolean, chain: string, quoted: boolean): string {
  const gather = (v: string) =>
    `<#if ${isType(v, "hash")} && ${isType(`(${v}).id`, "string")}><#assign sprigIds = sprigIds + [(${v}).id]></#if>`;
  const each = multiple
    ? `<#if ${isType(chain, "sequence")}><#list ${chain} as sprigPick>${gather("sprigPick")}</#list></#if>`
    : gather(chain);
  const ids = quoted
    ? `<#list sprigIds as sprigId>&quot;\${sprigId?html}&quot;<#sep>,</#list>`
    : `\${sprigIds?join(",")?html}`;
  return `<#assign sprigIds = []>${each}<#if sprigIds?has_content> value="[${ids}]"</#if>`;
}

/** One input (with its error above it) for a field in edit mode. */
export function editField(node: FieldNode, scope: Scope, options: FieldTemplateOptions): string {
  const { chain, name } = locate(scope, node);
  return errorTemplate(name) + editInput(node, scope, chain, name, options);
}

function editInput(
  node: FieldNode,
  scope: Scope,
  chain: string,
  name: readonly NamePart[],
  options: FieldTemplateOptions,
): string {
  if (node.readOnly && node.kind !== "object" && node.kind !== "table")
    return `<p><b>${authorText(node.label)}</b>: ${viewValue(node, scope, options)}</p>`;
  switch (node.kind) {
    case "text":
      return textInput(node, chain, name);
    case "number":
    case "date-time":
      // Elements has no number input and no date-time picker: a text field keeps the value one input.
      return oneLineOrLonger(chain, textBox("text-field", node, chain, name), () =>
        textBox("textarea", node, chain, name),
      );
    case "boolean":
      return `<checkbox name="${nameAttribute(name)}" value="true"<#if ${isTrue(chain)}> checked="true"</#if>>${authorText(node.label)}</checkbox>`;
    case "choice":
      return choiceInput(node, chain, name);
    case "dropdown":
      return dropdownInput(node, chain, name);
    case "date":
      return `<date-picker ${common(node, name)}${attrs({ min: node.min, max: node.max })}${pickerValue(chain)}/>`;
    case "time":
      return `<time-picker ${common(node, name)}${pickerValue(chain)}/>`;
    case "timezone":
      // Without a value the picker would preselect the reader's own zone; `value=""` means none.
      return `<timezone-picker ${common(node, name)}<#if ${isType(chain, "string")}>${pickerValue(chain)}<#else> value=""</#if>/>`;
    case "user":
      return `<person-selector ${common(node, name)}${selectorValue(node.multiple, chain, false)}/>`;
    case "chat":
      return `<room-selector ${common(node, name)}${selectorValue(node.multiple, chain, true)}/>`;
    case "object": {
      // A draft may hold something else than an object here: then the fields are drawn empty.
      const fields = (objectChain: string) => {
        const inner: Scope = { ...scope, modelPrefix: node.path, chain: objectChain, name };
        return node.fields.map((f) => editField(f, inner, options)).join("");
      };
      return `<h4>${authorText(node.label)}</h4><#if ${isType(chain, "hash")}>${fields(chain)}<#else>${fields(NOTHING)}</#if>`;
    }
    case "table":
      return tableTemplate(node, scope, "edit", options);
    case "custom": {
      const renderer = options.renderers[node.customKind];
      if (renderer) return renderer(node, customContext("edit", node, chain, name));
      return oneLineOrLonger(chain, textBox("text-field", node, chain, name), () =>
        textBox("textarea", node, chain, name),
      );
    }
  }
}
