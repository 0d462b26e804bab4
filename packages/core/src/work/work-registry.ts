import { coerceStoredValue } from "../forms/stored-values.ts";
import { isZodSchema } from "../forms/zod-introspection.ts";
import { WorkError } from "./work-error.ts";
import { type WorkType, workTypeOf } from "./work-type.ts";

/** A work object as stored in a message or state store: `{type, version, ...fields}`, JSON-ready. */
export interface EncodedWork {
  readonly type: string;
  readonly version: string;
  readonly [field: string]: unknown;
}

export type DecodeFailureCode =
  | "DECODE_NOT_OBJECT"
  | "DECODE_UNKNOWN_TYPE"
  | "DECODE_UNREADABLE_VERSION"
  | "DECODE_INVALID";

export type Decoded =
  | { readonly ok: true; readonly value: unknown; readonly type: WorkType<unknown> }
  | { readonly ok: false; readonly code: DecodeFailureCode; readonly reason: string };

/**
 * The only way stored or submitted data becomes a typed object: by a type name looked up HERE, never by a
 * name that selects code (Spring Bot's `Class.forName(formId)`). Unknown names and versions are refused.
 */
export class WorkRegistry {
  readonly #types = new Map<string, WorkType<unknown>>();

  register<T>(type: WorkType<T>): this {
    const existing = this.#types.get(type.typeName);
    if (existing && existing !== (type as unknown))
      throw new WorkError(
        "WORK_DUPLICATE_TYPE",
        `Two work types are named "${type.typeName}"; type names must be unique within a bot.`,
      );
    this.#types.set(type.typeName, type as unknown as WorkType<unknown>);
    return this;
  }

  get(typeName: string): WorkType<unknown> | undefined {
    return this.#types.get(typeName);
  }

  has(typeName: string): boolean {
    return this.#types.has(typeName);
  }

  types(): WorkType<unknown>[] {
    return [...this.#types.values()];
  }

  /** `{type, version, ...fields}` for a work object of a registered type; Dates become ISO strings via JSON. */
  encode(value: unknown): EncodedWork {
    const type = workTypeOf(value);
    if (!type)
      throw new WorkError(
        "WORK_NOT_A_WORK_OBJECT",
        "Cannot encode a plain object: make it with YourType.create(...) or validate it, so its type is known.",
      );
    if (this.#types.get(type.typeName) !== type)
      throw new WorkError(
        "WORK_NOT_A_WORK_OBJECT",
        `Work type "${type.typeName}" is not registered with this registry; register it first.`,
      );
    const fields = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
    return { type: type.typeName, version: type.version, ...fields };
  }

  decode(encoded: unknown): unknown {
    const decoded = this.tryDecode(encoded);
    return decoded.ok ? decoded.value : undefined;
  }

  /** Like decode, but says why an object was refused. */
  tryDecode(encoded: unknown): Decoded {
    if (typeof encoded !== "object" || encoded === null || Array.isArray(encoded))
      return {
        ok: false,
        code: "DECODE_NOT_OBJECT",
        reason: "Stored work must be an object with type and version.",
      };
    const { type: typeName, version, ...fields } = encoded as Record<string, unknown>;
    if (typeof typeName !== "string" || typeof version !== "string")
      return {
        ok: false,
        code: "DECODE_NOT_OBJECT",
        reason: "Stored work has no string `type` and `version`.",
      };
    const type = this.#types.get(typeName);
    if (!type)
      return {
        ok: false,
        code: "DECODE_UNKNOWN_TYPE",
        reason: `Unknown work type "${typeName.slice(0, 100)}".`,
      };
    if (!type.canRead(version))
      return {
        ok: false,
        code: "DECODE_UNREADABLE_VERSION",
        reason: `Work type "${typeName}" reads versions ${type.readVersions.join(", ")}, not "${version.slice(0, 32)}".`,
      };
    const migrated = version !== type.version && type.migrate ? type.migrate(fields, version) : fields;
    const input = isZodSchema(type.schema) ? coerceStoredValue(type.schema, migrated) : migrated;
    const result = type.validateSync(input);
    if (!result.ok)
      return {
        ok: false,
        code: "DECODE_INVALID",
        reason: `Stored "${typeName}" ${version} does not validate: ${Object.entries(result.errors)
          .slice(0, 3)
          .map(([p, m]) => `${p || "(object)"}: ${m}`)
          .join("; ")}`,
      };
    return { ok: true, value: result.value, type };
  }
}
