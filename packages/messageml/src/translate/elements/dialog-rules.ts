/** ui-action, dialog and its title/body/footer (reference §2.2). */
import {
  assertAttributeNotBlank,
  assertAttributeValue,
  assertBooleanIfPresent,
  assertContainsChildOfType,
  assertContentModel,
  assertNoAttributes,
  assertParent,
  validateIdAttribute,
} from "../assertions.ts";
import { invalid } from "../invalid.ts";
import { type Element, isBlank, isText, type Kind } from "../model.ts";
import type { OutAttributes } from "../printer.ts";
import type { ElementRules } from "../rule-types.ts";
import { parseJson } from "../values.ts";
import { rejectAttribute, rules } from "./common.ts";
import { isDialogPart } from "./form-rules.ts";

const UI_ACTION_ATTRIBUTES = ["action", "trigger", "user-ids", "stream-id", "side-by-side", "target-id"];

const uiAction: ElementRules = {
  attribute: (el, name, value) => {
    const plain = name.startsWith("data-") ? name.slice(5) : name;
    if (UI_ACTION_ATTRIBUTES.includes(plain)) el.attrs.set(plain, value);
    else rejectAttribute(el, name);
  },
  validate: (el) => {
    assertContentModel(el, ["Button", "UIAction"]);
    assertContainsChildOfType(el, ["Button", "UIAction"]);
    assertAttributeNotBlank(el, "action");
    assertAttributeValue(el, "action", ["open-im", "open-dialog"]);
    const action = el.attrs.get("action");
    if (action === "open-im") {
      assertBooleanIfPresent(el, "side-by-side");
      const userIds = el.attrs.get("user-ids");
      const streamId = el.attrs.get("stream-id");
      if (userIds !== undefined && streamId !== undefined)
        invalid('Only one between "stream-id" and "user-ids" is allowed');
      if (userIds === undefined && streamId === undefined) {
        invalid('At least one between "stream-id" and "user-ids" should be present');
      }
      if (userIds !== undefined) validateUserIds(userIds);
    } else if (action === "open-dialog") {
      validateIdAttribute(el, "target-id");
    }
    if (el.attrs.has("trigger")) assertAttributeValue(el, "trigger", ["click"]);
  },
  print: (el, ctx) => {
    const attrs: OutAttributes = new Map([
      ["class", "ui-action"],
      ["data-action", el.attrs.get("action") ?? ""],
    ]);
    for (const name of ["trigger", "user-ids", "stream-id", "side-by-side", "target-id"]) {
      const v = el.attrs.get(name);
      if (v !== undefined) attrs.set(`data-${name}`, v);
    }
    ctx.out.openElement("div", attrs);
    ctx.printChildren(el);
    ctx.out.closeElement();
  },
};

function validateUserIds(userIds: string): void {
  const list = parseJson(userIds);
  const ok =
    Array.isArray(list) &&
    list.every(
      (v) =>
        v === null ||
        (typeof v === "number" && Number.isFinite(v)) ||
        (typeof v === "string" && /^[+-]?\d+$/.test(v)),
    );
  if (!ok) invalid('Attribute "user-ids" contains an unsupported format, should be an array of user ids');
  if ((list as unknown[]).length > 15)
    invalid('Attribute "user-ids" contains more values than allowed. Max value is 15');
}

const DIALOG_WIDTHS = ["small", "medium", "large", "full-width"];
const DIALOG_STATES = ["open", "close"];

const dialog: ElementRules = {
  attribute: (el, name, value) => {
    if (["data-width", "width", "data-state", "state", "data-open", "id"].includes(name)) {
      el.attrs.set(name.replace("data-", ""), value);
    } else if (name === "open" && el.format === "PRESENTATIONML") el.attrs.set(name, value);
    else rejectAttribute(el, name);
  },
  validate: (el) => {
    validateIdAttribute(el, "id");
    if (!el.attrs.has("width")) el.attrs.set("width", "medium");
    assertAttributeValue(el, "width", DIALOG_WIDTHS);
    if (!el.attrs.has("state")) el.attrs.set("state", "close");
    assertAttributeValue(el, "state", DIALOG_STATES);
    const forms = el.children.filter((c) => c.kind === "Form").length;
    if (forms === 1) {
      assertContentModel(
        el,
        ["Form"],
        `A "dialog" element can't contain a "form" element and any other element.`,
      );
    } else if (forms > 1) {
      invalid('A "dialog" element can contain only one "form" element');
    } else if (el.format === "MESSAGEML") {
      requireChild(el, "DialogTitle");
      requireChild(el, "DialogBody");
      assertContentModel(el, ["DialogFooter", "DialogTitle", "DialogBody"]);
    } else {
      if (!el.children.some((c) => isDialogPart(c, ["dialog-title", "dialog-body"]))) {
        invalid(
          'The "dialog" element must have at least one child that is any of the following elements: [title,body].',
        );
      }
      for (const c of el.children) {
        if (isDialogPart(c, ["dialog-title", "dialog-body", "dialog-footer"])) continue;
        if (isText(c)) {
          if (isBlank(c.text)) continue;
          invalid('Element "null" is not allowed in "dialog"');
        }
        invalid(`Element "${c.tag}" is not allowed in "dialog"`);
      }
    }
  },
  print: (el, ctx) => {
    const attrs: OutAttributes = new Map();
    if (el.format === "MESSAGEML") attrs.set("open", "");
    for (const [name, value] of el.attrs) {
      if (name === "id") attrs.set("id", dialogPresentationId(el, ctx.shortId));
      else if (name === "open") attrs.set("open", "");
      else attrs.set(`data-${name}`, value);
    }
    ctx.out.openElement("dialog", attrs);
    ctx.printChildren(el);
    ctx.out.closeElement();
  },
};

function requireChild(el: Element, kind: Kind): void {
  assertContainsChildOfType(el, [kind]);
}

/** `SHORTID-id`, generated once per dialog (ui-actions pointing at it reuse it). */
export function dialogPresentationId(el: Element, shortId: () => string): string {
  el.presentationId ??= `${shortId()}-${el.attrs.get("id")}`;
  return el.presentationId;
}

function dialogPart(cssClass: string): ElementRules {
  return rules({
    validate: (el) => {
      const inDialogForm = el.parent?.kind === "Form" && el.parent.parent?.kind === "Dialog";
      assertNoAttributes(el);
      assertParent(el, [inDialogForm ? "Form" : "Dialog"]);
      if (el.children.some((c) => c.kind === "Dialog")) invalid(`${el.tag} should not contain a dialog`);
    },
    print: (el, ctx) => {
      ctx.out.openElement("div", new Map([["class", cssClass]]));
      ctx.printChildren(el);
      ctx.out.closeElement();
    },
  });
}

export const DIALOG_RULES = {
  UIAction: uiAction,
  Dialog: dialog,
  DialogTitle: dialogPart("dialog-title"),
  DialogBody: dialogPart("dialog-body"),
  DialogFooter: dialogPart("dialog-footer"),
} satisfies Partial<Record<Kind, ElementRules>>;
