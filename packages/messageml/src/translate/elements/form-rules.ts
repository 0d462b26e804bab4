/** form, button, text-field, textarea, richtextarea, checkbox, radio, select, option (reference §2.2). */
import {
  assertAttributeMaxLength,
  assertAttributeNotBlank,
  assertAttributeValue,
  assertBooleanIfPresent,
  assertContainsChildOfType,
  assertContentModel,
  assertNotParentAtAnyLevel,
  assertParent,
  assertParentAtAnyLevel,
  checkIntegerAttribute,
} from "../assertions.ts";
import { invalid } from "../invalid.ts";
import { type Element, findElements, isBlank, isText, type Kind, textContent } from "../model.ts";
import type { OutAttributes } from "../printer.ts";
import type { BuildContext, ElementRules } from "../rule-types.ts";
import type { XmlElement } from "../xml-tree.ts";
import { rejectAttribute } from "./common.ts";
import {
  fillSplittable,
  printSplittable,
  putIf,
  validateFormElement,
  validateLengths,
} from "./form-common.ts";

function requireName(el: Element): void {
  if (!el.attrs.has("name")) invalid('The attribute "name" is required');
}

/** Elements of a dialog's form in PresentationML: divs of class dialog-title / -body / -footer. */
export function isDialogPart(el: Element | { kind: "TextNode" }, parts: readonly string[]): boolean {
  if (el.kind !== "Div") return false;
  const div = el as Element;
  return div.format === "PRESENTATIONML" && parts.includes(div.attrs.get("class") ?? "");
}

const form: ElementRules = {
  attribute: (el, name, value) =>
    name === "id" || name === "multi-submit" ? el.attrs.set(name, value) : rejectAttribute(el, name),
  validate: (el) => {
    assertNotParentAtAnyLevel(el, ["Form"]);
    for (const kind of ["Checkbox", "Radio"] as const) {
      if (findElements(el, (e) => e.kind === kind).length > 50) {
        invalid(
          'Element "form" cannot have more than 50 children of the following elements: [checkbox, radio].',
        );
      }
    }
    assertAttributeNotBlank(el, "id");
    if (el.parent?.kind !== "Dialog") {
      const hasAction =
        findElements(el, (e) => e.kind === "Button" && e.attrs.get("type") === "action").length > 0;
      if (!hasAction)
        invalid(`The form with id '${el.attrs.get("id")}' should have at least one action button`);
    } else if (el.format === "MESSAGEML") {
      assertContentModel(el, ["DialogFooter", "DialogTitle", "DialogBody"]);
    } else {
      for (const c of el.children) {
        if (isDialogPart(c, ["dialog-title", "dialog-body", "dialog-footer"])) continue;
        if (isText(c)) {
          if (isBlank(c.text)) continue;
          invalid('Element "null" is not allowed in "form"');
        }
        invalid(`Element "${c.tag}" is not allowed in "form"`);
      }
    }
    if (el.attrs.has("multi-submit")) {
      assertAttributeMaxLength(el, "multi-submit", 64);
      assertAttributeValue(el, "multi-submit", ["reset", "no-reset"]);
    }
  },
  print: (el, ctx) => {
    const attrs: OutAttributes = new Map();
    putIf(attrs, el, "id");
    putIf(attrs, el, "multi-submit", "data-multi-submit");
    ctx.out.openElement("form", attrs);
    ctx.printChildren(el);
    ctx.out.closeElement();
  },
};

const BUTTON_CLASSES = new Set([
  "primary",
  "secondary",
  "tertiary",
  "destructive",
  "primary-destructive",
  "secondary-destructive",
  "primary-link",
  "destructive-link",
]);

const button: ElementRules = {
  attribute: (el, name, value) => {
    const mml = el.format === "MESSAGEML";
    if (name === "name" || name === "type") el.attrs.set(name, value);
    else if (name === "icon") el.attrs.set("data-icon", value);
    else if (name === "class")
      el.attrs.set("class", value.endsWith("-destructive") ? value.slice(0, -12) : value);
    else if ((name === "title" || name === "formnovalidate") && mml) el.attrs.set(name, value);
    else if ((name === "data-title" || name === "data-formnovalidate") && !mml) el.attrs.set(name, value);
    else rejectAttribute(el, name);
  },
  validate: (el) => {
    assertParentAtAnyLevel(el, ["Form", "UIAction"]);
    const cls = el.attrs.get("class");
    if (cls !== undefined && !BUTTON_CLASSES.has(cls)) {
      invalid(
        'Attribute "class" must be "primary", "secondary", "tertiary" or "destructive" ("primary-destructive" and "secondary-destructive" are deprecated)',
      );
    }
    if (el.parent?.kind === "UIAction") {
      if (el.attrs.has("type") || el.attrs.has("name")) {
        invalid('Attributes "type" and "name" are not allowed on a button inside a UIAction.');
      }
      return;
    }
    const type = el.attrs.get("type") ?? "";
    const name = el.attrs.get("name");
    if (type !== "action" && type !== "reset" && type !== "cancel") {
      invalid('Attribute "type" must be "action", "reset" or "cancel"');
    }
    if (type === "action" && isBlank(name)) invalid('Attribute "name" is required for action buttons');
    if (type === "cancel" && isBlank(name)) invalid('Attribute "name" is required for cancel buttons');
    if (type === "reset" && name !== undefined)
      invalid('Attribute "name" is allowed for action buttons only');
    assertContentModel(el, ["TextNode"]);
    assertContainsChildOfType(el, ["TextNode"]);
  },
  print: (el, ctx) => {
    const attrs: OutAttributes = new Map(el.attrs);
    if (el.format === "MESSAGEML") {
      if (attrs.has("title")) {
        attrs.set("data-title", attrs.get("title") as string);
        attrs.delete("title");
      }
      if (attrs.has("formnovalidate")) {
        attrs.set("data-formnovalidate", attrs.get("formnovalidate") as string);
        attrs.delete("formnovalidate");
      }
    }
    ctx.out.openElement("button", attrs);
    ctx.printChildren(el);
    ctx.out.closeElement();
  },
};

const TEXT_FIELD_MML = new Set([
  "name",
  "required",
  "placeholder",
  "minlength",
  "maxlength",
  "masked",
  "pattern",
  "pattern-error-message",
  "label",
  "title",
  "disabled",
  "readonly",
  "formnovalidate",
]);
const TEXT_FIELD_PML = new Set([
  "name",
  "required",
  "placeholder",
  "minlength",
  "maxlength",
  "label",
  "pattern",
  "data-pattern-error-message",
  "data-formnovalidate",
]);

const textField: ElementRules = {
  attribute: (el, name, value, ctx) => {
    if (TEXT_FIELD_MML.has(name)) el.attrs.set(name, value);
    else if (name === "id" && el.format === "PRESENTATIONML") fillSplittable(el, value, ctx);
    else if (name === "auto-submit") el.attrs.set("data-auto-submit", value);
    else rejectAttribute(el, name);
  },
  buildAll: (el, x, ctx) => {
    if (el.format === "MESSAGEML") {
      ctx.buildAttributes(el, x);
      for (const c of x.children) ctx.buildNode(el, c);
      return;
    }
    if (x.children.length > 0) invalid(`Element "${el.tag}" may not have child elements or text content`);
    for (const [name, value] of x.attributes) {
      if (TEXT_FIELD_PML.has(name)) el.attrs.set(name, value);
      else if (name === "value") el.children.push({ kind: "TextNode", parent: el, text: value });
      else if (name === "data-masked") el.attrs.set("masked", value);
      else if (name === "id") fillSplittable(el, value, ctx);
      else rejectAttribute(el, name);
    }
  },
  validate: (el) => {
    validateFormElement(el);
    requireName(el);
    for (const name of ["required", "masked", "disabled", "readonly", "data-auto-submit"]) {
      assertBooleanIfPresent(el, name);
    }
    assertAttributeNotBlank(el, "name");
    assertContentModel(el, ["TextNode"]);
    validateLengths(el, "text-field", 1, 128);
  },
  print: (el, ctx) => {
    const attrs: OutAttributes = new Map([
      ["type", "text"],
      ["name", el.attrs.get("name") ?? ""],
    ]);
    putIf(attrs, el, "placeholder");
    putIf(attrs, el, "required");
    putIf(attrs, el, "masked", "data-masked");
    putIf(attrs, el, "minlength");
    putIf(attrs, el, "maxlength");
    putIf(attrs, el, "disabled");
    putIf(attrs, el, "readonly");
    putIf(attrs, el, "data-auto-submit");
    putIf(attrs, el, "formnovalidate", "data-formnovalidate");
    putIf(attrs, el, "data-formnovalidate");
    if (el.children.length === 1) attrs.set("value", textContent(el.children[0] as Element));
    putIf(attrs, el, "pattern");
    putIf(attrs, el, "pattern-error-message", "data-pattern-error-message");
    putIf(attrs, el, "data-pattern-error-message");
    printSplittable(el, ctx, "textfield", attrs, (a) => ctx.out.printElement("input", a));
  },
};

const TEXTAREA_ATTRIBUTES = new Set([
  "name",
  "required",
  "placeholder",
  "minlength",
  "maxlength",
  "pattern",
  "label",
  "title",
  "disabled",
  "readonly",
  "rows",
  "cols",
]);
const REGEX_ATTRIBUTES = new Set(["pattern", "pattern-error-message", "data-pattern-error-message"]);

function textareaAttribute(el: Element, name: string, value: string, ctx: BuildContext): void {
  const mml = el.format === "MESSAGEML";
  if (TEXTAREA_ATTRIBUTES.has(name)) el.attrs.set(name, value);
  else if (name === "pattern-error-message" && mml) el.attrs.set(name, value);
  else if (name === "data-pattern-error-message" && !mml) el.attrs.set(name, value);
  else if (name === "formnovalidate" && mml) el.attrs.set("data-formnovalidate", value);
  else if (name === "data-formnovalidate" && !mml) el.attrs.set(name, value);
  else if (name === "id" && !mml) fillSplittable(el, value, ctx);
  else rejectAttribute(el, name);
}

function textareaRules(elementType: string, rich: boolean): ElementRules {
  return {
    attribute: (el, name, value, ctx) => {
      textareaAttribute(el, name, value, ctx);
      if (rich) el.attrs.set("data-richtext", "true");
    },
    validate: (el) => {
      validateFormElement(el);
      requireName(el);
      for (const name of ["required", "disabled", "readonly"]) assertBooleanIfPresent(el, name);
      if (el.attrs.has("rows"))
        checkIntegerAttribute(el, "rows", 0, 'Attribute "rows" is not valid, it must be an integer >= 0');
      if (el.attrs.has("cols"))
        checkIntegerAttribute(el, "cols", 0, 'Attribute "cols" is not valid, it must be an integer >= 0');
      assertAttributeNotBlank(el, "name");
      assertContentModel(el, ["TextNode"]);
      validateLengths(el, elementType, 0, 10000);
    },
    print: (el, ctx) => {
      const attrs: OutAttributes = new Map();
      for (const [k, v] of el.attrs) if (!REGEX_ATTRIBUTES.has(k)) attrs.set(k, v);
      putIf(attrs, el, "pattern");
      putIf(attrs, el, "pattern-error-message", "data-pattern-error-message");
      putIf(attrs, el, "data-pattern-error-message");
      printSplittable(el, ctx, elementType, attrs, (a) => {
        ctx.out.openElement("textarea", a);
        ctx.printChildren(el);
        ctx.out.closeElement();
      });
    },
  };
}

function groupedAttribute(el: Element, name: string, value: string, ctx: BuildContext): void {
  const mml = el.format === "MESSAGEML";
  if (["name", "value", "checked", "label", "disabled", "readonly", "formnovalidate"].includes(name)) {
    el.attrs.set(name, value);
  } else if (name === "data-formnovalidate" && !mml) el.attrs.set(name, value);
  else if (name === "id" && !mml) fillSplittable(el, value, ctx);
  else rejectAttribute(el, name);
}

/** PresentationML checkbox/radio: a bare `<input>` or `<div class="…-group"><input/><label>…</label></div>`. */
function buildGrouped(el: Element, x: XmlElement, ctx: BuildContext): void {
  if (el.format === "MESSAGEML") {
    ctx.buildAttributes(el, x);
    for (const c of x.children) ctx.buildNode(el, c);
    return;
  }
  const invalidPml = () => invalid(`Invalid PresentationML for the "${el.tag}" element`);
  const fromInput = (input: XmlElement, siblings: XmlElement[]) => {
    for (const [name, value] of input.attributes) if (name !== "type") groupedAttribute(el, name, value, ctx);
    const labels = siblings.filter((s) => s !== input && s.name === "label");
    if (labels.length > 1) invalid(`Multiple tag label found for element input but only one is expected`);
    if (labels[0]) el.attrs.set("label", xmlText(labels[0]));
  };
  if (x.name === "input") {
    fromInput(x, []);
  } else {
    const elements = x.children.filter((c): c is XmlElement => c.type !== "text");
    if (elements.length !== 2) invalidPml();
    let previous = "";
    for (const c of x.children) {
      if (c.type === "text") continue;
      if (c.type !== "element" || c.name === previous) invalidPml();
      const child = c as XmlElement;
      if (child.name === "input") fromInput(child, elements);
      else if (child.name === "label") {
        if (child.children.length === 0) invalidPml();
        for (const n of child.children) ctx.buildNode(el, n);
      } else invalidPml();
      previous = child.name;
    }
  }
  validateGrouped(el);
}

function xmlText(x: XmlElement): string {
  let s = "";
  for (const c of x.children) s += c.type === "text" ? c.text : c.type === "element" ? xmlText(c) : "";
  return s;
}

function validateCheckbox(el: Element): void {
  validateFormElement(el);
  requireName(el);
  for (const name of ["checked", "disabled", "readonly"]) assertBooleanIfPresent(el, name);
  if (el.children.length > 0) assertContentModel(el, ["TextNode", "Bold", "Italic"]);
  assertAttributeNotBlank(el, "name");
}

function validateRadio(el: Element): void {
  validateFormElement(el);
  assertAttributeNotBlank(el, "name");
  for (const name of ["checked", "disabled", "readonly"]) assertBooleanIfPresent(el, name);
  if (el.children.length > 0) assertContentModel(el, ["TextNode", "Bold", "Italic"]);
}

function validateGrouped(el: Element): void {
  if (el.kind === "Checkbox") validateCheckbox(el);
  else validateRadio(el);
}

function groupedRules(inputType: string, groupClass: string, validate: (el: Element) => void): ElementRules {
  return {
    attribute: groupedAttribute,
    buildAll: buildGrouped,
    validate,
    print: (el, ctx) => {
      const input: OutAttributes = new Map([
        ["type", inputType],
        ["name", el.attrs.get("name") ?? ""],
      ]);
      putIf(input, el, "checked");
      input.set("value", el.attrs.get("value") ?? "on");
      putIf(input, el, "disabled");
      putIf(input, el, "readonly");
      putIf(input, el, "formnovalidate", "data-formnovalidate");
      putIf(input, el, "data-formnovalidate");
      if (el.children.length === 0) {
        ctx.out.printElement("input", input);
        return;
      }
      const id = `${groupClass}-${ctx.shortId()}`;
      ctx.out.openElement("div", new Map([["class", groupClass]]));
      input.set("id", id);
      ctx.out.printElement("input", input);
      ctx.out.openElement("label", new Map([["for", id]]));
      ctx.printChildren(el);
      ctx.out.closeElement();
      ctx.out.closeElement();
    },
  };
}

const SELECT_ATTRIBUTES = new Set([
  "name",
  "required",
  "data-placeholder",
  "label",
  "title",
  "multiple",
  "disabled",
  "readonly",
]);

const select: ElementRules = {
  attribute: (el, name, value, ctx) => {
    if (SELECT_ATTRIBUTES.has(name)) el.attrs.set(name, value);
    else if (name === "min") el.attrs.set("data-min", value);
    else if (name === "max") el.attrs.set("data-max", value);
    else if (name === "auto-submit") el.attrs.set("data-auto-submit", value);
    else if (name === "formnovalidate") el.attrs.set("data-formnovalidate", value);
    // The agent builds select in PresentationML mode whatever the input, so `id` is always read.
    else if (name === "id" || name === "data-formnovalidate") fillSplittable(el, value, ctx);
    else rejectAttribute(el, name);
  },
  validate: (el) => {
    validateFormElement(el);
    requireName(el);
    assertAttributeNotBlank(el, "name");
    assertContentModel(el, ["Option"]);
    assertContainsChildOfType(el, ["Option"]);
    for (const name of ["required", "multiple", "disabled", "readonly", "data-auto-submit"]) {
      assertBooleanIfPresent(el, name);
    }
    const multiple = el.attrs.get("multiple")?.toLowerCase() === "true";
    if (el.attrs.has("data-min") && !multiple)
      invalid('Attribute "min" is not allowed. Attribute "multiple" missing');
    if (el.attrs.has("data-max") && !multiple)
      invalid('Attribute "max" is not allowed. Attribute "multiple" missing');
    const min = checkIntegerAttribute(el, "data-min", 0, 'Attribute "min" is not valid, it must be >= 0');
    const max = checkIntegerAttribute(el, "data-max", 1, 'Attribute "max" is not valid, it must be >= 1');
    if (max > 0 && min > max) invalid('Attribute "min" is greater than attribute "max"');
    const required = el.attrs.get("required")?.toLowerCase() === "true";
    if (multiple && required && el.attrs.has("data-min") && min === 0) {
      invalid('Attribute "min" cannot be 0 if "required" is true');
    }
    if (!multiple) {
      let selected = 0;
      for (const c of el.children) {
        if (!isText(c) && c.attrs.get("selected")?.toLowerCase() === "true") selected++;
      }
      if (selected > 1) invalid('Element "select" can only have one selected "option"');
    }
  },
  print: (el, ctx) =>
    printSplittable(el, ctx, "dropdown", new Map(el.attrs), (a) => {
      ctx.out.openElement("select", a);
      ctx.printChildren(el);
      ctx.out.closeElement();
    }),
};

const option: ElementRules = {
  attribute: (el, name, value) =>
    name === "value" || name === "selected" ? el.attrs.set(name, value) : rejectAttribute(el, name),
  validate: (el) => {
    if (!el.attrs.has("value")) invalid('The attribute "value" is required');
    assertBooleanIfPresent(el, "selected");
    assertParent(el, ["Select"]);
    assertContentModel(el, ["TextNode"]);
    assertContainsChildOfType(el, ["TextNode"]);
  },
  print: (el, ctx) => {
    ctx.out.openElement("option", new Map(el.attrs));
    ctx.printChildren(el);
    ctx.out.closeElement();
  },
};

export const FORM_RULES = {
  Form: form,
  Button: button,
  TextField: textField,
  TextArea: textareaRules("textarea", false),
  RichTextArea: textareaRules("richtextarea", true),
  Checkbox: groupedRules("checkbox", "checkbox-group", validateCheckbox),
  Radio: groupedRules("radio", "radio-group", validateRadio),
  Select: select,
  Option: option,
} satisfies Partial<Record<Kind, ElementRules>>;
