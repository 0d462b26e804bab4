import type { z } from "zod";
import { type FieldMeta, metaOf } from "./field-meta.ts";

/**
 * The one place that reads zod 4's internal definition (`schema._zod.def`), so a zod change is fixed here
 * and caught by test/forms/zod-introspection.test.ts. zod documents `_zod.def` for library authors.
 */
export type ZodSchema = z.core.$ZodType;

export function isZodSchema(value: unknown): value is ZodSchema {
  if (typeof value !== "object" || value === null || !("_zod" in value)) return false;
  const internals = (value as { _zod?: { def?: { type?: unknown } } })._zod;
  return typeof internals?.def?.type === "string";
}

type AnyDef = { type: string } & Record<string, unknown>;

export function defOf(schema: ZodSchema): AnyDef {
  return schema._zod.def as unknown as AnyDef;
}

/** A schema seen through its wrappers: what the field is, and what the wrappers say about it. */
export interface SchemaInfo {
  /** The innermost schema (after optional / nullable / default / readonly / catch / pipe input). */
  readonly schema: ZodSchema;
  readonly type: string;
  readonly optional: boolean;
  readonly nullable: boolean;
  readonly hasDefault: boolean;
  /** Metadata merged over the wrapper chain; the outermost setting wins. */
  readonly meta: FieldMeta;
}

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "catch", "readonly", "nonoptional"]);
const MAX_UNWRAP = 32;

export function unwrap(outer: ZodSchema): SchemaInfo {
  let schema = outer;
  let optional = false;
  let nullable = false;
  let hasDefault = false;
  let forcedRequired = false;
  const metas: FieldMeta[] = [];
  for (let depth = 0; depth < MAX_UNWRAP; depth++) {
    metas.push(metaOf(schema));
    const def = defOf(schema);
    // Walking outside-in: an outer .nonoptional() overrides any .optional() inside it.
    if (def.type === "optional" && !forcedRequired) optional = true;
    else if (def.type === "nullable") nullable = true;
    else if (def.type === "default" || def.type === "prefault" || def.type === "catch") hasDefault = true;
    else if (def.type === "nonoptional") forcedRequired = true;
    if (WRAPPERS.has(def.type)) schema = def.innerType as ZodSchema;
    // A form edits what goes IN to a pipe (e.g. the string before a transform).
    else if (def.type === "pipe") schema = def.in as ZodSchema;
    else if (def.type === "lazy") schema = (def.getter as () => ZodSchema)();
    else break;
  }
  const meta: Record<string, unknown> = {};
  for (const layer of metas.reverse()) Object.assign(meta, layer);
  return { schema, type: defOf(schema).type, optional, nullable, hasDefault, meta };
}

/** Own shape of an object schema, or undefined for anything else. */
export function objectShape(schema: ZodSchema): Readonly<Record<string, ZodSchema>> | undefined {
  const def = defOf(schema);
  return def.type === "object" ? (def.shape as Record<string, ZodSchema>) : undefined;
}

export function arrayElement(schema: ZodSchema): ZodSchema | undefined {
  const def = defOf(schema);
  return def.type === "array" ? (def.element as ZodSchema) : undefined;
}

/** Literal values of an enum, a literal, or a union of literals; undefined if not a closed choice. */
export function choiceValues(schema: ZodSchema): readonly (string | number)[] | undefined {
  const def = defOf(schema);
  if (def.type === "enum") return Object.values(def.entries as Record<string, string | number>);
  if (def.type === "literal") return literalValues(def);
  if (def.type === "union") {
    const all: (string | number)[] = [];
    for (const option of def.options as ZodSchema[]) {
      const inner = unwrap(option);
      if (inner.type !== "literal") return undefined;
      const values = literalValues(defOf(inner.schema));
      if (!values) return undefined;
      all.push(...values);
    }
    return all;
  }
  return undefined;
}

function literalValues(def: AnyDef): (string | number)[] | undefined {
  const values = def.values as unknown[];
  return values.every((v) => typeof v === "string" || typeof v === "number")
    ? (values as (string | number)[])
    : undefined;
}

/** zod's string format (`email`, `date`, `time`, `datetime`, `url`, `regex`, …) or undefined. */
export function stringFormat(schema: ZodSchema): string | undefined {
  const format = defOf(schema).format;
  return typeof format === "string" ? format : undefined;
}

export interface Constraints {
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  integer?: boolean;
  pattern?: string;
  minDate?: Date;
  maxDate?: Date;
}

type CheckDef = Record<string, unknown> & { check: string };

function checksOf(schema: ZodSchema): CheckDef[] {
  const checks = (defOf(schema).checks ?? []) as { _zod: { def: CheckDef } }[];
  return checks.map((check) => check._zod.def);
}

/** min/max/length/pattern/integer, read from the schema's checks. Exclusive bounds are reported as is. */
export function constraintsOf(schema: ZodSchema): Constraints {
  const out: Constraints = {};
  const def = defOf(schema);
  if (def.type === "string" && def.format === "regex" && def.pattern instanceof RegExp)
    out.pattern = def.pattern.source;
  for (const check of checksOf(schema)) {
    switch (check.check) {
      case "min_length":
        out.minLength = check.minimum as number;
        break;
      case "max_length":
        out.maxLength = check.maximum as number;
        break;
      case "length_equals":
        out.minLength = out.maxLength = check.length as number;
        break;
      case "greater_than":
        if (check.value instanceof Date) out.minDate = check.value;
        else out.min = Number(check.value);
        break;
      case "less_than":
        if (check.value instanceof Date) out.maxDate = check.value;
        else out.max = Number(check.value);
        break;
      case "number_format":
        if (String(check.format).includes("int")) out.integer = true;
        break;
      case "string_format":
        if (check.format === "regex" && check.pattern instanceof RegExp) out.pattern = check.pattern.source;
        break;
    }
  }
  return out;
}

/** Is this schema (after unwrapping) an object with `kind: z.literal(kind)`? That is how User and Chat look. */
export function isAddressableSchema(schema: ZodSchema, kind: "user" | "chat"): boolean {
  const shape = objectShape(schema);
  const kindField = shape?.kind;
  if (!kindField || !shape.id || !shape.platform) return false;
  const values = choiceValues(unwrap(kindField).schema);
  return values?.length === 1 && values[0] === kind;
}
