import { LOOP_BUILTINS } from "./builtins.ts";
import type { Expr } from "./expression-ast.ts";
import { SyntaxFault } from "./template-error.ts";

interface LoopFrame {
  readonly names: readonly string[];
  /** `<@m ; x>`: its loop variables are not #list ones, so `x?index` is refused. */
  readonly userDirective: boolean;
  /** A #macro or #function body does not see the loop variables around its definition. */
  readonly barrier: boolean;
}

/**
 * FreeMarker checks the loop-variable built-ins (`x?index`, `x?has_next`…) while parsing: the left
 * side must be the name of a loop variable of an enclosing `#list … as x` or `#items as x`.
 */
export class LoopVariableScopes {
  private readonly frames: LoopFrame[] = [];

  within<T>(frame: LoopFrame, read: () => T): T {
    this.frames.push(frame);
    try {
      return read();
    } finally {
      this.frames.pop();
    }
  }

  /** Checks every loop-variable built-in in a scanned token (its expressions, in source order). */
  check(token: unknown): void {
    for (const builtin of loopBuiltins(token)) {
      const target = builtin.target;
      if (target.t !== "variable" || !this.isListVariable(target.name)) {
        throw new SyntaxFault(
          target.at,
          `?${builtin.name} needs the name of a #list or #items loop variable.`,
        );
      }
    }
  }

  private isListVariable(name: string): boolean {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const frame = this.frames[i] as LoopFrame;
      if (frame.names.includes(name)) return !frame.userDirective;
      if (frame.barrier) return false;
    }
    return false;
  }
}

function* loopBuiltins(value: unknown): Generator<Expr & { t: "builtin" }> {
  if (Array.isArray(value)) {
    for (const item of value) yield* loopBuiltins(item);
  } else if (value instanceof Map) {
    for (const item of value.values()) yield* loopBuiltins(item);
  } else if (typeof value === "object" && value !== null) {
    const node = value as Expr;
    if (node.t === "builtin" && LOOP_BUILTINS.has(node.name)) yield node;
    for (const item of Object.values(value)) yield* loopBuiltins(item);
  }
}
