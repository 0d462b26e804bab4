/**
 * A table field (an array) → FreeMarker MessageML. The rows come from data through `<#list>`, drawn
 * from one row of the model as a pattern, so the template does not depend on how many rows there
 * are. Edit mode adds core's table controls: a select box and an Edit button per row, Add and Delete
 * for the table, and the row open for editing as inputs with Done and Cancel.
 */
import {
  type FieldNode,
  ROW_SELECT_PREFIX,
  TABLE_BUTTON_PREFIX,
  TABLE_BUTTON_TEXT,
  type TableColumn,
  type TableField,
  type TableRow,
} from "@sprig/core";
import { type FieldTemplateOptions, locate, type Scope } from "./field-scope.ts";
import { editField, viewValue } from "./field-templates.ts";
import {
  appendIndex,
  appendName,
  authorText,
  ftlString,
  isType,
  type NamePart,
  nameAttribute,
  nameExpression,
} from "./ftl-expressions.ts";

/** The agent's limit of checkboxes and radios in one form. */
export const FORM_BOX_LIMIT = 50;

function button(name: string, text: string, cls: string): string {
  return `<button name="${name}" type="action" class="${cls}">${authorText(text)}</button>`;
}

/**
 * A stand-in cell for a table with no rows, from its column: enough to show any value of the
 * column's kind (choices and custom kinds show their stored value).
 */
function columnCell(column: TableColumn, path: string): FieldNode {
  const base = { key: column.key, path, label: column.label, required: false, readOnly: true, text: "" };
  switch (column.kind) {
    case "boolean":
      return { ...base, kind: "boolean", value: false };
    case "number":
      return { ...base, kind: "number", value: undefined, integer: false };
    case "user":
    case "chat":
      return { ...base, kind: column.kind, multiple: false, value: [] } as FieldNode;
    default:
      return { ...base, kind: "custom", customKind: "", value: undefined, props: {} };
  }
}

/** Cells of one row: the editing row's (edit) or the first row's cells as a pattern, else the columns. */
function rowPattern(
  node: TableField,
  mode: "view" | "edit",
): { row?: TableRow; cells: readonly FieldNode[] } {
  const row = mode === "edit" ? (node.rows.find((r) => r.editing) ?? node.rows[0]) : node.rows[0];
  if (row) return { row, cells: row.cells };
  const rowPath = `${node.path}.0`;
  const primitive = node.columns.length === 1 && !node.columns[0]?.key;
  return { cells: node.columns.map((c) => columnCell(c, primitive ? rowPath : `${rowPath}.${c.key}`)) };
}

/** Rows of objects must be objects in data (a draft may hold anything); rows of values are values. */
function rowGuard(cells: readonly FieldNode[], rowPath: string, rowVar: string): string {
  return cells.some((c) => c.path !== rowPath) ? `${rowVar}?is_hash` : "true";
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
  const guard = rowGuard(pattern.cells, patternRowPath, r);
  const rows = (row: string) =>
    `<#if ${isType(chain, "sequence")}><#list ${chain} as ${r}><#if ${guard}>${row}</#if></#list></#if>`;
  if (!editable) return `<table>${head}<tbody>${rows(`<tr>${viewCells}</tr>`)}</tbody></table>`;

  const rowId = `${tablePath}.\${${index}?c}`;
  const limit = options.selectBoxLimit ?? FORM_BOX_LIMIT;
  const counts = selectCounts(scope.depth);
  const select = `<td><#if sprigSelectBoxes < ${limit}><#assign sprigSelectBoxes = sprigSelectBoxes + 1><#assign ${counts.boxed} = ${counts.boxed} + 1><checkbox name="${ROW_SELECT_PREFIX}${rowId}" value="true"> </checkbox><#else><#assign ${counts.unboxed} = ${counts.unboxed} + 1></#if></td>`;
  const editButton = `<td>${button(`${TABLE_BUTTON_PREFIX}edit:${rowId}`, TABLE_BUTTON_TEXT.edit, "secondary")}</td>`;
  const editCells = pattern.cells.map((c) => `<td>${editField(c, rowScope, options)}</td>`).join("");
  const doneCancel = (row: string) =>
    `<td>${button(`${TABLE_BUTTON_PREFIX}done:${row}`, TABLE_BUTTON_TEXT.done, "primary")}${button(`${TABLE_BUTTON_PREFIX}cancel:${tablePath}`, TABLE_BUTTON_TEXT.cancel, "tertiary")}</td>`;
  const editing = options.editingRow;
  const isEditing = editing
    ? `${nameExpression(name)} == ${ftlString(editing.table)} && ${index} == ${editing.index}`
    : "false";
  const body =
    rows(
      `<#if ${isEditing}><tr><td></td>${editCells}${doneCancel(rowId)}</tr><#else><tr>${select}${viewCells}${editButton}</tr></#if>`,
    ) + newRowTemplate(node, scope, options, name, doneCancel);
  const controls = `<p>${button(`${TABLE_BUTTON_PREFIX}add:${tablePath}`, TABLE_BUTTON_TEXT.add, "secondary")}${button(`${TABLE_BUTTON_PREFIX}delete:${tablePath}`, TABLE_BUTTON_TEXT.delete, "destructive")}</p>`;
  const table = `<table>${head}<tbody>${body}</tbody></table>`;
  return `<h4>${authorText(node.label)}</h4>${counts.reset}${table}${selectLimitNote(counts)}${controls}`;
}

/** Where work-data.ts puts the row being added: the row schema's defaults. */
const NEW_ROW = "entity.newRow.contents";

/**
 * A row being added is not in the stored object yet (core appends it to the model only), so it is
 * drawn after the stored rows, its inputs filled from `entity.newRow` (the row schema's defaults).
 */
function newRowTemplate(
  node: TableField,
  scope: Scope,
  options: FieldTemplateOptions,
  name: readonly NamePart[],
  doneCancel: (row: string) => string,
): string {
  const editing = options.editingRow;
  const row = node.rows.find((r) => r.editing);
  if (!editing || !row || editing.table !== node.path) return "";
  const { chain } = locate(scope, node);
  const rowScope: Scope = {
    modelPrefix: row.path,
    chain: NEW_ROW,
    name: appendName(name, String(row.index)),
    depth: scope.depth + 1,
  };
  const cells = row.cells.map((c) => `<td>${editField(c, rowScope, options)}</td>`).join("");
  const stored = `<#if ${isType(chain, "sequence")}>\${${chain}?size?c}<#else>0</#if>`;
  return `<#assign sprigStoredRows>${stored}</#assign><#if sprigStoredRows == "${row.index}"><tr><td></td>${cells}${doneCancel(`${nameAttribute(name)}.${row.index}`)}</tr></#if>`;
}

interface SelectCounts {
  /** FreeMarker variables: rows of this table drawn with a select box, and without one. */
  readonly boxed: string;
  readonly unboxed: string;
  readonly reset: string;
}

/** Counted per table (by nesting depth) while the agent expands the rows: their number is only known there. */
function selectCounts(depth: number): SelectCounts {
  const boxed = `sprigBoxedRows${depth}`;
  const unboxed = `sprigUnboxedRows${depth}`;
  return { boxed, unboxed, reset: `<#assign ${boxed} = 0><#assign ${unboxed} = 0>` };
}

/**
 * The agent refuses a form with more than 50 checkboxes, so rows past what is left get no select
 * box. Say so under the table rather than leave the person wondering why the last rows cannot be
 * selected: deleting some rows frees boxes for the next ones, and every row keeps its Edit button.
 */
function selectLimitNote(counts: SelectCounts): string {
  const limit = `a form holds at most ${FORM_BOX_LIMIT} checkboxes`;
  const some = `Only the first \${${counts.boxed}?c} rows can be selected at once: ${limit}. Delete selected rows to select the next ones; every row can still be edited.`;
  const none = `Rows cannot be selected here: ${limit}, and the rest of this form uses them. Every row can still be edited.`;
  return `<#if ${counts.unboxed} gt 0><p><i><#if ${counts.boxed} gt 0>${some}<#else>${none}</#if></i></p></#if>`;
}
