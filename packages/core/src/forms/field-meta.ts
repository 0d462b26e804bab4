import { z } from "zod";

/** Where a dropdown's options come from: a dotted path into the form data, then into the work object. */
export interface DropdownSource {
  readonly source: string;
  /** Property of each option item holding its value (default: the item itself, or `id`, or `value`). */
  readonly value?: string;
  /** Property of each option item holding its label (default: `name`, then `label`, then the value). */
  readonly label?: string;
}

/**
 * What an author can say about a field, beyond its type. Set it with zod's `.meta({...})` or with
 * `field(schema, {...})` (sprig's own registry, which does not leak into JSON Schema output).
 */
export interface FieldMeta {
  /** Default: the property name split into words, e.g. `dueDate` → "Due date". zod's `title` also works. */
  readonly label?: string;
  readonly hidden?: boolean;
  readonly readOnly?: boolean;
  /** Rendering hint for adapters, e.g. "textarea", "radio". */
  readonly widget?: string;
  readonly placeholder?: string;
  readonly description?: string;
  /** Position among siblings; lower first. Fields without an order keep declaration order, after ordered ones. */
  readonly order?: number;
  readonly dropdown?: DropdownSource;
  /** Forces a field kind by name (built-in like "timezone", or one made with `defineFieldKind`). */
  readonly kind?: string;
}

/** sprig's own metadata registry (zod 4 registries are weakly keyed by schema instance). */
export const fieldMeta = z.registry<FieldMeta>();

/** Attaches field metadata to a schema and returns the same schema, so it can be used inline. */
export function field<S extends z.ZodType>(schema: S, meta: FieldMeta): S {
  fieldMeta.add(schema, meta);
  return schema;
}

const KNOWN_KEYS = [
  "label",
  "hidden",
  "readOnly",
  "widget",
  "placeholder",
  "description",
  "order",
  "dropdown",
  "kind",
] as const;

/** Reads what both registries hold for one schema instance (zod's `.meta()` and `.describe()` included). */
export function metaOf(schema: z.core.$ZodType): FieldMeta {
  const global = (z.globalRegistry.get(schema) ?? {}) as Record<string, unknown>;
  const own = (fieldMeta.get(schema) ?? {}) as Record<string, unknown>;
  const merged: Record<string, unknown> = {};
  for (const key of KNOWN_KEYS) {
    const value = own[key] ?? global[key];
    if (value !== undefined) merged[key] = value;
  }
  if (merged.label === undefined && typeof global.title === "string") merged.label = global.title;
  return merged as FieldMeta;
}

/** `dueDate` → "Due date", `userID` → "User ID", `first_name` → "First name". */
export function defaultLabel(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[\s_-]+/)
    .filter((word) => word.length > 0)
    .map((word, i) => (i === 0 || /^[A-Z0-9]+$/.test(word) ? word : word.toLowerCase()));
  const sentence = words.join(" ");
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
