/** The agent's reusable checks (`Element.assert*`), with its exact messages. */
import { invalid } from "./invalid.ts";
import { className, type Element, hasAncestor, isBlank, isText, type Kind } from "./model.ts";

const PHRASING: readonly (Kind | "TextNode")[] = [
  "TextNode",
  "Link",
  "Chime",
  "Bold",
  "Italic",
  "Image",
  "LineBreak",
  "Span",
  "Emoji",
  "HashTag",
  "CashTag",
  "Mention",
  "Subscript",
  "Superscript",
];
const PHRASING_OR_PRE: readonly (Kind | "TextNode")[] = [...PHRASING, "Preformatted"];

const BOOLEAN_VALUES = ["true", "false"] as const;

export function assertAttributeValue(el: Element, name: string, permitted: readonly string[]): void {
  const value = el.attrs.get(name);
  if (value === undefined || !permitted.includes(value.toLowerCase())) {
    invalid(
      `Attribute "${name}" of element "${el.tag}" can only be one of the following values: [${permitted.join(", ")}].`,
    );
  }
}

export function assertBooleanIfPresent(el: Element, name: string): void {
  if (el.attrs.has(name)) assertAttributeValue(el, name, BOOLEAN_VALUES);
}

export function assertAttributeNotBlank(el: Element, name: string): void {
  if (isBlank(el.attrs.get(name))) invalid(`The attribute "${name}" is required`);
}

export function assertAttributeMaxLength(el: Element, name: string, max: number): void {
  const value = el.attrs.get(name);
  if (value !== undefined && value.length > max) {
    invalid(`The attribute "${name}" length is bigger than maximum allowed [${max}]`);
  }
}

export function assertNoContent(el: Element): void {
  if (el.children.length > 0) invalid(`Element "${el.tag}" may not have child elements or text content`);
}

export function assertNoAttributes(el: Element): void {
  if ((el.attrsIfAny?.size ?? 0) > 0) invalid(`Element "${el.tag}" may not have attributes`);
}

export function assertNoText(el: Element): void {
  for (const c of el.children) {
    if (isText(c) && !isBlank(c.text)) invalid(`Element "${el.tag}" may not have text content`);
  }
}

/** Children limited to `permitted`; blank text is always allowed. Text is named "null", as the agent does. */
export function assertContentModel(
  el: Element,
  permitted: readonly (Kind | "TextNode")[],
  message?: string,
): void {
  for (const c of el.children) {
    if (permitted.includes(c.kind)) continue;
    if (isText(c)) {
      if (isBlank(c.text)) continue;
      invalid(message ?? `Element "null" is not allowed in "${el.tag}"`);
    }
    invalid(message ?? `Element "${c.tag}" is not allowed in "${el.tag}"`);
  }
}

export function assertPhrasingContent(el: Element): void {
  assertContentModel(el, PHRASING);
}

export function assertPhrasingOrPreformatted(el: Element): void {
  assertContentModel(el, PHRASING_OR_PRE);
}

export function assertParent(el: Element, permitted: readonly Kind[]): void {
  if (!el.parent || !permitted.includes(el.parent.kind)) {
    invalid(
      `Element "${el.tag}" can only be a child of the following elements: [${permitted.map(className).join(", ")}]`,
    );
  }
}

export function assertParentAtAnyLevel(el: Element, permitted: readonly Kind[]): void {
  if (!hasAncestor(el, permitted)) {
    invalid(
      `Element "${el.tag}" can only be a inner child of the following elements: [${permitted.map(className).join(", ")}]`,
    );
  }
}

export function assertNotParentAtAnyLevel(el: Element, forbidden: readonly Kind[]): void {
  if (hasAncestor(el, forbidden)) {
    invalid(
      `Element "${el.tag}" cannot be an inner child of the following elements: [${forbidden.map(className).join(", ")}]`,
    );
  }
}

export function assertContainsChildOfType(el: Element, kinds: readonly (Kind | "TextNode")[]): void {
  if (!el.children.some((c) => kinds.includes(c.kind))) {
    invalid(
      `The "${el.tag}" element must have at least one child that is any of the following elements: [${kinds.map(className).join(", ")}].`,
    );
  }
}

/** `validateIdAttribute`: present, no whitespace, at most 64 characters. */
export function validateIdAttribute(el: Element, name: string): void {
  const value = el.attrs.get(name);
  if (value === undefined || value === "" || /\s/.test(value)) {
    invalid(`The attribute "${name}" is required and must not contain any whitespace`);
  }
  assertAttributeMaxLength(el, name, 64);
}

/** `checkIntegerAttribute`: a Java int at least `min`, else `message`. Returns 0 when absent. */
export function checkIntegerAttribute(el: Element, name: string, min: number, message: string): number {
  const value = el.attrs.get(name);
  if (value === undefined) return 0;
  const n = parseJavaInt(value);
  if (n === undefined || n < min) invalid(message);
  return n;
}

/** `Integer.parseInt`: optional sign, decimal digits, 32-bit range. */
export function parseJavaInt(value: string): number | undefined {
  if (!/^[+-]?\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n >= -2147483648 && n <= 2147483647 ? n : undefined;
}

/** `Long.parseLong`, kept as a decimal string (64-bit values do not fit a JS number). */
export function parseJavaLong(value: string): string | undefined {
  if (!/^[+-]?\d+$/.test(value)) return undefined;
  const n = BigInt(value);
  return n >= -9223372036854775808n && n <= 9223372036854775807n ? n.toString() : undefined;
}
