import { Chat, User } from "../addressables/addressables.ts";
import type { FieldErrors } from "../work/validation.ts";
import type { FieldKind } from "./field-kinds.ts";
import type {
  ChoiceOption,
  FieldNode,
  FormMode,
  FormModel,
  NewRow,
  TableField,
  TableRow,
} from "./form-model.ts";
import { type ChildPlan, type FieldPlan, planOf } from "./form-plan.ts";
import { formatDateTime } from "./format-date-time.ts";
import { rowSelectName, tableButtonId } from "./table-button-ids.ts";
import type { ZodSchema } from "./zod-introspection.ts";

export interface FormOptions {
  /**
   * Named data for dropdowns (`dropdown.source`) and for pickers on platforms without a native one:
   * `users` (e.g. room members) and `chats` (known rooms).
   */
  readonly data?: Readonly<Record<string, unknown>>;
  /** Open one table row for editing (a new row when `index` equals the number of rows). */
  readonly editRow?: { readonly table: string; readonly index: number };
  /** Template name to record on the model; default: the work type's template for the mode. */
  readonly template?: string;
  /** The zone date-time values are shown in (the reader's); UTC by default. */
  readonly timeZone?: string;
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
  readonly data: Readonly<Record<string, unknown>>;
  readonly root: unknown;
  readonly editRow: { readonly table: string; readonly index: number } | undefined;
  readonly timeZone: string | undefined;
  /** Filled by the table that appends a new row for editing (shared by every copy of the context). */
  readonly added: { newRow?: NewRow };
}

export function buildFormModel(input: BuildFormInput): FormModel {
  const plan = planOf(input.schema, input.kinds);
  if (!plan.children) throw new TypeError(`Work type "${input.typeName}" needs an object schema.`);
  const errors = input.errors ?? {};
  const ctx: Ctx = {
    mode: input.mode,
    errors,
    data: input.data ?? {},
    root: input.value,
    editRow: input.editRow,
    timeZone: input.timeZone,
    added: {},
  };
  const formError = errors[""];
  const fields = Object.freeze(objectFields(plan.children, input.value, "", ctx));
  const { newRow } = ctx.added;
  return Object.freeze({
    typeName: input.typeName,
    version: input.version,
    mode: input.mode,
    template: input.template,
    fields,
    errors,
    ...(formError !== undefined ? { formError } : {}),
    ...(input.editRow ? { editingRow: input.editRow } : {}),
    ...(newRow ? { newRow } : {}),
  });
}

function propertyOf(value: unknown, key: string): unknown {
  if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return undefined;
  return (value as Record<string, unknown>)[key];
}

function objectFields(children: readonly ChildPlan[], value: unknown, prefix: string, ctx: Ctx): FieldNode[] {
  const nodes: FieldNode[] = [];
  for (const { key, label, plan } of children) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    nodes.push(fieldNode(key, label, plan, propertyOf(value, key), path, ctx));
  }
  return nodes;
}

/** The parts every node has; `extra` holds the kind-specific ones. */
function node(
  key: string,
  label: string,
  plan: FieldPlan,
  path: string,
  ctx: Ctx,
  text: string,
  extra: Record<string, unknown>,
): FieldNode {
  const out: Record<string, unknown> = {
    path,
    key,
    label,
    required: plan.required,
    readOnly: ctx.mode === "view" || plan.info.meta.readOnly === true,
    text,
    ...plan.statics,
    ...extra,
  };
  const error = ctx.errors[path];
  if (error !== undefined) out.error = error;
  return Object.freeze(out) as unknown as FieldNode;
}

function fieldNode(
  key: string,
  label: string,
  plan: FieldPlan,
  value: unknown,
  path: string,
  ctx: Ctx,
): FieldNode {
  const cls = plan.cls;
  switch (cls.kind) {
    case "custom": {
      const kind = cls.fieldKind;
      const text = value === undefined ? "" : kind.text ? kind.text(value) : String(value);
      const props = kind.props ? kind.props(value, { mode: ctx.mode, path, info: plan.info }) : {};
      return node(key, label, plan, path, ctx, text, { kind: "custom", customKind: kind.name, value, props });
    }
    case "object":
      return node(key, label, plan, path, ctx, "", {
        kind: "object",
        fields: Object.freeze(objectFields(plan.children ?? [], value, path, ctx)),
      });
    case "table":
      return tableNode(key, label, plan, value, path, ctx);
    case "unsupported": {
      // Shown, never edited: better a read-only line than a form that fails to build.
      const text = jsonText(value);
      return node(key, label, plan, path, ctx, text, {
        kind: "text",
        value: text,
        readOnly: true,
        multiline: false,
      });
    }
    case "text": {
      const v = typeof value === "string" ? value : value == null ? "" : String(value);
      return node(key, label, plan, path, ctx, v, { kind: "text", value: v });
    }
    case "number": {
      const v = typeof value === "number" && Number.isFinite(value) ? value : undefined;
      return node(key, label, plan, path, ctx, v === undefined ? "" : String(v), {
        kind: "number",
        value: v,
      });
    }
    case "boolean":
      return node(key, label, plan, path, ctx, value === true ? "Yes" : "No", {
        kind: "boolean",
        value: value === true,
      });
    case "choice":
      return selection(key, label, plan, path, ctx, value, "choice", plan.choiceOptions ?? []);
    case "dropdown":
      return selection(key, label, plan, path, ctx, value, "dropdown", dropdownOptions(plan, ctx), {
        source: plan.info.meta.dropdown?.source ?? "",
      });
    case "date": {
      const v = isoDate(value);
      return node(key, label, plan, path, ctx, v ?? "", { kind: "date", value: v });
    }
    case "date-time": {
      const v = isoDateTime(value);
      // Read by a person: in their zone, never the raw timestamp (the value keeps that).
      const text = v === undefined ? "" : formatDateTime(v, { timeZone: ctx.timeZone });
      return node(key, label, plan, path, ctx, text, { kind: "date-time", value: v });
    }
    case "time":
    case "timezone": {
      const v = typeof value === "string" && value !== "" ? value : undefined;
      return node(key, label, plan, path, ctx, v ?? "", { kind: cls.kind, value: v });
    }
    case "user": {
      const users = asList(value).filter(User.is);
      const text = users.map((u) => u.name ?? u.id).join(", ");
      const known = asList(ctx.data.users).filter(User.is);
      return node(key, label, plan, path, ctx, text, {
        kind: "user",
        multiple: cls.multiple,
        value: users,
        ...(known.length > 0 ? { options: known } : {}),
      });
    }
    case "chat": {
      const chats = asList(value).filter(Chat.is);
      const known = asList(ctx.data.chats).filter(Chat.is);
      const text = chats.map((c) => c.name ?? c.id).join(", ");
      return node(key, label, plan, path, ctx, text, {
        kind: "chat",
        multiple: cls.multiple,
        value: chats,
        ...(known.length > 0 ? { options: known } : {}),
      });
    }
  }
}

function selection(
  key: string,
  label: string,
  plan: FieldPlan,
  path: string,
  ctx: Ctx,
  value: unknown,
  kind: "choice" | "dropdown",
  options: readonly ChoiceOption[],
  extra: Record<string, unknown> = {},
): FieldNode {
  const selected = asList(value).map(String);
  const text = selected.map((s) => options.find((o) => o.value === s)?.label ?? s).join(", ");
  const multiple = "multiple" in plan.cls && plan.cls.multiple;
  return node(key, label, plan, path, ctx, text, { kind, options, multiple, value: selected, ...extra });
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

function lookup(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const segment of path.split(".")) {
    current = propertyOf(current, segment);
    if (current === undefined) return undefined;
  }
  return current;
}

function dropdownOptions(plan: FieldPlan, ctx: Ctx): ChoiceOption[] {
  const source = plan.info.meta.dropdown;
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
  label: string,
  plan: FieldPlan,
  value: unknown,
  path: string,
  ctx: Ctx,
): TableField {
  const element = plan.element!;
  const rows = Array.isArray(value) ? [...value] : [];
  const editIndex = ctx.editRow?.table === path ? ctx.editRow.index : undefined;
  if (editIndex !== undefined && editIndex === rows.length) {
    const value = defaultsOf(element);
    rows.push(value);
    ctx.added.newRow = Object.freeze({ table: path, index: editIndex, value });
  }
  const edit = ctx.mode === "edit";
  const viewCtx: Ctx = { ...ctx, mode: "view" };
  const tableRows: TableRow[] = rows.map((row, index) => {
    const rowPath = `${path}.${index}`;
    const editing = edit && index === editIndex;
    const rowCtx = editing ? ctx : viewCtx;
    const cells = element.children
      ? objectFields(element.children, row, rowPath, rowCtx)
      : [fieldNode(String(index), label, element, row, rowPath, rowCtx)];
    return Object.freeze({
      index,
      path: rowPath,
      editing,
      cells: Object.freeze(cells),
      ...(edit
        ? { selectName: rowSelectName(path, index), editButton: tableButtonId("edit", path, index) }
        : {}),
    });
  });
  const columns = element.children ? plan.columns! : [{ ...plan.columns![0]!, label }];
  return node(key, label, plan, path, ctx, `${rows.length} row${rows.length === 1 ? "" : "s"}`, {
    kind: "table",
    columns,
    rows: Object.freeze(tableRows),
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
  }) as TableField;
}

/**
 * The values a blank form of this schema starts with: each field's default (an object's fields'
 * defaults, nested), and nothing for a field without one. A draft shows them, as a new row does.
 */
export function defaultValues(schema: ZodSchema, kinds: readonly FieldKind[]): Record<string, unknown> {
  const value = defaultsOf(planOf(schema, kinds));
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

/**
 * What a new value of a field starts as: the schema's own default; for an object without one, the
 * object its fields' defaults make (nested objects included); for anything else, nothing.
 */
function defaultsOf(plan: FieldPlan, depth = 0): unknown {
  const own = parsed(plan.schema, undefined);
  if (own.ok && own.value !== undefined) return own.value;
  if (!plan.byKey || depth > 32) return undefined;
  const whole = parsed(plan.schema, {});
  if (whole.ok) return whole.value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of plan.byKey) {
    const value = defaultsOf(child, depth + 1);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * A synchronous parse; an async schema counts as a failure (a default is not worth waiting for),
 * and so does a default function that throws (e.g. one that needs a current action).
 */
function parsed(schema: ZodSchema, input: unknown): { ok: true; value: unknown } | { ok: false } {
  let result: ReturnType<ZodSchema["~standard"]["validate"]>;
  try {
    result = schema["~standard"].validate(input);
  } catch {
    return { ok: false };
  }
  if (result instanceof Promise) {
    result.catch(() => {});
    return { ok: false };
  }
  return result.issues ? { ok: false } : { ok: true, value: result.value };
}
