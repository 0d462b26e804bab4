/**
 * What a person's chat client checks before it lets them submit a form, read off the form model
 * as the Symphony renderer writes it into the form: required fields, and the length limits of text
 * fields (`minlength` / `maxlength`, written only while the value shown keeps them). The emulator
 * refuses such a submission, so the in-memory platform refuses it too: one scenario means the same
 * on both drivers.
 */
import { type FieldNode, type FormModel, walkFields } from "@sprig/core";

/** Why the client would not submit these values, or undefined if it would. */
export function clientRefusal(
  form: FormModel,
  values: Readonly<Record<string, unknown>>,
): string | undefined {
  if (form.mode !== "edit") return undefined;
  for (const field of walkFields(form.fields)) {
    if (field.readOnly || field.kind === "object" || field.kind === "table" || field.kind === "boolean")
      continue;
    const value = Object.hasOwn(values, field.path) ? values[field.path] : shownValue(field);
    const where = `field "${field.path}"`;
    if (field.required && isEmpty(value)) return `${where} is required`;
    if (field.kind !== "text" || typeof value !== "string" || value === "") continue;
    const shown = field.value;
    const keepsLimits =
      shown === "" ||
      ((field.minLength === undefined || shown.length >= field.minLength) &&
        (field.maxLength === undefined || shown.length <= field.maxLength));
    if (!keepsLimits) continue;
    if (field.maxLength !== undefined && value.length > field.maxLength)
      return `${where} takes at most ${field.maxLength} characters`;
    if (field.minLength !== undefined && value.length < field.minLength)
      return `${where} takes at least ${field.minLength} characters`;
  }
  return undefined;
}

function shownValue(field: FieldNode): unknown {
  return "value" in field ? field.value : undefined;
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)
  );
}
