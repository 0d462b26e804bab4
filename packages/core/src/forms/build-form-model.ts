import { Chat, User } from "../addressables/addressables.ts";
import type { FieldErrors } from "../work/validation.ts";
import { type Classified, classify } from "./field-classification.ts";
import type { FieldKind } from "./field-kinds.ts";
import { defaultLabel } from "./field-meta.ts";
import type {
  ChoiceOption,
  FieldBase,
  FieldNode,
  FormMode,
  FormModel,
  TableColumn,
  TableField,
  TableRow,
} from "./form-model.ts";
import { rowSelectName, tableButtonId } from "./table-button-ids.ts";
import { constraintsOf, type SchemaInfo, unwrap, type ZodSchema } from "./zod-introspection.ts";

export interface FormOptions {
  /** Named data for dropdowns (`dropdown.source`) and the chat picker (`chats`), e.g. from the response. */
  readonly data?: Readonly<Record<string, unknown>>;
  /** Open one table row for editing (a new row when `index` equals the number of rows). */
  readonly editRow?: { readonly table: string; readonly index: number };
  /** Template name to record on the model; default: the work type's template for the mode. */
  readonly template?: string;
}

export interface BuildFormInput extends FormOptions {
  readonly typeName: string;
  readonly version: string;
  readonly template: string;
  readonly mode: FormMode;
  readonly schema: ZodSchema;
  readonly value: unknown;
  readonly errors?: FieldErrors;
  readonly kinds: readonly FieldKind[];
}

interface Ctx {
  readonly mode: FormMode;
  readonly errors: FieldErrors;
  readonly kinds: readonly FieldKind[];
  readonly data: Readonly<Record<string, unknown>>;
  readonly root: unknown;
  readonly editRow?: { readonly table: string; readonly index: number };
}

export function buildFormModel(input: BuildFormInput): FormModel {
  const info = unwrap(input.schema);
  const cls = classify(info, input.kinds);
  if (cls.kind !== "object") throw new TypeError(`Work type "${input.typeName}" needs an object schema.`);
  const errors = input.errors ?? {};
  const ctx: Ctx = {
    mode: input.mode,
    errors,
    kinds: input.kinds,
    data: input.data ?? {},
    root: input.value,
    ...(input.editRow ? { editRow: input.editRow } : {}),
  };
  const formError = errors[""];
  return Object.freeze({
    typeName: input.typeName,
    version: input.version,
    mode: input.mode,
    template: input.template,
    fields: objectFields(cls.shape, input.value, "", ctx),
    errors,
    ...(formError !== undefined ? { formError } : {}),
    ...(input.editRow ? { editingRow: input.editRow } : {}),
  });
}

function childPath(prefix: string, key: string): string {
  return prefix === "" ? key : `${prefix}.${key}`;
}

function propertyOf(value: unknown, key: string): unknown {
  if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return undefined;
  return (value as Record<string, unknown>)[key];
}

/** Visible properties in author order: explicit `order` first (ascending), then declaration order. */
function orderedEntries(shape: Readonly<Record<string, ZodSchema>>): [string, ZodSchema, SchemaInfo][] {
  const entries = Object.entries(shape).map(([key, schema]) => [key, schema, unwrap(schema)] as const);
  return entries
    .filter(([, , info]) => info.meta.hidden !== true)
    .map((entry, position) => ({ entry, position }))
    .sort((a, b) => {
      const ao = a.entry[2].meta.order ?? Number.POSITIVE_INFINITY;
      const bo = b.entry[2].meta.order ?? Number.POSITIVE_INFINITY;
      return ao === bo ? a.position - b.position : ao - bo;
    })
    .map(({ entry }) => [...entry]);
}

function objectFields(
  shape: Readonly<Record<string, ZodSchema>>,
  value: unknown,
  prefix: string,
  ctx: Ctx,
): FieldNode[] {
  return orderedEntries(shape).map(([key, , info]) =>
    fieldNode(key, info, propertyOf(value, key), childPath(prefix, key), ctx),
  );
}

function baseOf(key: string, info: SchemaInfo, path: string, ctx: Ctx, text: string): FieldBase {
  const { meta } = info;
  const error = ctx.errors[path];
  return {
    path,
    key,
    label: meta.label ?? defaultLabel(key),
    required: !info.optional && !info.nullable && !info.hasDefault,
    readOnly: ctx.mode === "view" || meta.readOnly === true,
    text,
    ...(error !== undefined ? { error } : {}),
    ...(meta.placeholder !== undefined ? { placeholder: meta.placeholder } : {}),
    ...(meta.description !== undefined ? { description: meta.description } : {}),
    ...(meta.widget !== undefined ? { widget: meta.widget } : {}),
  };
}

function fieldNode(key: string, info: SchemaInfo, value: unknown, path: string, ctx: Ctx): FieldNode {
  const cls = classify(info, ctx.kinds);
  switch (cls.kind) {
    case "custom": {
      const kind = cls.fieldKind;
      const text = value === undefined ? "" : kind.text ? kind.text(value) : String(value);
      return Object.freeze({
        ...baseOf(key, info, path, ctx, text),
        kind: "custom" as const,
        customKind: kind.name,
        value,
        props: kind.props ? kind.props(value, { mode: ctx.mode, path, info }) : {},
      });
    }
    case "object":
      return Object.freeze({
        ...baseOf(key, info, path, ctx, ""),
        kind: "object" as const,
        fields: objectFields(cls.shape, value, path, ctx),
      });
    case "table":
      return tableNode(key, info, cls, value, path, ctx);
    case "unsupported":
      // Shown, never edited: better a read-only line than a form that fails to build.
      return Object.freeze({
        ...baseOf(key, info, path, ctx, jsonText(value)),
        readOnly: true,
        kind: "text" as const,
        value: jsonText(value),
        multiline: false,
      });
    default:
      return leafNode(key, info, cls, value, path, ctx);
  }
}

function jsonText(value: unknown): string {
  if (value === undefined) return "";
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return String(value);
  }
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function isoDate(value: unknown): string | undefined {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  return typeof value === "string" && value !== "" ? value : undefined;
}

function isoDateTime(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  return typeof value === "string" && value !== "" ? value : undefined;
}

function leafNode(
  key: string,
  info: SchemaInfo,
  cls: Extract<Classified, { multiple: boolean }>,
  value: unknown,
  path: string,
  ctx: Ctx,
): FieldNode {
  const base = (text: string) => baseOf(key, info, path, ctx, text);
  const c = constraintsOf(info.schema);
  switch (cls.kind) {
    case "text": {
      const v = typeof value === "string" ? value : value == null ? "" : String(value);
      return Object.freeze({
        ...base(v),
        kind: "text" as const,
        value: v,
        multiline: info.meta.widget === "textarea",
        ...(c.minLength !== undefined ? { minLength: c.minLength } : {}),
        ...(c.maxLength !== undefined ? { maxLength: c.maxLength } : {}),
        ...(c.pattern !== undefined ? { pattern: c.pattern } : {}),
        ...formatOf(info),
      });
    }
    case "number": {
      const v = typeof value === "number" && Number.isFinite(value) ? value : undefined;
      return Object.freeze({
        ...base(v === undefined ? "" : String(v)),
        kind: "number" as const,
        value: v,
        integer: c.integer === true,
        ...(c.min !== undefined ? { min: c.min } : {}),
        ...(c.max !== undefined ? { max: c.max } : {}),
      });
    }
    case "boolean":
      return Object.freeze({
        ...base(value === true ? "Yes" : "No"),
        required: false,
        kind: "boolean" as const,
        value: value === true,
      });
    case "choice": {
      const options = (cls.choices ?? []).map((v) => ({ value: String(v), label: choiceLabel(v) }));
      const selected = asList(value).map(String);
      const text = selected.map((s) => options.find((o) => o.value === s)?.label ?? s).join(", ");
      return Object.freeze({
        ...base(text),
        kind: "choice" as const,
        options,
        multiple: cls.multiple,
        value: selected,
      });
    }
    case "dropdown": {
      const options = dropdownOptions(info, ctx);
      const selected = asList(value).map(String);
      const text = selected.map((s) => options.find((o) => o.value === s)?.label ?? s).join(", ");
      return Object.freeze({
        ...base(text),
        kind: "dropdown" as const,
        source: info.meta.dropdown?.source ?? "",
        options,
        multiple: cls.multiple,
        value: selected,
      });
    }
    case "date": {
      const v = isoDate(value);
      const min = c.minDate ? c.minDate.toISOString().slice(0, 10) : undefined;
      const max = c.maxDate ? c.maxDate.toISOString().slice(0, 10) : undefined;
      return Object.freeze({
        ...base(v ?? ""),
        kind: "date" as const,
        value: v,
        ...(min ? { min } : {}),
        ...(max ? { max } : {}),
      });
    }
    case "time": {
      const v = typeof value === "string" && value !== "" ? value : undefined;
      return Object.freeze({ ...base(v ?? ""), kind: "time" as const, value: v });
    }
    case "date-time": {
      const v = isoDateTime(value);
      return Object.freeze({ ...base(v ?? ""), kind: "date-time" as const, value: v });
    }
    case "timezone": {
      const v = typeof value === "string" && value !== "" ? value : undefined;
      return Object.freeze({ ...base(v ?? ""), kind: "timezone" as const, value: v });
    }
    case "user": {
      const users = asList(value).filter(User.is);
      const text = users.map((u) => u.name ?? u.id).join(", ");
      return Object.freeze({ ...base(text), kind: "user" as const, multiple: cls.multiple, value: users });
    }
    case "chat": {
      const chats = asList(value).filter(Chat.is);
      const known = asList(ctx.data.chats).filter(Chat.is);
      const text = chats.map((c) => c.name ?? c.id).join(", ");
      return Object.freeze({
        ...base(text),
        kind: "chat" as const,
        multiple: cls.multiple,
        value: chats,
        ...(known.length > 0 ? { options: known } : {}),
      });
    }
  }
}

function formatOf(info: SchemaInfo): { format?: string } {
  const format = (info.schema._zod.def as { format?: unknown }).format;
  return typeof format === "string" && format !== "regex" ? { format } : {};
}

/** Enum values are usually codes ("in_progress"); show them as words unless the author gave labels. */
function choiceLabel(value: string | number): string {
  return typeof value === "number" ? String(value) : defaultLabel(value);
}

function lookup(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const segment of path.split(".")) {
    current = propertyOf(current, segment);
    if (current === undefined) return undefined;
  }
  return current;
}

function dropdownOptions(info: SchemaInfo, ctx: Ctx): ChoiceOption[] {
  const source = info.meta.dropdown;
  if (!source) return [];
  const found = lookup(ctx.data, source.source) ?? lookup(ctx.root, source.source);
  const items = Array.isArray(found)
    ? found
    : found && typeof found === "object"
      ? Object.entries(found).map(([k, v]) => ({ value: k, label: v }))
      : [];
  return items.flatMap((item): ChoiceOption[] => {
    if (typeof item === "string" || typeof item === "number")
      return [{ value: String(item), label: String(item) }];
    if (typeof item !== "object" || item === null) return [];
    const value = propertyOf(item, source.value ?? "") ?? propertyOf(item, "value") ?? propertyOf(item, "id");
    const label =
      propertyOf(item, source.label ?? "") ?? propertyOf(item, "label") ?? propertyOf(item, "name");
    if (value === undefined) return [];
    return [{ value: String(value), label: String(label ?? value) }];
  });
}

function tableNode(
  key: string,
  info: SchemaInfo,
  cls: Extract<Classified, { kind: "table" }>,
  value: unknown,
  path: string,
  ctx: Ctx,
): TableField {
  const rows = Array.isArray(value) ? [...value] : [];
  const editIndex = ctx.editRow?.table === path ? ctx.editRow.index : undefined;
  if (editIndex !== undefined && editIndex === rows.length) rows.push(newRowValue(cls.element));
  const elementCls = classify(cls.elementInfo, ctx.kinds);
  const columns: TableColumn[] =
    elementCls.kind === "object"
      ? orderedEntries(elementCls.shape).map(([k, , i]) => ({
          key: k,
          label: i.meta.label ?? defaultLabel(k),
          kind: classifyKindName(i, ctx),
        }))
      : [
          {
            key: "",
            label: info.meta.label ?? defaultLabel(key),
            kind: elementCls.kind === "custom" ? elementCls.fieldKind.name : elementCls.kind,
          },
        ];
  const edit = ctx.mode === "edit";
  const tableRows: TableRow[] = rows.map((row, index) => {
    const rowPath = `${path}.${index}`;
    const editing = edit && index === editIndex;
    const rowCtx: Ctx = { ...ctx, mode: editing ? "edit" : "view" };
    const cells =
      elementCls.kind === "object"
        ? objectFields(elementCls.shape, row, rowPath, rowCtx)
        : [fieldNode(String(index), cls.elementInfo, row, rowPath, rowCtx)];
    return Object.freeze({
      index,
      path: rowPath,
      editing,
      cells,
      ...(edit
        ? { selectName: rowSelectName(path, index), editButton: tableButtonId("edit", path, index) }
        : {}),
    });
  });
  const c = constraintsOf(info.schema);
  return Object.freeze({
    ...baseOf(key, info, path, ctx, `${rows.length} row${rows.length === 1 ? "" : "s"}`),
    kind: "table" as const,
    columns,
    rows: tableRows,
    ...(c.minLength !== undefined ? { minRows: c.minLength } : {}),
    ...(c.maxLength !== undefined ? { maxRows: c.maxLength } : {}),
    ...(edit
      ? {
          buttons: Object.freeze({
            addRow: tableButtonId("add", path),
            deleteRows: tableButtonId("delete", path),
            ...(editIndex !== undefined
              ? { done: tableButtonId("done", path, editIndex), cancel: tableButtonId("cancel", path) }
              : {}),
          }),
        }
      : {}),
  });
}

function classifyKindName(info: SchemaInfo, ctx: Ctx): string {
  const cls = classify(info, ctx.kinds);
  return cls.kind === "custom" ? cls.fieldKind.name : cls.kind;
}

/** A new row starts from the row schema's defaults; if those are not a valid row yet, from what they give. */
function newRowValue(element: ZodSchema): unknown {
  const result = element["~standard"].validate({});
  if (!(result instanceof Promise) && !result.issues) return result.value;
  const shape = unwrap(element);
  const out: Record<string, unknown> = {};
  const def = shape.schema._zod.def as { shape?: Record<string, ZodSchema> };
  for (const [k, s] of Object.entries(def.shape ?? {})) {
    const r = s["~standard"].validate(undefined);
    if (!(r instanceof Promise) && !r.issues && r.value !== undefined) out[k] = r.value;
  }
  return out;
}
