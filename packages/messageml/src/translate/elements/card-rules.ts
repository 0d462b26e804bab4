/** card and expandable-card with their header and body (reference §1.2). */
import {
  assertAttributeNotBlank,
  assertAttributeValue,
  assertNoAttributes,
  assertParent,
} from "../assertions.ts";
import type { Element, Kind } from "../model.ts";
import type { ElementRules, PrintContext } from "../rule-types.ts";
import { defaultAttribute, rejectAttribute, rules } from "./common.ts";

function printDiv(el: Element, ctx: PrintContext, attrs: Map<string, string>): void {
  ctx.out.openElement("div", attrs);
  ctx.printChildren(el);
  ctx.out.closeElement();
}

function withClass(base: string, el: Element): string {
  const cls = el.attrs.get("class");
  return cls === undefined ? base : `${base} ${cls}`;
}

const card = rules({
  attribute: (el, name, value) => {
    if (name === "iconSrc" || name === "data-icon-src") el.attrs.set("iconSrc", value);
    else if (name === "accent" || name === "data-accent-color") el.attrs.set("accent", value);
    else defaultAttribute(el, name, value);
  },
  print: (el, ctx) => {
    const attrs = new Map([["class", withClass("card", el)]]);
    const icon = el.attrs.get("iconSrc");
    if (icon !== undefined) attrs.set("data-icon-src", icon);
    const accent = el.attrs.get("accent");
    if (accent !== undefined) attrs.set("data-accent-color", accent);
    printDiv(el, ctx, attrs);
  },
});

function cardPart(parentKind: Kind, cssClass: string): ElementRules {
  return rules({
    attribute: (el, name) => rejectAttribute(el, name),
    validate: (el) => {
      assertNoAttributes(el);
      assertParent(el, [parentKind]);
    },
    print: (el, ctx) => printDiv(el, ctx, new Map([["class", cssClass]])),
  });
}

const CARD_STATES = ["collapsed", "cropped", "expanded"];

const expandableCard = rules({
  attribute: (el, name, value) =>
    name === "state" || name === "data-state"
      ? el.attrs.set("state", value)
      : defaultAttribute(el, name, value),
  validate: (el) => {
    assertAttributeNotBlank(el, "state");
    assertAttributeValue(el, "state", CARD_STATES);
  },
  print: (el, ctx) => {
    const attrs = new Map([["class", withClass("expandable-card", el)]]);
    const state = el.attrs.get("state");
    if (state !== undefined) attrs.set("data-state", state);
    printDiv(el, ctx, attrs);
  },
});

const expandableCardBody = rules({
  attribute: (el, name, value) =>
    name === "variant" || name === "data-variant"
      ? el.attrs.set("variant", value)
      : rejectAttribute(el, name),
  validate: (el) => {
    assertParent(el, ["ExpandableCard"]);
    if (el.attrs.has("variant")) assertAttributeValue(el, "variant", ["default", "error"]);
  },
  print: (el, ctx) => {
    const attrs = new Map([["class", "expandableCardBody"]]);
    const variant = el.attrs.get("variant");
    if (variant !== undefined) attrs.set("data-variant", variant);
    printDiv(el, ctx, attrs);
  },
});

export const CARD_RULES = {
  Card: card,
  CardHeader: cardPart("Card", "cardHeader"),
  CardBody: cardPart("Card", "cardBody"),
  ExpandableCard: expandableCard,
  ExpandableCardHeader: cardPart("ExpandableCard", "expandableCardHeader"),
  ExpandableCardBody: expandableCardBody,
} satisfies Partial<Record<Kind, ElementRules>>;
