import type { StandardSchemaV1 } from "@standard-schema/spec";
import { buildFormModel, type FormOptions } from "../forms/build-form-model.ts";
import type { FieldKind } from "../forms/field-kinds.ts";
import type { FormMode, FormModel } from "../forms/form-model.ts";
import { checkOfferedValues, withoutValuesAt } from "../forms/offered-values.ts";
import { type FromFormValuesOptions, rebuildFormValues } from "../forms/rebuild-form-values.ts";
import { defOf, isZodSchema, objectShape, unwrap, type ZodSchema } from "../forms/zod-introspection.ts";
import { validateStandard, validateStandardSync } from "./standard-validate.ts";
import type { FieldErrors, FormInputIssue, Validation } from "./validation.ts";
import { WorkError } from "./work-error.ts";

export type Output<S extends StandardSchemaV1> = StandardSchemaV1.InferOutput<S>;
export type Input<S extends StandardSchemaV1> = StandardSchemaV1.InferInput<S>;

export const DEFAULT_VIEW_TEMPLATE = "default-view";
export const DEFAULT_EDIT_TEMPLATE = "default-edit";

export interface WorkOptions {
  /** Version written with every object of this type. Default "1.0". */
  readonly version?: string;
  /** Versions this type can read; `"*"` is any version, `"1.*"` any 1.x. The write version is always readable. */
  readonly readVersions?: readonly string[];
  /**
   * Template names per mode. Defaults are "default-view" / "default-edit", which adapters take to mean
   * "generate from the form model"; a name set here must exist in the adapter's templates.
   */
  readonly templates?: { readonly view?: string; readonly edit?: string };
  /**
   * Can be found in history (default true). `false`: its messages carry no tags and history
   * lookups of it are refused (WORK_NOT_INDEXED); its forms still work (a press reads the object
   * from the message pressed).
   */
  readonly index?: boolean;
  /**
   * Tags every object of this type is sent with, besides the type name: history finds it by any of
   * them (`history.latest(Type, { tag })`). Needs `index` (WORK_NOT_INDEXED otherwise).
   */
  readonly tags?: readonly string[];
  /** Custom field kinds for this type's forms, checked before globally registered ones. */
  readonly fieldKinds?: readonly FieldKind[];
  /**
   * Upgrades an object written in an older readable version to the current shape, before validation.
   * Receives the decoded fields (without `type` / `version`) and the version they were written in.
   */
  readonly migrate?: (fields: Record<string, unknown>, fromVersion: string) => unknown;
  /**
   * Form model for a schema sprig cannot introspect (any Standard Schema that is not zod).
   * Without it, `form()` on such a type throws WORK_NO_FORM_MODEL.
   */
  readonly form?: (mode: FormMode, value: unknown, errors: FieldErrors, options: FormOptions) => FormModel;
}

export interface WorkType<T, In = unknown> {
  readonly typeName: string;
  readonly version: string;
  readonly readVersions: readonly string[];
  readonly templates: { readonly view: string; readonly edit: string };
  readonly index: boolean;
  readonly tags: readonly string[];
  readonly schema: StandardSchemaV1<In, T>;
  readonly migrate?: (fields: Record<string, unknown>, fromVersion: string) => unknown;
  /** This type's own custom field kinds (globally registered ones apply too). */
  readonly fieldKinds: readonly FieldKind[];
  canRead(version: string): boolean;
  /** A new object with the schema's defaults applied (defaults may be functions). Throws WORK_INVALID. */
  create(input?: In): T;
  /** True for objects this type created, validated or decoded (a non-enumerable brand). */
  is(value: unknown): value is T;
  /** Marks an object as this type after checking it; throws WORK_INVALID if it does not validate. */
  brand(value: unknown): T;
  validate(untrusted: unknown): Promise<Validation<T>>;
  /** Synchronous validation (throws WORK_ASYNC_SCHEMA if the schema has async refinements). */
  validateSync(untrusted: unknown): Validation<T>;
  /**
   * Flat submitted form values (`{"items.0.description": "Milk"}`) → a validated object.
   * Unknown fields, `__proto__` / `constructor` / `prototype` segments, huge or skipped row indexes are
   * refused with coded `issues`; wrong types come back as field errors from the schema.
   * Pass the button id separately: it is not a field.
   */
  fromFormValues(
    values: Readonly<Record<string, unknown>>,
    options?: FromFormValuesOptions,
  ): Promise<Validation<T>>;
  form(mode: FormMode, value: T | unknown, errors?: FieldErrors, options?: FormOptions): FormModel;
}

const WORK_BRAND: unique symbol = Symbol("sprig.work");

/** The work type an object was created, validated or decoded as. */
export function workTypeOf(value: unknown): WorkType<unknown> | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  return (value as { [WORK_BRAND]?: WorkType<unknown> })[WORK_BRAND];
}

function setBrand(value: unknown, type: WorkType<unknown>): void {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return;
  Object.defineProperty(value, WORK_BRAND, { value: type, enumerable: false, configurable: true });
}

const TYPE_NAME = /^[A-Za-z][A-Za-z0-9._-]{0,99}$/;
const VERSION = /^[A-Za-z0-9._-]{1,32}$/;
const READ_VERSION = /^(\*|[A-Za-z0-9._-]{1,32}\*?)$/;
const RESERVED_FIELDS = ["type", "version"];

/** A tag is one word: the platforms show tags as hashtags, and refuse ones with spaces or markers. */
const TAG = /^[^\s#$<>&"']{1,64}$/u;

function checkTags(typeName: string, index: boolean, tags: readonly string[]) {
  if (tags.length > 0 && !index)
    throw new WorkError(
      "WORK_NOT_INDEXED",
      `Work type "${typeName}" has tags but index: false; tags are for finding objects in history, so drop them or the index: false.`,
    );
  for (const tag of tags)
    if (typeof tag !== "string" || !TAG.test(tag))
      throw new WorkError(
        "WORK_BAD_TAG",
        `Tag "${String(tag).slice(0, 80)}" of work type "${typeName}" is not valid: one word of at most 64 characters, without spaces, #, $, <, >, & or quotes.`,
      );
}

function checkDefinition(
  typeName: string,
  schema: StandardSchemaV1,
  version: string,
  readVersions: readonly string[],
) {
  if (!TYPE_NAME.test(typeName))
    throw new WorkError(
      "WORK_BAD_TYPE_NAME",
      `Work type name "${typeName}" is not valid: start with a letter; use letters, digits, ".", "_" or "-" (at most 100).`,
    );
  if (!VERSION.test(version))
    throw new WorkError(
      "WORK_BAD_VERSION",
      `Version "${version}" of work type "${typeName}" is not valid (e.g. "1.0").`,
    );
  for (const v of readVersions)
    if (!READ_VERSION.test(v))
      throw new WorkError(
        "WORK_BAD_VERSION",
        `Read version "${v}" of work type "${typeName}" is not valid (e.g. "1.0", "1.*", "*").`,
      );
  if (!isZodSchema(schema)) return;
  const shape = objectShape(unwrap(schema).schema);
  if (!shape)
    throw new WorkError(
      "WORK_SCHEMA_NOT_OBJECT",
      `Work type "${typeName}" needs an object schema (z.object({...})), not ${defOf(unwrap(schema).schema).type}.`,
    );
  for (const reserved of RESERVED_FIELDS)
    if (Object.hasOwn(shape, reserved))
      throw new WorkError(
        "WORK_RESERVED_FIELD",
        `Work type "${typeName}" declares a field "${reserved}", which the stored form uses for the type; rename the field.`,
      );
}

export function versionMatches(pattern: string, version: string): boolean {
  if (pattern === "*") return true;
  if (pattern.endsWith("*")) return version.startsWith(pattern.slice(0, -1));
  return pattern === version;
}

function firstErrors(errors: FieldErrors): string {
  return Object.entries(errors)
    .slice(0, 3)
    .map(([path, message]) => `${path || "(form)"}: ${message}`)
    .join("; ");
}

/** One readable line for the whole form: the first few refusals, then how many more (names are untrusted). */
function summarizeIssues(issues: readonly FormInputIssue[]): string {
  const shown = issues.slice(0, 3).map((i) => i.message);
  if (issues.length > 3) shown.push(`…and ${issues.length - 3} more refused field(s).`);
  return shown.join(" ");
}

/** Declares a named, versioned work type from a Standard Schema (zod by default). */
export function work<S extends StandardSchemaV1>(
  typeName: string,
  schema: S,
  options: WorkOptions = {},
): WorkType<Output<S>, Input<S>> {
  type T = Output<S>;
  const version = options.version ?? "1.0";
  const readVersions = Object.freeze([...new Set([version, ...(options.readVersions ?? [])])]);
  checkDefinition(typeName, schema, version, readVersions);
  const index = options.index ?? true;
  const tags = Object.freeze([...new Set(options.tags ?? [])]);
  checkTags(typeName, index, tags);
  const zodSchema: ZodSchema | undefined = isZodSchema(schema) ? schema : undefined;
  const kinds = Object.freeze([...(options.fieldKinds ?? [])]);
  const typed = schema as unknown as StandardSchemaV1<Input<S>, T>;

  const branded = (result: Validation<T>): Validation<T> => {
    if (result.ok) setBrand(result.value, type as WorkType<unknown>);
    return result;
  };

  const type: WorkType<T, Input<S>> = {
    typeName,
    version,
    readVersions,
    templates: Object.freeze({
      view: options.templates?.view ?? DEFAULT_VIEW_TEMPLATE,
      edit: options.templates?.edit ?? DEFAULT_EDIT_TEMPLATE,
    }),
    index,
    tags,
    schema: typed,
    fieldKinds: kinds,
    ...(options.migrate ? { migrate: options.migrate } : {}),
    canRead: (v) => readVersions.some((pattern) => versionMatches(pattern, v)),
    create(input) {
      return type.brand(input ?? {});
    },
    is(value): value is T {
      return workTypeOf(value) === (type as WorkType<unknown>);
    },
    brand(value) {
      const result = branded(validateStandardSync(typed, value, typeName));
      if (!result.ok)
        throw new WorkError(
          "WORK_INVALID",
          `Not a valid "${typeName}": ${firstErrors(result.errors)}`,
          result.errors,
        );
      return result.value;
    },
    async validate(untrusted) {
      return branded(await validateStandard(typed, untrusted));
    },
    validateSync(untrusted) {
      return branded(validateStandardSync(typed, untrusted, typeName));
    },
    async fromFormValues(values, fromOptions = {}) {
      const rebuilt = rebuildFormValues(zodSchema, values, kinds, fromOptions);
      if (rebuilt.issues.length > 0) {
        const errors: Record<string, string> = { "": summarizeIssues(rebuilt.issues) };
        return { ok: false, errors: Object.freeze(errors), issues: rebuilt.issues, draft: rebuilt.value };
      }
      const result = branded(await validateStandard(typed, rebuilt.value));
      const notOffered = fromOptions.offered
        ? await checkOfferedValues(values, rebuilt.value, fromOptions.offered)
        : {};
      const fieldErrors = { ...notOffered, ...rebuilt.fieldErrors };
      if (result.ok && Object.keys(fieldErrors).length === 0) return result;
      return {
        ok: false,
        // The schema's own word on a field comes before "not offered" (it says what is wrong with the value).
        errors: Object.freeze({ ...notOffered, ...(result.ok ? {} : result.errors), ...rebuilt.fieldErrors }),
        // The form shown back never echoes a value it did not offer: a forged id would reach the
        // platform's markup (a pod refuses a person-selector holding "not-a-user") and fail the reply.
        draft: withoutValuesAt(rebuilt.value, Object.keys(notOffered)),
      };
    },
    form(mode, value, errors = {}, formOptions = {}) {
      const template = formOptions.template ?? type.templates[mode];
      if (options.form) return options.form(mode, value, errors, { ...formOptions, template });
      if (!zodSchema)
        throw new WorkError(
          "WORK_NO_FORM_MODEL",
          `Work type "${typeName}" uses a schema sprig cannot read fields from (not zod); pass a \`form\` option to work().`,
        );
      return buildFormModel({
        ...formOptions,
        typeName,
        version,
        template,
        mode,
        schema: zodSchema,
        value,
        errors,
        kinds,
      });
    },
  };
  return Object.freeze(type);
}
