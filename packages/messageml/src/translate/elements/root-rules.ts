/** The root: `<messageML>` or `<div data-format="PresentationML" data-version="2.0">`. */
import { assertNoAttributes } from "../assertions.ts";
import { invalid } from "../invalid.ts";
import { type Element, findElements, isText } from "../model.ts";
import type { BuildContext, ElementRules } from "../rule-types.ts";
import { defaultAttribute } from "./common.ts";
import { dialogPresentationId } from "./dialog-rules.ts";

const root: ElementRules = {
  attribute: (el, name, value) => {
    if (el.format === "PRESENTATIONML") {
      if (name === "data-format") el.attrs.set(name, value);
      else if (name === "data-version") el.version = value;
      else defaultAttribute(el, name, value);
    } else if (name === "xmlns") {
      // accepted and dropped
    } else if (name === "beta") {
      if (value !== "true" && value !== "false") {
        invalid(
          'Attribute "beta" of element "messageML" can only be one of the following values: [true, false].',
        );
      }
      el.beta = value === "true";
    } else defaultAttribute(el, name, value);
  },
  validate: (el, ctx) => {
    if (el.format === "MESSAGEML") assertNoAttributes(el);
    else if (el.attrs.get("data-format")?.toLowerCase() !== "presentationml" || el.version === undefined) {
      invalid('Malformed PresentationML. The attributes "data-format" and "data-version" are required.');
    }
    if (el.chime && (el.children.length !== 1 || (el.children[0] as Element).kind !== "Chime")) {
      invalid("Chime messages may not have any other content");
    }
    linkUiActionsToDialogs(el, ctx);
  },
  print: (el, ctx) => {
    ctx.out.openElement(
      "div",
      new Map([
        ["data-format", "PresentationML"],
        ["data-version", el.version ?? "2.0"],
      ]),
    );
    ctx.printChildren(el);
    ctx.out.closeElement();
  },
  entityJson: (_el, parent) => parent,
};

/** A ui-action with `target-id` needs exactly one sibling dialog of that id; it then points at its generated id. */
function linkUiActionsToDialogs(el: Element, ctx: BuildContext): void {
  for (const action of findElements(el, (e) => e.kind === "UIAction" && e.attrs.has("target-id"))) {
    const target = action.attrs.get("target-id");
    const siblings = action.parent?.children ?? [];
    const dialogs = siblings.filter((c) => !isText(c) && c.kind === "Dialog" && c.attrs.get("id") === target);
    if (dialogs.length !== 1)
      invalid("ui-action with a target-id must have only one dialog sibling with a matching id");
    action.attrs.set(
      "target-id",
      dialogPresentationId(dialogs[0] as Element, () => ctx.shortId()),
    );
  }
}

export const ROOT_RULES = { MessageML: root };
