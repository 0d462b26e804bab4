/**
 * The entity JSON the agent returns: the caller's data with the generated entries (mention1,
 * keyword2, …) added. Entries go into the structured object they sit in (`<div class="entity"
 * data-entity-id="x">` makes descendants' entries land under `x`), as the agent's
 * `buildEntityJson` does, in document order.
 */
import { RULES } from "./elements/index.ts";
import { type Element, isText } from "./model.ts";

export function buildEntityJson(root: Element, data: Record<string, unknown>): Record<string, unknown> {
  addEntries(root, data);
  return data;
}

/**
 * Pre-order over the children of `el` (recursive: the tree is at most 1000 deep). No stack of
 * (node, target) pairs: on a large message that stack held one pair per top-level element.
 */
function addEntries(el: Element, target: Record<string, unknown>): void {
  for (const child of el.children) if (!isText(child)) addElementEntries(child, target);
}

/** The entries of `el` and its descendants, `target` being the object of its parent. */
export function addElementEntries(el: Element, target: Record<string, unknown>): void {
  const own = RULES[el.kind].entityJson?.(el, target);
  addEntries(el, own ?? target);
}
