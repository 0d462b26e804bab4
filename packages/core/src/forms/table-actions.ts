import type { FieldErrors } from "../work/validation.ts";
import type { WorkType } from "../work/work-type.ts";
import type { FormOptions } from "./build-form-model.ts";
import { classify } from "./field-classification.ts";
import { type FormModel, findField } from "./form-model.ts";
import type { FromFormValuesOptions } from "./rebuild-form-values.ts";
import { parseTableButtonId, ROW_SELECT_PREFIX, type TableButton } from "./table-button-ids.ts";
import {
  arrayElement,
  constraintsOf,
  isZodSchema,
  objectShape,
  unwrap,
  type ZodSchema,
} from "./zod-introspection.ts";

/**
 * The built-in table buttons (add row / edit row / done / cancel / delete selected rows), applied with plain
 * path operations on a copy of the work object: the button id is parsed, never evaluated (Spring Bot ran
 * SpEL taken from button names).
 */
export type TableActionResult<T> =
  /** Show this edit form: a row opened for editing, or the row's errors after "done". */
  | { readonly kind: "form"; readonly form: FormModel }
  /** The table changed (or editing ended): the new, validated work object. */
  | { readonly kind: "value"; readonly value: T }
  /** The button does not fit this work object (unknown table, no such row, table full, not a table button). */
  | { readonly kind: "refused"; readonly code: TableActionCode; readonly message: string };

export type TableActionCode =
  | "TABLE_NOT_A_TABLE_BUTTON"
  | "TABLE_UNKNOWN"
  | "TABLE_READ_ONLY"
  | "TABLE_NO_SUCH_ROW"
  | "TABLE_FULL";

export interface TableActionOptions extends FromFormValuesOptions {
  /** Data for dropdowns in the forms this returns. */
  readonly data?: FormOptions["data"];
}

function refused<T>(code: TableActionCode, message: string): TableActionResult<T> {
  return { kind: "refused", code, message };
}

/** Applies one table button press to `base` (the work object the form was made from). */
export async function applyTableAction<T>(
  type: WorkType<T>,
  base: T,
  button: string | TableButton,
  values: Readonly<Record<string, unknown>> = {},
  options: TableActionOptions = {},
): Promise<TableActionResult<T>> {
  const parsed = typeof button === "string" ? parseTableButtonId(button) : button;
  if (!parsed)
    return refused("TABLE_NOT_A_TABLE_BUTTON", `"${String(button).slice(0, 100)}" is not a table button.`);
  const schema = type.schema;
  const tableSchema = isZodSchema(schema) ? schemaAt(schema, parsed.table.split(".")) : undefined;
  if (!tableSchema || classify(unwrap(tableSchema), type.fieldKinds).kind !== "table")
    return refused("TABLE_UNKNOWN", `"${type.typeName}" has no table "${parsed.table}".`);
  // Only a table the edit form shows with its controls can be changed: a hidden or read-only
  // one has none, so a press naming it is forged.
  const shown = findField(type.form("edit", base), parsed.table);
  if (shown?.kind !== "table" || shown.readOnly)
    return refused("TABLE_READ_ONLY", `"${parsed.table}" cannot be changed on this form.`);
  const rows = rowsAt(base, parsed.table);
  const formOptions = (editRow?: { table: string; index: number }): FormOptions => ({
    ...(options.data ? { data: options.data } : {}),
    ...(editRow ? { editRow } : {}),
  });
  switch (parsed.operation) {
    case "add": {
      const max = constraintsOf(unwrap(tableSchema).schema).maxLength;
      if (max !== undefined && rows.length >= max)
        return refused("TABLE_FULL", `"${parsed.table}" already has the most rows allowed (${max}).`);
      const draft = await keepTypedChanges(type, base, values, options);
      return {
        kind: "form",
        form: type.form("edit", draft, {}, formOptions({ table: parsed.table, index: rows.length })),
      };
    }
    case "edit": {
      const index = parsed.index ?? -1;
      if (index < 0 || index >= rows.length)
        return refused("TABLE_NO_SUCH_ROW", `"${parsed.table}" has no row ${index}.`);
      const draft = await keepTypedChanges(type, base, values, options);
      return {
        kind: "form",
        form: type.form("edit", draft, {}, formOptions({ table: parsed.table, index })),
      };
    }
    case "done": {
      const index = parsed.index ?? -1;
      if (index < 0 || index > rows.length)
        return refused("TABLE_NO_SUCH_ROW", `"${parsed.table}" has no row ${index}.`);
      const result = await type.fromFormValues(values, { ...options, base });
      if (result.ok) return { kind: "value", value: result.value };
      const shown = result.draft ?? base;
      return {
        kind: "form",
        form: type.form("edit", shown, result.errors, formOptions({ table: parsed.table, index })),
      };
    }
    case "cancel":
      return { kind: "value", value: base };
    case "delete": {
      const selected = selectedRows(values, parsed.table, rows.length);
      const draft = await keepTypedChanges(type, base, values, options);
      const kept = rowsAt(draft, parsed.table).filter((_, i) => !selected.has(i));
      const result = await type.validate(replaceAt(draft, parsed.table.split("."), kept));
      if (result.ok) return { kind: "value", value: result.value };
      return { kind: "form", form: type.form("edit", draft, withFormError(result.errors), formOptions()) };
    }
  }
}

/** Fields typed into the form before pressing a table button are kept, if they make a valid object. */
async function keepTypedChanges<T>(
  type: WorkType<T>,
  base: T,
  values: Readonly<Record<string, unknown>>,
  options: FromFormValuesOptions,
): Promise<T> {
  if (Object.keys(values).every((name) => name.startsWith(ROW_SELECT_PREFIX))) return base;
  const result = await type.fromFormValues(values, { ...options, base });
  return result.ok ? result.value : base;
}

function withFormError(errors: FieldErrors): FieldErrors {
  return errors[""] !== undefined ? errors : { ...errors, "": Object.values(errors)[0] ?? "Invalid." };
}

/** The schema at a dotted path: object keys by shape, digits through arrays. */
function schemaAt(schema: ZodSchema, segments: readonly string[]): ZodSchema | undefined {
  let current: ZodSchema | undefined = schema;
  for (const segment of segments) {
    if (!current) return undefined;
    const inner: ZodSchema = unwrap(current).schema;
    const shape = objectShape(inner);
    if (shape) current = Object.hasOwn(shape, segment) ? shape[segment] : undefined;
    else if (/^\d+$/.test(segment)) current = arrayElement(inner);
    else return undefined;
  }
  return current;
}

function rowsAt(value: unknown, table: string): unknown[] {
  let current: unknown = value;
  for (const segment of table.split(".")) {
    if (typeof current !== "object" || current === null || !Object.hasOwn(current, segment)) return [];
    current = (current as Record<string, unknown>)[segment];
  }
  return Array.isArray(current) ? current : [];
}

/** A copy of `value` with the node at `segments` replaced; untouched branches are shared, not copied. */
function replaceAt(value: unknown, segments: readonly string[], replacement: unknown): unknown {
  if (segments.length === 0) return replacement;
  const [head, ...rest] = segments as [string, ...string[]];
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[Number(head)] = replaceAt(copy[Number(head)], rest, replacement);
    return copy;
  }
  const source = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  const copy: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(source)) copy[key] = source[key];
  copy[head] = replaceAt(Object.hasOwn(source, head) ? source[head] : undefined, rest, replacement);
  return copy;
}

const UNTICKED = new Set(["", "false", "off", "0"]);

/**
 * Ticked rows: `sprig-select:items.2 = "on"` (one checkbox per row) or `sprig-select:items = ["0","2"]`
 * (several checkboxes sharing one name, as Symphony sends them). Out-of-range indexes are ignored.
 */
function selectedRows(values: Readonly<Record<string, unknown>>, table: string, count: number): Set<number> {
  const selected = new Set<number>();
  const prefix = `${ROW_SELECT_PREFIX}${table}`;
  const add = (index: unknown) => {
    const n =
      typeof index === "number"
        ? index
        : typeof index === "string" && /^\d{1,6}$/.test(index)
          ? Number(index)
          : -1;
    if (n >= 0 && n < count) selected.add(n);
  };
  for (const name of Object.keys(values)) {
    const raw = values[name];
    if (name === prefix) for (const index of Array.isArray(raw) ? raw : [raw]) add(index);
    else if (name.startsWith(`${prefix}.`) && !UNTICKED.has(String(raw).toLowerCase()) && raw !== false)
      add(name.slice(prefix.length + 1));
  }
  return selected;
}
