/**
 * Secrets taken out of any value on its way out of the adapter: into a log call of a logger that
 * is not ours, or into an error thrown to the caller. Strings are scrubbed wherever they sit
 * (fields, arrays, an error's message, stack and cause), so no serializer downstream can find one.
 */

/** Deeper than this, a value is not copied but replaced: nothing the adapter logs nests so deep. */
const MAX_DEPTH = 8;
const TOO_DEEP = "[not logged: nested too deep]";

export type Scrub = (text: string) => string;

/** A copy of `value` with every string scrubbed; errors stay errors (same prototype), cycles stay cycles. */
export function scrubbedValue(value: unknown, scrub: Scrub): unknown {
  return copy(value, scrub, new Map(), 0);
}

/**
 * Scrubs an error in place (message, stack, every own string field, `cause` and nested errors), so
 * whoever catches it — core's logger, the caller's — sees no secret, and it keeps its identity
 * (`instanceof`, `code`, `status`). Returns the same error.
 */
export function scrubErrorInPlace<E>(error: E, scrub: Scrub, seen = new Set<object>()): E {
  if (!(error instanceof Error) || seen.has(error)) return error;
  seen.add(error);
  for (const key of Reflect.ownKeys(error)) {
    const descriptor = Object.getOwnPropertyDescriptor(error, key);
    if (!descriptor || !("value" in descriptor) || !descriptor.configurable) continue;
    const value: unknown = descriptor.value;
    const clean =
      value instanceof Error ? scrubErrorInPlace(value, scrub, seen) : scrubbedValue(value, scrub);
    if (clean !== value) Object.defineProperty(error, key, { ...descriptor, value: clean });
  }
  // V8 may keep `stack` as an accessor: set it through the setter.
  if (typeof error.stack === "string") {
    const clean = scrub(error.stack);
    if (clean !== error.stack) {
      try {
        error.stack = clean;
      } catch {
        // A frozen error keeps its stack; its message was scrubbed above.
      }
    }
  }
  return error;
}

function copy(value: unknown, scrub: Scrub, seen: Map<object, unknown>, depth: number): unknown {
  if (typeof value === "string") return scrub(value);
  if (typeof value !== "object" || value === null) return value;
  if (seen.has(value)) return seen.get(value);
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  if (value instanceof Date || value instanceof RegExp || ArrayBuffer.isView(value)) return value;
  if (value instanceof URL) return scrub(value.href);
  if (Array.isArray(value)) {
    const result: unknown[] = [];
    seen.set(value, result);
    for (const item of value) result.push(copy(item, scrub, seen, depth + 1));
    return result;
  }
  if (!(value instanceof Error) && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return copy((value as { toJSON(): unknown }).toJSON(), scrub, seen, depth + 1);
  }
  const result = Object.create(Object.getPrototypeOf(value)) as Record<PropertyKey, unknown>;
  seen.set(value, result);
  // Own properties, enumerable or not: an error's message and stack are not enumerable.
  const keys = value instanceof Error ? Reflect.ownKeys(value) : Object.keys(value);
  for (const key of keys) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (!descriptor || !("value" in descriptor)) continue;
    Object.defineProperty(result, key, {
      ...descriptor,
      value: copy(descriptor.value, scrub, seen, depth + 1),
      writable: true,
      configurable: true,
    });
  }
  if (value instanceof Error && !Object.hasOwn(result, "stack") && typeof value.stack === "string") {
    Object.defineProperty(result, "stack", { value: scrub(value.stack), writable: true, configurable: true });
  }
  return result;
}
