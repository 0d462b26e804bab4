import type { StandardSchemaV1 } from "@standard-schema/spec";
import { z } from "zod";
import { plainIssueMessage } from "../forms/plain-issue-messages.ts";
import { isZodSchema } from "../forms/zod-introspection.ts";
import { issuesToFieldErrors, type Validation } from "./validation.ts";
import { WorkError } from "./work-error.ts";

function toValidation<T>(result: StandardSchemaV1.Result<T>): Validation<T> {
  if (result.issues) return { ok: false, errors: issuesToFieldErrors(result.issues) };
  return { ok: true, value: result.value };
}

/**
 * Validates with any Standard Schema (zod, valibot, arktype, …), async refinements allowed. A zod
 * schema's own default messages are replaced by plain ones (plain-issue-messages.ts): these errors are
 * what a person sees next to a field. The schema author's own messages stay as written.
 */
export async function validateStandard<T>(
  schema: StandardSchemaV1<unknown, T>,
  input: unknown,
): Promise<Validation<T>> {
  if (isZodSchema(schema)) {
    const result = await z.core.safeParseAsync(schema, input, { error: plainIssueMessage });
    return toValidation(result.success ? { value: result.data as T } : { issues: result.error.issues });
  }
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
