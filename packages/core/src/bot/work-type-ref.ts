/**
 * How the engine names "a work type whose objects are T", whatever its schema's input type.
 * `WorkType<T, In>` is invariant in `In`, so accepting every work type needs `any` there.
 */
import type { WorkRegistry, WorkType } from "../work/index.ts";

// biome-ignore lint/suspicious/noExplicitAny: the input type does not matter to the engine.
export type WorkTypeRef<T = unknown> = WorkType<T, any>;

/** Register a work type (idempotent for the same type; the registry refuses two types of one name). */
export function registerWorkType(registry: WorkRegistry, type: WorkTypeRef): void {
  if (registry.get(type.typeName) !== type) registry.register(type as WorkType<unknown, never>);
}
