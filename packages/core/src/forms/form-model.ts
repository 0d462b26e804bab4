import type { Chat, User } from "../addressables/addressables.ts";
import type { FieldErrors } from "../work/validation.ts";

/**
 * The platform-neutral form tree. Symphony renders it to MessageML Elements, Teams to Adaptive Cards,
 * the test kit reads it directly. Nothing in here names a platform.
 *
 * Every node has a `path`: the dotted name the input carries (`items.0.description`), which comes back
 * as the key in submitted form values and is where a field error for that node is reported.
 */
export type FormMode = "view" | "edit";

export interface FieldBase {
  readonly path: string;
  /** Last path segment: the property name, or the row index inside a table. */
  readonly key: string;
  readonly label: string;
  /** The user must give a value (not optional, not nullable, no default). Never true for booleans. */
  readonly required: boolean;
  /** In view mode every node is read-only; in edit mode a field marked `readOnly` in its metadata. */
  readonly readOnly: boolean;
  readonly error?: string;
  readonly placeholder?: string;
  readonly description?: string;
  /** The author's rendering hint (e.g. "textarea", "radio"); adapters may ignore hints they do not know. */
  readonly widget?: string;
  /** Plain-text rendering of the current value, for view mode, logs and tests ("" when empty). */
  readonly text: string;
}

export interface TextField extends FieldBase {
  readonly kind: "text";
  readonly value: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  /** Regular expression source the value must match (from the schema), without flags. */
  readonly pattern?: string;
  /** A string format the schema enforces, e.g. "email", "url", "uuid". */
  readonly format?: string;
  readonly multiline: boolean;
}

export interface NumberField extends FieldBase {
  readonly kind: "number";
  readonly value: number | undefined;
  readonly min?: number;
  readonly max?: number;
  readonly integer: boolean;
}

export interface BooleanField extends FieldBase {
  readonly kind: "boolean";
  readonly value: boolean;
}

export interface ChoiceOption {
  readonly value: string;
  readonly label: string;
}

/** A fixed set of options from the schema (an enum, or a union of literals). */
export interface ChoiceField extends FieldBase {
  readonly kind: "choice";
  readonly options: readonly ChoiceOption[];
  readonly multiple: boolean;
  /** Selected option values; at most one unless `multiple`. */
  readonly value: readonly string[];
}

/** Options that come from data (the response data or the work object), not from the schema. */
export interface DropdownField extends FieldBase {
  readonly kind: "dropdown";
  /** Where the options came from (the metadata's `dropdown.source`), so an adapter can say what is missing. */
  readonly source: string;
  readonly options: readonly ChoiceOption[];
  readonly multiple: boolean;
  readonly value: readonly string[];
}

/** `yyyy-MM-dd` */
export interface DateField extends FieldBase {
  readonly kind: "date";
  readonly value: string | undefined;
  readonly min?: string;
  readonly max?: string;
}

/** `HH:mm:ss` */
export interface TimeField extends FieldBase {
  readonly kind: "time";
  readonly value: string | undefined;
}

/** ISO 8601 date and time, e.g. `2026-11-21T09:05:00Z`. */
export interface DateTimeField extends FieldBase {
  readonly kind: "date-time";
  readonly value: string | undefined;
}

/** IANA zone id, e.g. `Europe/London`. */
export interface TimezoneField extends FieldBase {
  readonly kind: "timezone";
  readonly value: string | undefined;
}

export interface UserField extends FieldBase {
  readonly kind: "user";
  readonly multiple: boolean;
  readonly value: readonly User[];
  /** Known people, when the caller passed them as form data under `users` (e.g. the room's members). */
  readonly options?: readonly User[];
}

export interface ChatField extends FieldBase {
  readonly kind: "chat";
  readonly multiple: boolean;
  readonly value: readonly Chat[];
  /** Known chats, when the caller passed them as form data under `chats`; pickers may need a list. */
  readonly options?: readonly Chat[];
}

export interface ObjectField extends FieldBase {
  readonly kind: "object";
  readonly fields: readonly FieldNode[];
}

export interface TableColumn {
  readonly key: string;
  readonly label: string;
  /** The cells' field kind; for a custom kind, its name (e.g. "money"). */
  readonly kind: string;
}

export interface TableRow {
  readonly index: number;
  /** `items.2` */
  readonly path: string;
  /** True for the one row being edited (its cells are edit-mode inputs); false otherwise. */
  readonly editing: boolean;
  /** One cell per column, in column order; a table of primitives has one cell per row. */
  readonly cells: readonly FieldNode[];
  /** Edit mode only: the checkbox name that selects this row for "delete selected". */
  readonly selectName?: string;
  /** Edit mode only: the button id that opens this row for editing. */
  readonly editButton?: string;
}

/** Buttons of a table in edit mode. Ids are stable, derived from the table path only. */
export interface TableButtons {
  readonly addRow: string;
  readonly deleteRows: string;
  /** Present while a row is being edited: commits it, or abandons it. */
  readonly done?: string;
  readonly cancel?: string;
}

/** An array of objects (or primitives), shown as a table with add / edit / delete of rows. */
export interface TableField extends FieldBase {
  readonly kind: "table";
  readonly columns: readonly TableColumn[];
  readonly rows: readonly TableRow[];
  readonly minRows?: number;
  readonly maxRows?: number;
  readonly buttons?: TableButtons;
}

/** A field kind an author defined with `defineFieldKind` (e.g. a money amount). */
export interface CustomField extends FieldBase {
  readonly kind: "custom";
  /** The custom kind's name (e.g. "money"); adapters look up their renderer by it. */
  readonly customKind: string;
  readonly value: unknown;
  readonly props: Readonly<Record<string, unknown>>;
}

export type BuiltInField =
  | TextField
  | NumberField
  | BooleanField
  | ChoiceField
  | DropdownField
  | DateField
  | TimeField
  | DateTimeField
  | TimezoneField
  | UserField
  | ChatField
  | ObjectField
  | TableField;

export type FieldNode = BuiltInField | CustomField;

export interface FormModel {
  readonly typeName: string;
  readonly version: string;
  readonly mode: FormMode;
  /** Template name for this mode (the work type's default, or what the caller asked for). */
  readonly template: string;
  readonly fields: readonly FieldNode[];
  /** Every error, keyed by path; `""` is the whole form. */
  readonly errors: FieldErrors;
  /** The whole-form error (`errors[""]`), if any. */
  readonly formError?: string;
  /** The row being edited, when a table row is open for editing. */
  readonly editingRow?: { readonly table: string; readonly index: number };
  /** The row being added, when `editingRow` is one past the table's last row. */
  readonly newRow?: NewRow;
}

/**
 * A row added for editing is not in the work object yet: its value is the row schema's defaults
 * (zod `.default()`, field by field), as the work object would hold it, so an adapter that reads
 * values from the stored object can show them in the new row's inputs.
 */
export interface NewRow {
  readonly table: string;
  readonly index: number;
  readonly value: unknown;
}

export function isCustomField(node: FieldNode): node is CustomField {
  return node.kind === "custom";
}

/** Depth-first walk over every node of a form (tables: their row cells), e.g. to find a field by path. */
export function* walkFields(fields: readonly FieldNode[]): Generator<FieldNode> {
  for (const node of fields) {
    yield node;
    if (node.kind === "object") yield* walkFields(node.fields);
    if (node.kind === "table") for (const row of node.rows) yield* walkFields(row.cells);
  }
}

export function findField(form: FormModel, path: string): FieldNode | undefined {
  for (const node of walkFields(form.fields)) if (node.path === path) return node;
  return undefined;
}
