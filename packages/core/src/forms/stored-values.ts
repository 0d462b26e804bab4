import { classify } from "./field-classification.ts";
import { arrayElement, objectShape, unwrap, type ZodSchema } from "./zod-introspection.ts";

/**
 * JSON has no Date: a stored work object carries dates as ISO strings. Before validation, turn them back into
 * Dates exactly where the schema holds a `z.date()`, and leave everything else as it is.
 */
export function coerceStoredValue(schema: ZodSchema, value: unknown, depth = 0): unknown {
  if (depth > 64 || value === null || value === undefined) return value;
  const info = unwrap(schema);
  const cls = classify(info, []);
  if ((cls.kind === "date" || cls.kind === "date-time") && "jsDate" in cls && cls.jsDate)
    return typeof value === "string" ? toDate(value) : value;
  const shape = objectShape(info.schema);
  if (shape && typeof value === "object" && !Array.isArray(value)) {
    // Only the schema's own keys are carried over (zod would strip the rest anyway), onto a null prototype.
    const out: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(shape))
      if (Object.hasOwn(value, key))
        out[key] = coerceStoredValue(shape[key]!, (value as Record<string, unknown>)[key], depth + 1);
    return out;
  }
  const element = arrayElement(info.schema);
  if (element && Array.isArray(value))
    return value.map((item) => coerceStoredValue(element, item, depth + 1));
  return value;
}

function toDate(text: string): unknown {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date;
}
