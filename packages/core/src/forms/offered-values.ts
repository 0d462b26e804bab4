/**
 * Submitted selections checked against what the form offered. A schema says "a string" for a
 * dropdown fed from data, and "some user" / "some chat" for a picker, so a forged submission could
 * pick an option the form never showed, any user id or any room id. Here each submitted choice,
 * dropdown, user and chat value is checked against the form as it was shown (built again from the
 * object and data the message carried) and, for pickers without a list, against the platform.
 */
import type { FieldErrors } from "../work/validation.ts";
import type { FieldNode, FormModel } from "./form-model.ts";
import { findField } from "./form-model.ts";
import { ROW_SELECT_PREFIX } from "./table-button-ids.ts";

export interface OfferedValues {
  /** The form as shown; `editRow` opens a table row (a new row's inputs are only in such a form). */
  readonly form: (editRow?: { table: string; index: number }) => FormModel;
  /** Is there a person with this id on the platform (the directory)? */
  readonly userExists: (id: string) => Promise<boolean>;
  /** May the person who submitted see this chat (is a member of it)? */
  readonly chatVisible: (id: string) => Promise<boolean>;
}

const INDEX = /^\d+$/;
/** How many options a field error lists before "…". */
const LISTED_OPTIONS = 10;

/**
 * Field errors for every submitted selection the form did not offer. `submitted`: the flat values
 * as sent (their keys are the fields the person filled in); `value`: the same, rebuilt and coerced
 * (user and chat ids are objects with an `id` by now).
 */
export async function checkOfferedValues(
  submitted: Readonly<Record<string, unknown>>,
  value: unknown,
  offered: OfferedValues,
): Promise<FieldErrors> {
  const errors: Record<string, string> = {};
  let shown: FormModel | undefined;
  for (const path of Object.keys(submitted)) {
    if (path.startsWith(ROW_SELECT_PREFIX)) continue;
    shown ??= offered.form();
    const field = findField(shown, path) ?? fieldOfNewRow(path, offered);
    if (!field) continue;
    const error = await refusal(field, valueAt(value, path), offered);
    if (error) errors[path] = error;
  }
  return errors;
}

/** A field of a table row the form opened for adding (not in the object yet). */
function fieldOfNewRow(path: string, offered: OfferedValues): FieldNode | undefined {
  const segments = path.split(".");
  const at = segments.findLastIndex((s) => INDEX.test(s));
  if (at <= 0) return undefined;
  const editRow = { table: segments.slice(0, at).join("."), index: Number(segments[at]) };
  return findField(offered.form(editRow), path);
}

async function refusal(
  field: FieldNode,
  value: unknown,
  offered: OfferedValues,
): Promise<string | undefined> {
  const given = asList(value).filter((v) => v !== undefined && v !== null && v !== "");
  switch (field.kind) {
    case "choice":
    case "dropdown": {
      const allowed = new Set(field.options.map((o) => o.value));
      const wrong = given.find((v) => !allowed.has(String(v)));
      if (wrong === undefined) return undefined;
      const labels = field.options.slice(0, LISTED_OPTIONS).map((o) => o.label);
      if (field.options.length > LISTED_OPTIONS) labels.push("…");
      return labels.length === 0
        ? `"${clip(wrong)}" is not an option here, and this form offers none; ask for a fresh form.`
        : `"${clip(wrong)}" is not one of the options; choose from: ${labels.join(", ")}.`;
    }
    case "user":
      for (const id of idsOf(given)) {
        const ok = field.options ? field.options.some((u) => u.id === id) : await offered.userExists(id);
        if (!ok)
          return `There is no person with id "${clip(id)}" to choose here; pick someone from the list.`;
      }
      return undefined;
    case "chat":
      for (const id of idsOf(given)) {
        const ok = field.options ? field.options.some((c) => c.id === id) : await offered.chatVisible(id);
        if (!ok) return `The room "${clip(id)}" is not one you are in; pick one of your rooms.`;
      }
      return undefined;
    default:
      return undefined;
  }
}

function idsOf(values: readonly unknown[]): string[] {
  return values.map((v) =>
    typeof v === "object" && v !== null && "id" in v ? String((v as { id: unknown }).id) : String(v),
  );
}

/**
 * A copy of `root` without the values at these dotted paths (the refused choices), so the form
 * shown back with their errors offers the field empty instead of echoing what was forged.
 */
export function withoutValuesAt(root: unknown, paths: readonly string[]): unknown {
  if (paths.length === 0) return root;
  const copy = structuredClone(root);
  for (const path of paths) {
    const segments = path.split(".");
    const last = segments.pop() as string;
    const parent = valueAt(copy, segments.join("."), segments.length === 0);
    if (typeof parent === "object" && parent !== null && Object.hasOwn(parent, last))
      delete (parent as Record<string, unknown>)[last];
  }
  return copy;
}

function valueAt(root: unknown, path: string, whole = false): unknown {
  let current = root;
  if (whole) return current;
  for (const segment of path.split(".")) {
    if (typeof current !== "object" || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function clip(value: unknown): string {
  const text = String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
