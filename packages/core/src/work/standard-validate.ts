import type { StandardSchemaV1 } from "@standard-schema/spec";
import { issuesToFieldErrors, type Validation } from "./validation.ts";
import { WorkError } from "./work-error.ts";

function toValidation<T>(result: StandardSchemaV1.Result<T>): Validation<T> {
  if (result.issues) return { ok: false, errors: issuesToFieldErrors(result.issues) };
  return { ok: true, value: result.value };
}

/** Validates with any Standard Schema (zod, valibot, arktype, …), async refinements allowed. */
export async function validateStandard<T>(
  schema: StandardSchemaV1<unknown, T>,
  input: unknown,
): Promise<Validation<T>> {
  return toValidation(await schema["~standard"].validate(input));
}

/**
 * Synchronous validation, for `create` and `decode` which must not be async (history reads many objects).
 * A schema with async refinements cannot be used there: say so rather than return a Promise as a value.
 */
export function validateStandardSync<T>(
  schema: StandardSchemaV1<unknown, T>,
  input: unknown,
  typeName: string,
): Validation<T> {
  const result = schema["~standard"].validate(input);
  if (result instanceof Promise) {
    result.catch(() => undefined);
    throw new WorkError(
      "WORK_ASYNC_SCHEMA",
      `Work type "${typeName}" has an asynchronous schema; create() and decode() need a synchronous one. ` +
        "Move async checks into the handler, or use validate() which is async.",
    );
  }
  return toValidation(result);
}
