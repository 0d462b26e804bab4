/**
 * Forms: one platform-neutral tree (FormModel) built from a work type's zod schema, and the way back from
 * flat submitted values to a validated object.
 *
 * - Build: `type.form(mode, value, errors?, {data, editRow})` → FormModel. Each node has a dotted `path`
 *   (the input's name), label, value, `text`, required, read-only, error and its kind's constraints.
 *   Adapters switch on `node.kind`; `kind: "custom"` nodes carry `customKind` for the adapter's own renderers.
 * - Read back: `type.fromFormValues(values, {base, platform})` → Validation (with `issues` codes and a `draft`).
 * - Tables: button ids `sprig-table:<op>:<path>` and row boxes `sprig-select:<path>.<i>`; `applyTableAction`.
 * - Metadata: zod `.meta({label, hidden, readOnly, widget, placeholder, order, dropdown, optionLabels, kind})`
 *   or `field(schema, meta)`. Extension: `defineFieldKind` + `work(..., {fieldKinds})` or `registerFieldKind`.
 * - Non-zod Standard Schemas validate and read back (untyped), but need `work(..., {form})` for a model.
 */
export type { FormOptions } from "./build-form-model.ts";
export {
  defineFieldKind,
  type FieldKind,
  type FieldKindContext,
  FieldKindError,
  registerFieldKind,
  unregisterFieldKind,
} from "./field-kinds.ts";
export { type DropdownSource, defaultLabel, type FieldMeta, field, fieldMeta } from "./field-meta.ts";
export type {
  BooleanField,
  BuiltInField,
  ChatField,
  ChoiceField,
  ChoiceOption,
  CustomField,
  DateField,
  DateTimeField,
  DropdownField,
  FieldBase,
  FieldNode,
  FormMode,
  FormModel,
  NewRow,
  NumberField,
  ObjectField,
  TableButtons,
  TableColumn,
  TableField,
  TableRow,
  TextField,
  TimeField,
  TimezoneField,
  UserField,
} from "./form-model.ts";
export { findField, isCustomField, walkFields } from "./form-model.ts";
export { FORM_LIMITS, type FormLimits } from "./form-paths.ts";
export { type DateTimeFormatOptions, formatDateTime } from "./format-date-time.ts";
export { chat, isTimeZone, timezone, user } from "./picker-schemas.ts";
export type { FromFormValuesOptions } from "./rebuild-form-values.ts";
export {
  applyTableAction,
  type TableActionCode,
  type TableActionOptions,
  type TableActionResult,
} from "./table-actions.ts";
export {
  isFormControlName,
  parseTableButtonId,
  ROW_SELECT_PREFIX,
  rowSelectName,
  TABLE_BUTTON_PREFIX,
  TABLE_BUTTON_TEXT,
  type TableButton,
  type TableOperation,
  tableButtonId,
} from "./table-button-ids.ts";
export type { SchemaInfo } from "./zod-introspection.ts";
