/** Builders for the text, list and table tags of MessageML (reference §1.2). */

import type { CodeLanguage } from "../code-languages.ts";
import { type ElementArgs, splitArgs } from "./args.ts";
import { type Attributes, element } from "./element.ts";
import type { MessageMLFragment } from "./fragment.ts";
import type { MessageMLChild } from "./template.ts";

/** `class` and `style` are accepted by (almost) every tag. */
export interface CommonAttributes {
  class?: string;
  style?: string;
}

function tag<A extends object = CommonAttributes>(name: string) {
  return (...args: ElementArgs<A>): MessageMLFragment => {
    const [attributes, children] = splitArgs<A>(args);
    return element(name, attributes as Attributes | undefined, ...children);
  };
}

/** The root element of a message. */
export function messageML(...children: MessageMLChild[]): MessageMLFragment {
  return element("messageML", undefined, ...children);
}

export const p = tag("p");
export const div = tag<CommonAttributes & { "data-entity-id"?: string }>("div");
export const span = tag<CommonAttributes & { "data-entity-id"?: string }>("span");
export const b = tag("b");
export const i = tag("i");
export const sub = tag("sub");
export const sup = tag("sup");
export const h1 = tag("h1");
export const h2 = tag("h2");
export const h3 = tag("h3");
export const h4 = tag("h4");
export const h5 = tag("h5");
export const h6 = tag("h6");
export const pre = tag("pre");
export type { CodeLanguage };
export const code = tag<CommonAttributes & { language?: CodeLanguage }>("code");
export const ul = tag("ul");
export const ol = tag("ol");
export const li = tag("li");
export const table = tag("table");
export const thead = tag("thead");
export const tbody = tag("tbody");
export const tfoot = tag("tfoot");
export const tr = tag("tr");
export const td = tag<CommonAttributes & { rowspan?: number; colspan?: number }>("td");
export const th = tag("th");

/** A link; an empty link shows its href. */
export function a(
  attributes: CommonAttributes & { href: string },
  ...children: MessageMLChild[]
): MessageMLFragment {
  return element("a", attributes as unknown as Attributes, ...children);
}

export function img(attributes: CommonAttributes & { src: string }): MessageMLFragment {
  return element("img", attributes as unknown as Attributes);
}

export function br(): MessageMLFragment {
  return element("br");
}

export function hr(): MessageMLFragment {
  return element("hr");
}

/** A structured object: `<div class="entity" data-entity-id="id">fallback</div>` (put the object in `data` under `id`). */
export function entity(id: string, ...fallback: MessageMLChild[]): MessageMLFragment {
  return element("div", { class: "entity", "data-entity-id": id }, ...fallback);
}

/** Inline structured object: `<span class="entity" data-entity-id="id">fallback</span>`. */
export function inlineEntity(id: string, ...fallback: MessageMLChild[]): MessageMLFragment {
  return element("span", { class: "entity", "data-entity-id": id }, ...fallback);
}
