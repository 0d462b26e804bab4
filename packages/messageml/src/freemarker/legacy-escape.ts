import type { Expr } from "./expression-ast.ts";
import { SyntaxFault } from "./template-error.ts";

/**
 * `<#escape x as x?html>…</#escape>`: FreeMarker rewrites every `${expr}` inside (lexically, while
 * parsing) into the escape expression with `x` replaced by `expr`. An inner #escape's expression is
 * itself rewritten by the outer one, so they chain; `<#noescape>` sets the innermost aside until
 * `</#noescape>`. Interpolations in string literals and `#{…}` are left alone, as in FreeMarker.
 */
export class EscapeStack {
  private readonly active: { readonly name: string; readonly expr: Expr }[] = [];
  private readonly setAside: { readonly name: string; readonly expr: Expr }[] = [];

  /** `${expr}` as the innermost active #escape rewrites it. */
  apply(expr: Expr): Expr {
    const top = this.active.at(-1);
    return top === undefined ? expr : replaceVariable(top.expr, top.name, expr);
  }

  open(name: string, expr: Expr): void {
    this.active.push({ name, expr: this.apply(expr) });
  }

  close(): void {
    this.active.pop();
  }

  openNoescape(at: number): void {
    const top = this.active.pop();
    if (top === undefined) throw new SyntaxFault(at, "#noescape with no matching #escape encountered.");
    this.setAside.push(top);
  }

  closeNoescape(): void {
    const top = this.setAside.pop();
    if (top !== undefined) this.active.push(top);
  }
}

/** A copy of `expr` with each reference to the variable `name` replaced by `replacement`. */
function replaceVariable(expr: Expr, name: string, replacement: Expr): Expr {
  if (expr.t === "variable" && expr.name === name) return replacement;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(expr)) copy[key] = replaceIn(value, name, replacement);
  return copy as Expr;
}

function replaceIn(value: unknown, name: string, replacement: Expr): unknown {
  if (Array.isArray(value)) return value.map((item) => replaceIn(item, name, replacement));
  if (typeof value === "object" && value !== null && "t" in value) {
    return replaceVariable(value as Expr, name, replacement);
  }
  return value;
}
