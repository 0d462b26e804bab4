import { escapeText } from "./escape.ts";
import { MessageMLFragment } from "./fragment.ts";
import { type MessageMLChild, renderChild } from "./template.ts";

/** An attribute value; `undefined` / `null` leave the attribute out. Arrays and objects are written as JSON. */
export type AttributeValue =
  | string
  | number
  | boolean
  | bigint
  | readonly unknown[]
  | object
  | null
  | undefined;

/** Attributes by their MessageML name (e.g. `"pattern-error-message"`). */
export type Attributes = Readonly<Record<string, AttributeValue>>;

function attributeText(value: Exclude<AttributeValue, null | undefined>): string {
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function renderAttributes(attributes: Attributes | undefined): string {
  if (!attributes) return "";
  let out = "";
  for (const name of Object.keys(attributes)) {
    const value = attributes[name];
    if (value === undefined || value === null) continue;
    // A name is markup, like a tag name: checked, since it cannot be escaped. A key built from
    // user text (`{[field]: v}`) must not be able to close the tag and start markup of its own.
    if (!ATTRIBUTE_NAME.test(name))
      throw new TypeError(`Invalid MessageML attribute name: ${JSON.stringify(name)}`);
    out += ` ${name}="${escapeText(attributeText(value))}"`;
  }
  return out;
}

const TAG_NAME = /^[A-Za-z][A-Za-z0-9-]*$/;
/** XML names as MessageML uses them: letters, digits, `-`, `_`, `.` and `:` (`xmlns:x`). */
const ATTRIBUTE_NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;

/**
 * Any MessageML element. The tag name must be a plain name (it is markup, so it is checked, not
 * escaped); attribute values and text children are escaped. Without children the element is
 * self-closed.
 */
export function element(
  tag: string,
  attributes?: Attributes,
  ...children: MessageMLChild[]
): MessageMLFragment {
  if (!TAG_NAME.test(tag)) throw new TypeError(`Invalid MessageML tag name: ${JSON.stringify(tag)}`);
  const open = `<${tag}${renderAttributes(attributes)}`;
  const inner = renderChild(children);
  return new MessageMLFragment(inner === "" ? `${open}/>` : `${open}>${inner}</${tag}>`);
}

/** Like `element`, but always written with an end tag (for elements whose text is their value). */
export function elementWithEndTag(
  tag: string,
  attributes?: Attributes,
  ...children: MessageMLChild[]
): MessageMLFragment {
  if (!TAG_NAME.test(tag)) throw new TypeError(`Invalid MessageML tag name: ${JSON.stringify(tag)}`);
  return new MessageMLFragment(`<${tag}${renderAttributes(attributes)}>${renderChild(children)}</${tag}>`);
}
