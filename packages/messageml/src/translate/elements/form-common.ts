/**
 * What every form element shares in the agent (`FormElement`, `RegexElement`, `LabelableElement`,
 * `TooltipableElement`, `MinMaxLengthElement`): checks, and the label/tooltip wrapper div that
 * PresentationML gets for `label` and `title`.
 */
import { assertBooleanIfPresent, assertParentAtAnyLevel, parseJavaInt } from "../assertions.ts";
import { invalid } from "../invalid.ts";
import { type Element, isText } from "../model.ts";
import type { OutAttributes } from "../printer.ts";
import type { BuildContext, PrintContext } from "../rule-types.ts";
import { isValidRegex } from "../values.ts";

const REGEX_KINDS = new Set(["TextField", "TextArea", "RichTextArea"]);
const LABEL_KINDS = new Set([
  "TextField",
  "TextArea",
  "RichTextArea",
  "Select",
  "Checkbox",
  "Radio",
  "PersonSelector",
  "RoomSelector",
  "DatePicker",
  "TimePicker",
  "TimezonePicker",
]);
const TOOLTIP_KINDS = new Set([
  "TextField",
  "TextArea",
  "RichTextArea",
  "Select",
  "PersonSelector",
  "RoomSelector",
  "DatePicker",
  "TimePicker",
  "TimezonePicker",
]);

function validateRegex(el: Element): void {
  const pattern = el.attrs.get("pattern");
  if (pattern === undefined) return;
  const messageAttr = el.format === "MESSAGEML" ? "pattern-error-message" : "data-pattern-error-message";
  const message = el.attrs.get(messageAttr);
  if (message === undefined) {
    invalid(`The attribute "${messageAttr}" is mandatory when attribute "pattern" is defined`);
  }
  if (pattern.length > 256)
    invalid('The attribute "pattern" value is too long. Max length for this attribute is: 256');
  if (message.length > 256) {
    invalid(`The attribute "${messageAttr}" value is too long. Max length for this attribute is: 256`);
  }
  if (!isValidRegex(pattern)) invalid(`The regex "${pattern}" is not valid`);
}

function validateSplittable(el: Element): void {
  if (LABEL_KINDS.has(el.kind) && (el.attrs.get("label")?.length ?? 0) > 256) {
    invalid("The attribute label value is too long. Max length is: 256");
  }
  if (TOOLTIP_KINDS.has(el.kind) && (el.attrs.get("title")?.length ?? 0) > 256) {
    invalid("The attribute title value is too long. Max length is: 256");
  }
}

/** `FormElement.validate()` (with `Element.validate()` before it). */
export function validateFormElement(el: Element): void {
  if (REGEX_KINDS.has(el.kind)) validateRegex(el);
  validateSplittable(el);
  assertBooleanIfPresent(el, "formnovalidate");
  assertBooleanIfPresent(el, "data-formnovalidate");
  assertParentAtAnyLevel(el, ["Form"]);
}

/** `MinMaxLengthElement.validateMinAndMaxLengths()`. */
export function validateLengths(
  el: Element,
  elementType: string,
  minAllowed: number,
  maxAllowed: number,
): void {
  const read = (name: string): number | undefined => {
    const value = el.attrs.get(name);
    if (value === undefined) return undefined;
    const n = parseJavaInt(value);
    if (n === undefined) invalid(`The attribute "${name}" must be a valid number.`);
    return n;
  };
  const outOfRange = (n: number | undefined) => n !== undefined && (n < minAllowed || n > maxAllowed);
  let max = read("maxlength");
  if (outOfRange(max)) invalid(`The attribute "maxlength" must be between ${minAllowed} and ${maxAllowed}`);
  let min = read("minlength");
  if (outOfRange(min)) invalid(`The attribute "minlength" must be between ${minAllowed} and ${maxAllowed}`);
  min ??= minAllowed;
  max ??= maxAllowed;
  if (min > max) invalid('The attribute "minlength" must be lower than the "maxlength" attribute');
  const only = el.children.length === 1 ? el.children[0] : undefined;
  if (only && isText(only) && (only.text.length < min || only.text.length > max)) {
    invalid(`The length of this ${elementType}'s initial value must be between ${min} and ${max}`);
  }
}

/** PresentationML `id` of a form element: restore the label/tooltip collected for that id. */
export function fillSplittable(el: Element, id: string, ctx: BuildContext): void {
  const data = ctx.splittables.get(id);
  if (!data) return;
  if (data.title !== undefined) el.attrs.set("title", data.title);
  if (data.label !== undefined) el.attrs.set("label", data.label);
}

/**
 * Print `inner` wrapped in the label/tooltip group when the element has a label or title:
 * `<div class="K-group" data-generated="true"><label for="K-ID">…</label><span class="info-hint" …></span>…</div>`.
 */
export function printSplittable(
  el: Element,
  ctx: PrintContext,
  groupName: string,
  attrs: OutAttributes,
  inner: (attrs: OutAttributes) => void,
): void {
  const label = LABEL_KINDS.has(el.kind) ? el.attrs.get("label") : undefined;
  const title = TOOLTIP_KINDS.has(el.kind) ? el.attrs.get("title") : undefined;
  if (label === undefined && title === undefined) {
    inner(attrs);
    return;
  }
  attrs.delete("label");
  attrs.delete("title");
  const out = ctx.out;
  out.openElement(
    "div",
    new Map([
      ["class", `${groupName}-group`],
      ["data-generated", "true"],
    ]),
  );
  const id = `${groupName}-${ctx.shortId()}`;
  if (label !== undefined) out.printElement("label", new Map([["for", id]]), label);
  if (title !== undefined) {
    out.openElement(
      "span",
      new Map([
        ["class", "info-hint"],
        ["data-target-id", id],
        ["data-title", title],
      ]),
    );
    out.closeElement();
  }
  attrs.set("id", id);
  inner(attrs);
  out.closeElement();
}

/** Copy `from` to `to` in `attrs` when `el` has it. */
export function putIf(attrs: OutAttributes, el: Element, from: string, to: string = from): void {
  const value = el.attrs.get(from);
  if (value !== undefined) attrs.set(to, value);
}
