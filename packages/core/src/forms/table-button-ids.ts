/**
 * Stable ids of the built-in table buttons and row-select checkboxes. They are derived from the table's path
 * only (never from class or handler names), so a form posted last week still works after a refactor.
 *
 *   sprig-table:add:items        open a new row for editing
 *   sprig-table:edit:items.2     open row 2 for editing
 *   sprig-table:done:items.2     commit the row being edited (with the rest of the form)
 *   sprig-table:cancel:items     abandon the row being edited
 *   sprig-table:delete:items     delete the rows whose select checkbox is ticked
 *   sprig-select:items.2         the select checkbox of row 2 (any non-empty, non-"false" value = ticked)
 */
export type TableOperation = "add" | "edit" | "done" | "cancel" | "delete";

export interface TableButton {
  readonly operation: TableOperation;
  /** Path of the table, e.g. `items`. */
  readonly table: string;
  /** Row index, for `edit` and `done`. */
  readonly index?: number;
}

export const TABLE_BUTTON_PREFIX = "sprig-table:";
export const ROW_SELECT_PREFIX = "sprig-select:";

export function tableButtonId(operation: TableOperation, table: string, index?: number): string {
  return `${TABLE_BUTTON_PREFIX}${operation}:${index === undefined ? table : `${table}.${index}`}`;
}

export function rowSelectName(table: string, index: number): string {
  return `${ROW_SELECT_PREFIX}${table}.${index}`;
}

/** Is this field name a form control of sprig's (a row checkbox) rather than a data field? */
export function isFormControlName(name: string): boolean {
  return name.startsWith(ROW_SELECT_PREFIX) || name.startsWith(TABLE_BUTTON_PREFIX);
}

const OPERATIONS = new Set<string>(["add", "edit", "done", "cancel", "delete"]);
const PATH = /^[A-Za-z_$][\w$]*(\.(\d{1,6}|[A-Za-z_$][\w$]*))*$/;

/** Parses a button id; undefined if it is not a well-formed table button (then it is the author's button). */
export function parseTableButtonId(id: string): TableButton | undefined {
  if (!id.startsWith(TABLE_BUTTON_PREFIX) || id.length > 512) return undefined;
  const rest = id.slice(TABLE_BUTTON_PREFIX.length);
  const colon = rest.indexOf(":");
  if (colon < 0) return undefined;
  const operation = rest.slice(0, colon);
  const path = rest.slice(colon + 1);
  if (!OPERATIONS.has(operation) || !PATH.test(path)) return undefined;
  if (operation === "edit" || operation === "done") {
    const dot = path.lastIndexOf(".");
    const index = Number(path.slice(dot + 1));
    if (dot < 0 || !/^\d+$/.test(path.slice(dot + 1))) return undefined;
    return { operation, table: path.slice(0, dot), index };
  }
  return { operation: operation as TableOperation, table: path };
}
