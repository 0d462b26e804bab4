import { MessageMLFragment } from "./fragment.ts";
import type { MessageMLChild } from "./template.ts";

/** Arguments of a builder that takes optional attributes first, then children. */
export type ElementArgs<A> = [attributes: A, ...children: MessageMLChild[]] | MessageMLChild[];

/** Split `(attributes?, ...children)`: a plain object first is the attributes, anything else a child. */
export function splitArgs<A extends object>(args: readonly unknown[]): [A | undefined, MessageMLChild[]] {
  const first = args[0];
  if (
    first !== null &&
    typeof first === "object" &&
    !Array.isArray(first) &&
    !(first instanceof MessageMLFragment)
  ) {
    return [first as A, args.slice(1) as MessageMLChild[]];
  }
  return [undefined, args as MessageMLChild[]];
}

/** camelCase option names to MessageML's dashed attribute names (`patternErrorMessage` → `pattern-error-message`). */
export function dashed(options: object | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!options) return out;
  for (const [key, value] of Object.entries(options)) {
    out[key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)] = value;
  }
  return out;
}
