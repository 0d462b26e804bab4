import type { FormMode } from "./form-model.ts";
import type { SchemaInfo } from "./zod-introspection.ts";

/** What a custom field kind is told when it turns a value into a form node. */
export interface FieldKindContext {
  readonly mode: FormMode;
  readonly path: string;
  readonly info: SchemaInfo;
}

/**
 * An author-defined field kind, e.g. a money amount. The form model carries nodes of this kind as
 * `CustomField { kind: "custom", customKind: name, value, props }`; each adapter has its own renderer registry keyed
 * by the same name, so "how Symphony / Teams render it" lives with the adapter, not here.
 *
 * A custom field is one input: its form value arrives under the node's path and `parse` turns it into
 * what the schema expects (the schema still validates the result).
 */
export interface FieldKind {
  readonly name: string;
  /** Does this (unwrapped) schema use this kind? Checked before the built-in kinds. */
  matches(info: SchemaInfo): boolean;
  /** Extra, renderer-specific properties of the node (e.g. the currency list). */
  props?(value: unknown, context: FieldKindContext): Readonly<Record<string, unknown>>;
  /** Plain text of a value, for view mode and logs. Default: String(value). */
  text?(value: unknown): string;
  /** The submitted form value (usually a string) → the schema's input. Default: unchanged. */
  parse?(raw: unknown): unknown;
}

const BUILT_IN = new Set([
  "custom",
  "text",
  "number",
  "boolean",
  "choice",
  "dropdown",
  "date",
  "time",
  "date-time",
  "timezone",
  "user",
  "chat",
  "object",
  "table",
]);

export class FieldKindError extends Error {
  override readonly name = "FieldKindError";
  readonly code = "FORM_BAD_FIELD_KIND";
}

/** Checks a custom kind's definition and returns it; register it on a work type or globally. */
export function defineFieldKind(kind: FieldKind): FieldKind {
  if (!/^[a-z][a-z0-9-]{0,63}$/.test(kind.name))
    throw new FieldKindError(
      `Field kind name "${kind.name}" is not valid: use lower-case letters, digits and "-", starting with a letter.`,
    );
  if (BUILT_IN.has(kind.name))
    throw new FieldKindError(`Field kind "${kind.name}" is built in; choose another name for a custom kind.`);
  return Object.freeze({ ...kind });
}

const globalKinds = new Map<string, FieldKind>();

/** Makes a custom kind apply to every work type (a work type's own `fieldKinds` are checked first). */
export function registerFieldKind(kind: FieldKind): void {
  const defined = defineFieldKind(kind);
  globalKinds.set(defined.name, defined);
}

export function unregisterFieldKind(name: string): void {
  globalKinds.delete(name);
}

/** The custom kind that claims this schema: forced by metadata `kind`, else the first whose `matches` is true. */
export function findCustomKind(info: SchemaInfo, own: readonly FieldKind[]): FieldKind | undefined {
  const all = [...own, ...globalKinds.values()];
  if (info.meta.kind !== undefined) {
    const named = all.find((k) => k.name === info.meta.kind);
    if (named) return named;
  }
  return all.find((k) => k.matches(info));
}
