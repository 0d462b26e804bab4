/**
 * Where a field's value lives in `data` and what its input is called. The generated template walks
 * the form model; inside a table it walks one row as a pattern inside `<#list>`, so a field is found
 * relative to the scope it stands in: the top (`entity.form`) or a row (`r0`, with the row's index in
 * the name).
 */
import type { FieldNode } from "@sprig/core";
import type { FieldRenderers } from "./field-renderers.ts";
import { appendName, member, type NamePart } from "./ftl-expressions.ts";

export interface Scope {
  /** The model path this scope stands for ("" at the top, `items.0` for the pattern row). */
  readonly modelPrefix: string;
  /** FreeMarker expression of the scope's object in data. */
  readonly chain: string;
  /** The input name of the scope. */
  readonly name: readonly NamePart[];
  /** Nesting depth of lists, for unique loop variable names. */
  readonly depth: number;
}

export interface FieldTemplateOptions {
  readonly renderers: FieldRenderers;
  /** The table row open for editing, if any (`editingRow` of the form model). */
  readonly editingRow?: { readonly table: string; readonly index: number };
  /**
   * How many row select boxes the form may still hold: the agent refuses a form with more than 50
   * checkboxes and radios, so select boxes get what the fields leave (counted in `sprigSelectBoxes`).
   */
  readonly selectBoxLimit?: number;
}

export const ROOT_SCOPE: Scope = { modelPrefix: "", chain: "entity.form", name: [], depth: 0 };

function relativeSegments(scope: Scope, path: string): string[] {
  if (path === scope.modelPrefix) return [];
  const rel = scope.modelPrefix === "" ? path : path.slice(scope.modelPrefix.length + 1);
  return rel === "" ? [] : rel.split(".");
}

/** The field's value expression and input name within its scope. */
export function locate(scope: Scope, node: FieldNode): { chain: string; name: NamePart[] } {
  let chain = scope.chain;
  let name = [...scope.name];
  for (const segment of relativeSegments(scope, node.path)) {
    chain = member(chain, segment);
    name = appendName(name, segment);
  }
  return { chain, name };
}
