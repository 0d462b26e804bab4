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
  type TableButton,
  type TableOperation,
  tableButtonId,
} from "./table-button-ids.ts";
export type { SchemaInfo } from "./zod-introspection.ts";
