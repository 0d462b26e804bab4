/**
 * One form field → FreeMarker MessageML, for view and edit. Values are always read from `data`
 * (`entity.form…`) and escaped when expanded; only the author's labels, option labels and ids are
 * written into the template, escaped for their place.
 */
import type {
  ChoiceField,
  DropdownField,
  FieldNode,
  FormMode,
  ObjectField,
  TableField,
  TableRow,
  TextField,
} from "@sprig/core";
import { ROW_SELECT_PREFIX, TABLE_BUTTON_PREFIX, TABLE_BUTTON_TEXT } from "@sprig/core";
import type { FieldRenderers, FieldTemplateContext } from "./field-renderers.ts";
import {
  appendIndex,
  appendName,
  authorText,
  ftlString,
  member,
  type NamePart,
  nameAttribute,
  nameExpression,
  numberForReading,
  numberOf,
  textOf,
} from "./ftl-expressions.ts";

/** Where a field's value lives: the model path prefix it stands under, its data chain, its input name. */
export interface Scope {
  readonly modelPrefix: string;
  readonly chain: string;
  readonly name: readonly NamePart[];
  readonly depth: number;
}

export interface FieldTemplateOptions {
  readonly renderers: FieldRenderers;
  /** The table row open for editing, if any (`editingRow` of the form model). */
  readonly editingRow?: { readonly table: string; readonly index: number };
}

export const ROOT_SCOPE: Scope = { modelPrefix: "", chain: "entity.form", name: [], depth: 0 };

function relativeSegments(scope: Scope, path: string): string[] {
  if (path === scope.modelPrefix) return [];
  const rel = scope.modelPrefix === "" ? path : path.slice(scope.modelPrefix.length + 1);
  return rel === "" ? [] : rel.split(".");
}

function locate(scope: Scope, node: FieldNode): { chain: string; name: NamePart[] } {
  let chain = scope.chain;
  let name = [...scope.name];
  for (const segment of relativeSegments(scope, node.path)) {
    chain = member(chain, segment);
    name = appendName(name, segment);
  }
  return { chain, name };
}

/** A value as a string for comparisons: numbers without grouping, strings as they are. */
function asText(chain: string): string {
  return `((${chain})!"")?is_number?then(((${chain})!0)?c, ((${chain})!"")?string)`;
}

function attrs(pairs: Record<string, string | number | boolean | undefined>): string {
  let out = "";
  for (const [key, value] of Object.entries(pairs)) {
    if (value === undefined || value === false) continue;
    out += ` ${key}="${typeof value === "string" ? authorText(value) : String(value)}"`;
  }
  return out;
}

/** The field's error, red, above it; looked up by the input's name in `entity.errors.contents`. */
export function errorTemplate(name: readonly NamePart[]): string {
  const lookup = `entity.errors.contents[${nameExpression(name)}]`;
  return `<#if (${lookup})??><p><span class="tempo-text-color--red">\${(${lookup})?html}</span></p></#if>`;
}

// ---------------------------------------------------------------- view

function choiceView(node: ChoiceField, chain: string): string {
  return node.options
    .map((o) =>
      node.multiple
        ? `<#if ((${chain})![])?seq_contains(${ftlString(o.value)})>${authorText(o.label)} </#if>`
        : `<#if ${asText(chain)} == ${ftlString(o.value)}>${authorText(o.label)}</#if>`,
    )
    .join("");
}

function dropdownView(node: DropdownField, chain: string, name: readonly NamePart[]): string {
  const options = `(entity.options.contents[${nameExpression(name)}])![]`;
  const selected = node.multiple ? `((${chain})![])?seq_contains(o.value)` : `${asText(chain)} == o.value`;
  return `<#list ${options} as o><#if ${selected}>\${o.label?html} </#if></#list>`;
}

function userView(node: { multiple: boolean }, chain: string, depth: number): string {
  const u = `u${depth}`;
  const one = (v: string) => `<mention uid="\${(${v}.id)?html}" strict="false"/>`;
  return node.multiple
    ? `<#list (${chain})![] as ${u}>${one(u)}<#sep> </#list>`
    : `<#if (${chain}.id)??>${one(`(${chain})`)}</#if>`;
}

function chatView(node: { multiple: boolean }, chain: string, depth: number): string {
  const c = `c${depth}`;
  const one = (v: string) => `\${((${v}.name)!(${v}.id)!"")?html}`;
  return node.multiple
    ? `<#list (${chain})![] as ${c}>${one(c)}<#sep>, </#list>`
    : `<#if (${chain})??>${one(`(${chain})`)}</#if>`;
}

/** The value of one field as readable, escaped text / mentions. */
export function viewValue(node: FieldNode, scope: Scope, options: FieldTemplateOptions): string {
  const { chain, name } = locate(scope, node);
  switch (node.kind) {
    case "text":
    case "date":
    case "time":
    case "date-time":
    case "timezone":
      return textOf(chain);
    case "number":
      return numberForReading(chain);
    case "boolean":
      return `\${((${chain})!false)?string("Yes", "No")}`;
    case "choice":
      return choiceView(node, chain);
    case "dropdown":
      return dropdownView(node, chain, name);
    case "user":
      return userView(node, chain, scope.depth);
    case "chat":
      return chatView(node, chain, scope.depth);
    case "object":
      return objectView(node, scope, options);
    case "table":
      return tableTemplate(node, scope, "view", options);
    case "custom": {
      const renderer = options.renderers[node.customKind];
      if (renderer) return renderer(node, customContext("view", node, chain, name));
      return `\${${asText(chain)}?html}`;
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
    text: `\${${asText(chain)}?html}`,
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

function textInput(node: TextField, chain: string, name: readonly NamePart[]): string {
  const limits = attrs({ minlength: node.minLength, maxlength: node.maxLength });
  const tag = node.multiline || node.widget === "textarea" ? "textarea" : "text-field";
  return `<${tag} ${common(node, name)}${limits}>${textOf(chain)}</${tag}>`;
}

function selectOptions(node: ChoiceField, chain: string): string {
  return node.options
    .map((o) => {
      const selected = node.multiple
        ? `((${chain})![])?seq_contains(${ftlString(o.value)})`
        : `${asText(chain)} == ${ftlString(o.value)}`;
      return `<option value="${authorText(o.value)}"<#if ${selected}> selected="true"</#if>>${authorText(o.label)}</option>`;
    })
    .join("");
}

function choiceInput(node: ChoiceField, chain: string, name: readonly NamePart[]): string {
  if (node.widget === "radio" && !node.multiple) {
    const radios = node.options
      .map(
        (o) =>
          `<radio name="${nameAttribute(name)}" value="${authorText(o.value)}"<#if ${asText(chain)} == ${ftlString(o.value)}> checked="true"</#if>>${authorText(o.label)}</radio>`,
      )
      .join("");
    return `<p><b>${authorText(node.label)}</b></p>${radios}`;
  }
  return `<select ${common(node, name)}${node.multiple ? ' multiple="true"' : ""}>${selectOptions(node, chain)}</select>`;
}

function dropdownInput(node: DropdownField, chain: string, name: readonly NamePart[]): string {
  const options = `(entity.options.contents[${nameExpression(name)}])![]`;
  const selected = node.multiple ? `((${chain})![])?seq_contains(o.value)` : `${asText(chain)} == o.value`;
  return `<select ${common(node, name)}${node.multiple ? ' multiple="true"' : ""}><#list ${options} as o><option value="\${o.value?html}"<#if ${selected}> selected="true"</#if>>\${o.label?html}</option></#list></select>`;
}

/** A picker's `value` attribute only when there is a value (empty values fail the agent's checks). */
function pickerValue(chain: string): string {
  return `<#if ((${chain})!"")?has_content> value="\${(${chain})?html}"</#if>`;
}

function userInput(
  node: { multiple: boolean } & FieldNode,
  chain: string,
  name: readonly NamePart[],
): string {
  const u = "p";
  const ids = node.multiple
    ? `<#list (${chain})![] as ${u}>\${(${u}.id)?html}<#sep>,</#list>`
    : `\${((${chain}).id)?html}`;
  const has = node.multiple ? `((${chain})![])?has_content` : `(${chain}.id)??`;
  return `<person-selector ${common(node, name)}<#if ${has}> value="[${ids}]"</#if>/>`;
}

function chatInput(
  node: { multiple: boolean } & FieldNode,
  chain: string,
  name: readonly NamePart[],
): string {
  const c = "q";
  const ids = node.multiple
    ? `<#list (${chain})![] as ${c}>&quot;\${(${c}.id)?html}&quot;<#sep>,</#list>`
    : `&quot;\${((${chain}).id)?html}&quot;`;
  const has = node.multiple ? `((${chain})![])?has_content` : `(${chain}.id)??`;
  return `<room-selector ${common(node, name)}<#if ${has}> value="[${ids}]"</#if>/>`;
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
      return `<text-field ${common(node, name)}>${numberOf(chain)}</text-field>`;
    case "boolean":
      return `<checkbox name="${nameAttribute(name)}" value="true"<#if (${chain})!false> checked="true"</#if>>${authorText(node.label)}</checkbox>`;
    case "choice":
      return choiceInput(node, chain, name);
    case "dropdown":
      return dropdownInput(node, chain, name);
    case "date":
      return `<date-picker ${common(node, name)}${attrs({ min: node.min, max: node.max })}${pickerValue(chain)}/>`;
    case "time":
      return `<time-picker ${common(node, name)}${pickerValue(chain)}/>`;
    case "timezone":
      return `<timezone-picker ${common(node, name)}${pickerValue(chain)}/>`;
    case "date-time":
      // Elements has no date-time picker: one text field keeps the value one input.
      return `<text-field ${common(node, name)}>${textOf(chain)}</text-field>`;
    case "user":
      return userInput(node, chain, name);
    case "chat":
      return chatInput(node, chain, name);
    case "object":
      return `<h4>${authorText(node.label)}</h4>${node.fields.map((f) => editField(f, scope, options)).join("")}`;
    case "table":
      return tableTemplate(node, scope, "edit", options);
    case "custom": {
      const renderer = options.renderers[node.customKind];
      if (renderer) return renderer(node, customContext("edit", node, chain, name));
      return `<text-field ${common(node, name)}>\${${asText(chain)}?html}</text-field>`;
    }
  }
}

// ---------------------------------------------------------------- tables

function button(name: string, text: string, cls: string): string {
  return `<button name="${name}" type="action" class="${cls}">${authorText(text)}</button>`;
}

/** Cells of one row: the first row's cells as a pattern (paths under the row), else the columns. */
function rowPattern(
  node: TableField,
  mode: "view" | "edit",
): { row?: TableRow; cells: readonly FieldNode[] } {
  const row = mode === "edit" ? (node.rows.find((r) => r.editing) ?? node.rows[0]) : node.rows[0];
  if (row) return { row, cells: row.cells };
  const rowPath = `${node.path}.0`;
  const cells = node.columns.map(
    (c): FieldNode => ({
      kind: "text",
      key: c.key,
      path: node.columns.length === 1 && c.key === "" ? rowPath : `${rowPath}.${c.key}`,
      label: c.label,
      required: false,
      readOnly: true,
      text: "",
      value: "",
      multiline: false,
    }),
  );
  return { cells };
}

export function tableTemplate(
  node: TableField,
  scope: Scope,
  mode: "view" | "edit",
  options: FieldTemplateOptions,
): string {
  const { chain, name } = locate(scope, node);
  const r = `r${scope.depth}`;
  const index = `${r}?index`;
  const pattern = rowPattern(node, mode);
  const patternRowPath = pattern.row?.path ?? `${node.path}.0`;
  const rowScope: Scope = {
    modelPrefix: patternRowPath,
    chain: r,
    name: appendIndex(name, `${index}?c`),
    depth: scope.depth + 1,
  };
  const editable = mode === "edit" && !node.readOnly;
  const head = `<thead><tr>${editable ? "<th>Select</th>" : ""}${node.columns
    .map((c) => `<th>${authorText(c.label)}</th>`)
    .join("")}${editable ? "<th></th>" : ""}</tr></thead>`;
  const viewCells = pattern.cells.map((c) => `<td>${viewValue(c, rowScope, options)}</td>`).join("");
  const tablePath = nameAttribute(name);
  const editing = options.editingRow;
  let body: string;
  if (!editable) {
    body = `<#list (${chain})![] as ${r}><tr>${viewCells}</tr></#list>`;
  } else {
    const select = `<td><checkbox name="${ROW_SELECT_PREFIX}${tablePath}.\${${index}?c}" value="true"> </checkbox></td>`;
    const editButton = `<td>${button(`${TABLE_BUTTON_PREFIX}edit:${tablePath}.\${${index}?c}`, TABLE_BUTTON_TEXT.edit, "secondary")}</td>`;
    const viewRowMarkup = `<tr>${select}${viewCells}${editButton}</tr>`;
    const editCells = pattern.cells.map((c) => `<td>${editField(c, rowScope, options)}</td>`).join("");
    const editRowMarkup = `<tr><td></td>${editCells}<td>${button(`${TABLE_BUTTON_PREFIX}done:${tablePath}.\${${index}?c}`, TABLE_BUTTON_TEXT.done, "primary")}${button(`${TABLE_BUTTON_PREFIX}cancel:${tablePath}`, TABLE_BUTTON_TEXT.cancel, "tertiary")}</td></tr>`;
    const isEditing = editing
      ? `${nameExpression(name)} == ${ftlString(editing.table)} && ${index} == ${editing.index}`
      : "false";
    body = `<#list (${chain})![] as ${r}><#if ${isEditing}>${editRowMarkup}<#else>${viewRowMarkup}</#if></#list>`;
    body += newRowTemplate(node, scope, options, name);
  }
  const buttons = editable
    ? `<p>${button(`${TABLE_BUTTON_PREFIX}add:${tablePath}`, TABLE_BUTTON_TEXT.add, "secondary")}${button(`${TABLE_BUTTON_PREFIX}delete:${tablePath}`, TABLE_BUTTON_TEXT.delete, "destructive")}</p>`
    : "";
  const label = mode === "edit" ? `<h4>${authorText(node.label)}</h4>` : "";
  return `${label}<table>${head}<tbody>${body}</tbody></table>${buttons}`;
}

/**
 * A row being added is not in the stored object yet (core appends it to the model only), so it is
 * drawn after the stored rows, reading its (empty) values from `entity.newRow`.
 */
function newRowTemplate(
  node: TableField,
  scope: Scope,
  options: FieldTemplateOptions,
  name: readonly NamePart[],
): string {
  const editing = options.editingRow;
  const row = node.rows.find((r) => r.editing);
  if (!editing || !row || editing.table !== node.path) return "";
  const { chain } = locate(scope, node);
  const rowScope: Scope = {
    modelPrefix: row.path,
    chain: "entity.newRow",
    name: appendName(name, String(row.index)),
    depth: scope.depth + 1,
  };
  const cells = row.cells.map((c) => `<td>${editField(c, rowScope, options)}</td>`).join("");
  const tablePath = nameAttribute(name);
  return `<#if ((${chain})![])?size == ${row.index}><tr><td></td>${cells}<td>${button(`${TABLE_BUTTON_PREFIX}done:${tablePath}.${row.index}`, TABLE_BUTTON_TEXT.done, "primary")}${button(`${TABLE_BUTTON_PREFIX}cancel:${tablePath}`, TABLE_BUTTON_TEXT.cancel, "tertiary")}</td></tr></#if>`;
}
