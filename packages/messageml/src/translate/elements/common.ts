/** Behaviour most elements share (`Element` defaults in the agent). */
import { invalid } from "../invalid.ts";
import type { Element } from "../model.ts";
import type { OutAttributes } from "../printer.ts";
import type { BuildContext, ElementRules, PrintContext } from "../rule-types.ts";
import { validateStyle } from "../styles.ts";

export function rejectAttribute(el: Element, name: string): never {
  invalid(`Attribute "${name}" is not allowed in "${el.tag}"`);
}

/** `class` and `style` (checked against the allow-list); anything else is refused. */
export function defaultAttribute(el: Element, name: string, value: string): void {
  if (name === "class") el.attrs.set("class", value);
  else if (name === "style") {
    validateStyle(value);
    el.attrs.set("style", value);
  } else rejectAttribute(el, name);
}

/** Accept the listed attribute names as-is, fall back to class/style. */
export function acceptAttributes(...names: string[]): ElementRules["attribute"] {
  const set = new Set(names);
  return (el, name, value) => {
    if (set.has(name)) el.attrs.set(name, value);
    else defaultAttribute(el, name, value);
  };
}

/** `<tag attrs>children</tag>` under the element's own tag or `tag`. */
export function printContainer(
  el: Element,
  ctx: PrintContext,
  tag: string = el.tag,
  attrs?: OutAttributes,
): void {
  // The printer only reads the map, so the element's own attributes are written as they are.
  ctx.out.openElement(tag, attrs ?? el.attrsIfAny);
  ctx.printChildren(el);
  ctx.out.closeElement();
}

export const noValidation: ElementRules["validate"] = () => {};

/** A plain container: class/style, any content. */
export const containerRules: ElementRules = {
  attribute: defaultAttribute,
  validate: noValidation,
  print: (el, ctx) => printContainer(el, ctx),
};

export function rules(partial: Partial<ElementRules>): ElementRules {
  return { ...containerRules, ...partial };
}

export type { BuildContext };
