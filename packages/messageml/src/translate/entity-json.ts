/**
 * The entity JSON the agent returns: the caller's data with the generated entries (mention1,
 * keyword2, …) added. Entries go into the structured object they sit in (`<div class="entity"
 * data-entity-id="x">` makes descendants' entries land under `x`), as the agent's
 * `buildEntityJson` does, in document order.
 */
import { RULES } from "./elements/index.ts";
import { type Element, isText, type MNode } from "./model.ts";

export function buildEntityJson(root: Element, data: Record<string, unknown>): Record<string, unknown> {
  // Iterative pre-order walk of (element, object its entry goes into).
  const stack: [MNode, Record<string, unknown>][] = [];
  const pushChildren = (el: Element, target: Record<string, unknown>) => {
    for (let i = el.children.length - 1; i >= 0; i--) stack.push([el.children[i] as MNode, target]);
  };
  pushChildren(root, data);
  while (stack.length > 0) {
    const [node, target] = stack.pop() as [MNode, Record<string, unknown>];
    if (isText(node)) continue;
    const own = RULES[node.kind].entityJson?.(node, target);
    pushChildren(node, own ?? target);
  }
  return data;
}
