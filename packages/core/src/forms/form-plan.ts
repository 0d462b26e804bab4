import { type Classified, classify } from "./field-classification.ts";
import { type FieldKind, globalKindsVersion } from "./field-kinds.ts";
import { defaultLabel } from "./field-meta.ts";
import type { ChoiceOption, TableColumn } from "./form-model.ts";
import { constraintsOf, type SchemaInfo, unwrap, type ZodSchema } from "./zod-introspection.ts";

/**
 * Everything about a field that depends on the schema only — its kind, metadata, constraints, children and
 * columns — worked out once per schema instance and cached, so building a form for a value is just filling
 * in values and errors. The cache is keyed weakly by schema, per set of custom kinds.
 */
export interface FieldPlan {
  /** The schema as declared (with its wrappers: default, optional, …). */
  readonly schema: ZodSchema;
  readonly info: SchemaInfo;
  readonly cls: Classified;
  readonly required: boolean;
  /** Static node properties: placeholder, description, widget and the kind's constraints. */
  readonly statics: Readonly<Record<string, unknown>>;
  /** Object fields, visible ones only, in author order. */
  readonly children?: readonly ChildPlan[];
  /** Object fields by name, hidden ones included (for reading submissions and stored data). */
  readonly byKey?: ReadonlyMap<string, FieldPlan>;
  /** Table rows. */
  readonly element?: FieldPlan;
  readonly columns?: readonly TableColumn[];
  readonly choiceOptions?: readonly ChoiceOption[];
}

export interface ChildPlan {
  readonly key: string;
  readonly label: string;
  readonly plan: FieldPlan;
}

const NO_KINDS: readonly FieldKind[] = [];
const caches = new WeakMap<readonly FieldKind[], { version: number; plans: WeakMap<ZodSchema, FieldPlan> }>();

export function planOf(schema: ZodSchema, kinds: readonly FieldKind[] = NO_KINDS): FieldPlan {
  let cache = caches.get(kinds);
  if (!cache || cache.version !== globalKindsVersion()) {
    cache = { version: globalKindsVersion(), plans: new WeakMap() };
    caches.set(kinds, cache);
  }
  let plan = cache.plans.get(schema);
  if (!plan) {
    plan = makePlan(schema, kinds, 0);
    cache.plans.set(schema, plan);
  }
  return plan;
}

export function labelOf(info: SchemaInfo, key: string): string {
  return info.meta.label ?? defaultLabel(key);
}

const MAX_DEPTH = 32;

/**
 * A recursive schema (z.lazy) or one nested absurdly deep is cut where it repeats: that node becomes
 * "unsupported" (shown as read-only JSON, taken as is from input and left to the schema to judge).
 */
function makePlan(
  schema: ZodSchema,
  kinds: readonly FieldKind[],
  depth: number,
  ancestors: ReadonlySet<ZodSchema> = new Set(),
): FieldPlan {
  const info = unwrap(schema);
  const repeats = depth > MAX_DEPTH || ancestors.has(info.schema);
  const cls: Classified = repeats ? { kind: "unsupported", type: "recursive" } : classify(info, kinds);
  const inside = new Set(ancestors).add(info.schema);
  const base = {
    schema,
    info,
    cls,
    required: !info.optional && !info.nullable && !info.hasDefault && !(cls.kind === "boolean"),
    statics: staticsOf(info, cls),
  };
  if (cls.kind === "object") {
    const byKey = new Map<string, FieldPlan>();
    for (const [key, child] of Object.entries(cls.shape))
      byKey.set(key, makePlan(child, kinds, depth + 1, inside));
    const children = orderedEntries(cls.shape).map(([key]) => {
      const plan = byKey.get(key)!;
      return { key, label: labelOf(plan.info, key), plan };
    });
    return Object.freeze({ ...base, children, byKey });
  }
  if (cls.kind === "table") {
    const element = makePlan(cls.element, kinds, depth + 1, inside);
    const columns: TableColumn[] = element.children
      ? element.children.map(({ key, label, plan }) => ({ key, label, kind: kindName(plan.cls) }))
      : [{ key: "", label: "", kind: kindName(element.cls) }];
    return Object.freeze({ ...base, element, columns });
  }
  if (cls.kind === "choice") {
    const choiceOptions = (cls.choices ?? []).map((v) => ({
      value: String(v),
      label:
        ownLabel(info.meta.optionLabels, String(v)) ?? (typeof v === "number" ? String(v) : defaultLabel(v)),
    }));
    return Object.freeze({ ...base, choiceOptions });
  }
  return Object.freeze(base);
}

function ownLabel(labels: Readonly<Record<string, string>> | undefined, value: string): string | undefined {
  return labels && Object.hasOwn(labels, value) ? labels[value] : undefined;
}

export function kindName(cls: Classified): string {
  return cls.kind === "custom" ? cls.fieldKind.name : cls.kind;
}

/** Visible properties in author order: explicit `order` first (ascending), then declaration order. */
function orderedEntries(shape: Readonly<Record<string, ZodSchema>>): [string, ZodSchema][] {
  return Object.entries(shape)
    .map(([key, schema], position) => ({ key, schema, position, meta: unwrap(schema).meta }))
    .filter(({ meta }) => meta.hidden !== true)
    .sort((a, b) => {
      const ao = a.meta.order ?? Number.POSITIVE_INFINITY;
      const bo = b.meta.order ?? Number.POSITIVE_INFINITY;
      return ao === bo ? a.position - b.position : ao - bo;
    })
    .map(({ key, schema }) => [key, schema]);
}

function defined(entries: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) out[key] = value;
  return out;
}

function staticsOf(info: SchemaInfo, cls: Classified): Readonly<Record<string, unknown>> {
  const { meta } = info;
  const common = { placeholder: meta.placeholder, description: meta.description, widget: meta.widget };
  const c = constraintsOf(info.schema);
  switch (cls.kind) {
    case "text": {
      const format = (info.schema._zod.def as { format?: unknown }).format;
      return defined({
        ...common,
        multiline: meta.widget === "textarea",
        minLength: c.minLength,
        maxLength: c.maxLength,
        pattern: c.pattern,
        format: typeof format === "string" && format !== "regex" ? format : undefined,
      });
    }
    case "number":
      return defined({ ...common, integer: c.integer === true, min: c.min, max: c.max });
    case "date":
      return defined({
        ...common,
        min: c.minDate?.toISOString().slice(0, 10),
        max: c.maxDate?.toISOString().slice(0, 10),
      });
    case "table":
      return defined({ ...common, minRows: c.minLength, maxRows: c.maxLength });
    default:
      return defined(common);
  }
}
