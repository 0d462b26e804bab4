import type { FormInputIssue } from "../work/validation.ts";
import { coerceLeaf } from "./coerce-form-value.ts";
import type { FieldKind } from "./field-kinds.ts";
import { FORM_LIMITS, type FormLimits, parseFieldNames, type ValueTree } from "./form-paths.ts";
import { type FieldPlan, planOf } from "./form-plan.ts";
import type { OfferedValues } from "./offered-values.ts";
import { isFormControlName } from "./table-button-ids.ts";
import type { ZodSchema } from "./zod-introspection.ts";

export interface FromFormValuesOptions {
  /**
   * The work object the form was made from. Fields the form did not carry (hidden fields, table rows shown
   * read-only, read-only fields) keep its values; submitted fields replace them.
   */
  readonly base?: unknown;
  /** Platform of submitted user and chat ids (e.g. the current action's platform). */
  readonly platform?: string;
  readonly limits?: Partial<FormLimits>;
  /**
   * Check submitted choices, dropdown values, users and chats against what the form offered
   * (routing passes it for every press); without it only the schema checks them.
   */
  readonly offered?: OfferedValues;
}

export interface Rebuilt {
  /** The nested value, built only along the schema's shape (or, without a zod schema, from Maps). */
  readonly value: unknown;
  /** Input refused outright: unknown field, forbidden key, bad path, too many rows… */
  readonly issues: readonly FormInputIssue[];
  /** Values that could not be read as their field's kind (e.g. two people for a one-person field). */
  readonly fieldErrors: Readonly<Record<string, string>>;
}

interface State {
  readonly platform: string | undefined;
  readonly issues: FormInputIssue[];
  readonly fieldErrors: Map<string, string>;
}

const INDEX = /^\d+$/;

/**
 * Flat, dotted, untrusted form values → one nested value ready for the schema. Never assigns a key the schema
 * does not declare (nor one the form did not show: hidden fields count as unknown); builds new objects on
 * null prototypes, so no prototype is reachable from a field name.
 */
export function rebuildFormValues(
  schema: ZodSchema | undefined,
  values: Readonly<Record<string, unknown>>,
  kinds: readonly FieldKind[],
  options: FromFormValuesOptions = {},
): Rebuilt {
  const limits = { ...FORM_LIMITS, ...options.limits };
  if (typeof values !== "object" || values === null || Array.isArray(values))
    return {
      value: undefined,
      issues: [
        {
          code: "FORM_BAD_VALUE",
          field: "",
          message: "Form values must be an object of field names to values.",
        },
      ],
      fieldErrors: {},
    };
  const parsed = parseFieldNames(values, isFormControlName, limits);
  const state: State = { platform: options.platform, issues: [...parsed.issues], fieldErrors: new Map() };
  const root: ValueTree = { leaf: false, children: parsed.tree };
  const value = schema
    ? build(planOf(schema, kinds), root, options.base, "", state)
    : buildUntyped(root, "", state);
  return { value, issues: state.issues, fieldErrors: Object.fromEntries(state.fieldErrors) };
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

function own(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** Every dotted name under a tree node, to name them in an "unknown field" issue. */
function namesUnder(tree: ValueTree, path: string): string[] {
  if (tree.leaf) return [path];
  return [...tree.children].flatMap(([key, child]) => namesUnder(child, join(path, key)));
}

function unknownField(tree: ValueTree, path: string, state: State): undefined {
  for (const name of namesUnder(tree, path))
    state.issues.push({
      code: "FORM_UNKNOWN_FIELD",
      field: name,
      message: `Unknown field "${name}": this form has no such field.`,
    });
  return undefined;
}

function build(plan: FieldPlan, tree: ValueTree, base: unknown, path: string, state: State): unknown {
  const cls = plan.cls;
  switch (cls.kind) {
    case "custom":
      if (!tree.leaf) return unknownField(tree, path, state);
      return cls.fieldKind.parse ? cls.fieldKind.parse(tree.raw) : tree.raw;
    case "object":
      if (tree.leaf) return badValue(path, "expects its fields, not a single value", state);
      return buildObject(plan, tree.children, base, path, state);
    case "table":
      if (tree.leaf) return badValue(path, "expects rows, not a single value", state);
      return buildRows(plan.element!, tree.children, base, path, state);
    case "unsupported":
      if (!tree.leaf) return unknownField(tree, path, state);
      return tree.raw;
    default: {
      if (!tree.leaf) return unknownField(tree, path, state);
      const { optional, nullable } = plan.info;
      const coerced = coerceLeaf(cls, tree.raw, { platform: state.platform, optional, nullable });
      if (coerced.ok) return coerced.value;
      state.fieldErrors.set(path, coerced.message);
      return undefined;
    }
  }
}

function badValue(path: string, what: string, state: State): undefined {
  state.issues.push({ code: "FORM_BAD_VALUE", field: path, message: `Field "${path}" ${what}.` });
  return undefined;
}

function buildObject(
  plan: FieldPlan,
  submitted: Map<string, ValueTree>,
  base: unknown,
  path: string,
  state: State,
): Record<string, unknown> {
  const fields = plan.byKey!;
  const out: Record<string, unknown> = Object.create(null);
  for (const [key, child] of submitted) {
    const field = fields.get(key);
    // A hidden field is not on the form, so a value for it is as unknown as a made-up name.
    if (!field || field.info.meta.hidden === true) unknownField(child, join(path, key), state);
  }
  for (const [key, field] of fields) {
    const child = submitted.get(key);
    const fromBase = own(base, key);
    const meta = field.info.meta;
    if (child && meta.hidden !== true && meta.readOnly !== true) {
      // A cleared optional field is left out, not set to undefined: "not given" is absence.
      const built = build(field, child, fromBase, join(path, key), state);
      if (built !== undefined) out[key] = built;
    } else if (!child && submitted.size > 0 && isShownCheckbox(field)) out[key] = false;
    else if (fromBase !== undefined) out[key] = fromBase;
  }
  return out;
}

/**
 * An unticked checkbox sends nothing at all (Symphony leaves the key out). When the form did carry this
 * object's fields, a missing visible boolean therefore means false, not "unchanged".
 */
function isShownCheckbox(plan: FieldPlan): boolean {
  const { meta } = plan.info;
  return meta.hidden !== true && meta.readOnly !== true && plan.cls.kind === "boolean" && !plan.cls.multiple;
}

function buildRows(
  element: FieldPlan,
  submitted: Map<string, ValueTree>,
  base: unknown,
  path: string,
  state: State,
): unknown[] {
  const rows = Array.isArray(base) ? [...base] : [];
  const indexes: number[] = [];
  for (const [key, child] of submitted) {
    // Only the canonical spelling is a row: "01" would otherwise be a second name for row 1.
    if (INDEX.test(key) && String(Number(key)) === key) indexes.push(Number(key));
    else unknownField(child, join(path, key), state);
  }
  for (const index of indexes.sort((a, b) => a - b)) {
    const child = submitted.get(String(index))!;
    if (index > rows.length) {
      state.issues.push({
        code: "FORM_SPARSE_ROWS",
        field: join(path, String(index)),
        message: `Row ${index} of "${path}" was sent but the table has ${rows.length} rows; rows must follow on.`,
      });
      continue;
    }
    rows[index] = build(element, child, rows[index], join(path, String(index)), state);
  }
  return rows;
}

/** Without a zod schema there is no shape to follow: rebuild from the names alone, on null prototypes. */
function buildUntyped(tree: ValueTree, path: string, state: State): unknown {
  if (tree.leaf) return tree.raw;
  const keys = [...tree.children.keys()];
  if (keys.length > 0 && keys.every((k) => INDEX.test(k) && String(Number(k)) === k)) {
    const rows: unknown[] = [];
    for (const index of keys.map(Number).sort((a, b) => a - b)) {
      if (index !== rows.length) {
        state.issues.push({
          code: "FORM_SPARSE_ROWS",
          field: join(path, String(index)),
          message: `Row ${index} of "${path}" was sent but rows must follow on from 0.`,
        });
        break;
      }
      rows.push(buildUntyped(tree.children.get(String(index))!, join(path, String(index)), state));
    }
    return rows;
  }
  const out: Record<string, unknown> = Object.create(null);
  for (const [key, child] of tree.children) out[key] = buildUntyped(child, join(path, key), state);
  return out;
}
