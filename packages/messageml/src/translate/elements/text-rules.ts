/** Text, list, table, link, image and code tags (reference §1.2). */

import { CODE_LANGUAGES } from "../../code-languages.ts";
import {
  assertAttributeValue,
  assertContainsChildOfType,
  assertContentModel,
  assertNoAttributes,
  assertNoContent,
  assertNoText,
  assertParent,
  assertPhrasingContent,
  assertPhrasingOrPreformatted,
  parseJavaLong,
} from "../assertions.ts";
import { invalid } from "../invalid.ts";
import type { Element, Kind } from "../model.ts";
import type { ElementRules } from "../rule-types.ts";
import { isValidUri, uriScheme } from "../values.ts";
import { containerRules, defaultAttribute, rejectAttribute, rules } from "./common.ts";

const phrasing = rules({ validate: assertPhrasingContent });

const emptyNoAttributes = rules({
  attribute: (el, name) => rejectAttribute(el, name),
  validate: (el) => {
    assertNoContent(el);
    assertNoAttributes(el);
  },
  print: (el, ctx) => ctx.out.printElement(el.tag),
});

/** `data-entity-id` needs `class="entity"` and the reverse, on div and span. */
function validateEntityClass(el: Element): void {
  const cls = el.attrs.get("class");
  const entityId = el.attrs.get("data-entity-id");
  if (entityId !== undefined && cls !== "entity") {
    invalid('The attribute "data-entity-id" is only allowed if the element class is "entity".');
  }
  if (cls === "entity" && entityId === undefined) {
    invalid('The attribute "data-entity-id" is required if the element class is "entity".');
  }
}

/** Card and expandable-card attributes on a plain div need its first class to match. */
function verifyClassSpecific(el: Element, attr: string, firstClass: string): void {
  if (!el.attrs.has(attr)) return;
  const cls = el.attrs.get("class");
  if (cls === undefined || cls.split(" ")[0] !== firstClass) {
    invalid(`The attribute "${attr}" is only allowed if the element class is "${firstClass}".`);
  }
}

function entityObject(el: Element, parent: Record<string, unknown>): Record<string, unknown> | undefined {
  const id = el.attrs.get("data-entity-id");
  if (id === undefined) return undefined;
  const node = parent[id];
  // The agent assumes the entry sits directly under `parent` (it checked existence anywhere);
  // when it does not, its cast fails. Here the entities inside simply go to `parent`.
  if (typeof node !== "object" || node === null || Array.isArray(node)) return undefined;
  // Entries generated inside go into a copy, so the caller's data object is never modified.
  const copy = { ...(node as Record<string, unknown>) };
  parent[id] = copy;
  return copy;
}

const DIV_ATTRIBUTES = new Set([
  "data-entity-id",
  "data-icon-src",
  "data-accent-color",
  "data-state",
  "data-variant",
]);
const SPAN_ATTRIBUTES = new Set(["data-entity-id", "data-title", "data-target-id"]);

const div = rules({
  attribute: (el, name, value) =>
    DIV_ATTRIBUTES.has(name) ? el.attrs.set(name, value) : defaultAttribute(el, name, value),
  validate: (el) => {
    validateEntityClass(el);
    verifyClassSpecific(el, "data-icon-src", "card");
    verifyClassSpecific(el, "data-accent-color", "card");
    verifyClassSpecific(el, "data-state", "expandable-card");
    verifyClassSpecific(el, "data-variant", "expandableCardBody");
  },
  entityJson: entityObject,
});

const span = rules({
  attribute: (el, name, value) =>
    SPAN_ATTRIBUTES.has(name) ? el.attrs.set(name, value) : defaultAttribute(el, name, value),
  validate: validateEntityClass,
  entityJson: entityObject,
});

const preformatted = rules({
  validate: assertPhrasingContent,
  print: (el, ctx) => {
    const saved = ctx.out.removeNewLines;
    ctx.out.removeNewLines = false;
    ctx.out.openElement("pre", el.attrs);
    ctx.printChildren(el);
    ctx.out.closeElement();
    ctx.out.removeNewLines = saved;
  },
});

const link = rules({
  attribute: (el, name, value) => {
    if (name !== "href") return defaultAttribute(el, name, value);
    if (!isValidUri(value)) invalid(`Invalid input: href must be a URI value not "${value}"`);
    el.attrs.set("href", value);
  },
  validate: (el, ctx) => {
    const href = el.attrs.get("href");
    if (href === undefined) invalid('The attribute "href" is required');
    if (href.trim() === "") invalid('The attribute "href" cannot be empty');
    const scheme = uriScheme(href);
    if (scheme === undefined) invalid('The attribute "href" must contain an absolute URI');
    if (!ctx.uriSchemes.has(scheme.toLowerCase()))
      invalid(`URI scheme "${scheme}" is not supported by the pod.`);
  },
  print: (el, ctx) => {
    ctx.out.openElement("a", el.attrs);
    if (el.children.length === 0) ctx.out.raw(escapeHref(el.attrs.get("href") ?? ""));
    else ctx.printChildren(el);
    ctx.out.closeElement();
  },
});

function escapeHref(href: string): string {
  return href.replace(/[<>&"]/g, (c) =>
    c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "&" ? "&amp;" : "&quot;",
  );
}

const image = rules({
  attribute: (el, name, value) =>
    name === "src" ? el.attrs.set("src", value) : defaultAttribute(el, name, value),
  validate: (el) => {
    assertNoContent(el);
    if (!el.attrs.has("src")) invalid('The attribute "src" is required');
  },
  print: (el, ctx) => ctx.out.printElement("img", el.attrs),
});

function list(): ElementRules {
  return rules({
    validate: (el) => {
      assertNoText(el);
      assertContentModel(el, ["ListItem"]);
      assertContainsChildOfType(el, ["ListItem"]);
    },
  });
}

function rowContainer(allowed: Kind[]): ElementRules {
  return rules({
    validate: (el) => {
      assertNoText(el);
      assertContentModel(el, allowed);
    },
  });
}

const tableCell = rules({
  attribute: (el, name, value) => {
    if (name !== "rowspan" && name !== "colspan") return defaultAttribute(el, name, value);
    const long = parseJavaLong(value);
    if (long === undefined) invalid(`Invalid input: ${name} must be a int64 value not "${value}"`);
    el.attrs.set(name, long);
  },
});

const code = rules({
  attribute: (el, name, value) =>
    name === "language" || name === "data-language"
      ? el.attrs.set(name, value)
      : defaultAttribute(el, name, value),
  validate: (el) => {
    if (el.attrs.get("language")) assertAttributeValue(el, "language", CODE_LANGUAGES);
    if (el.attrs.get("data-language")) assertAttributeValue(el, "data-language", CODE_LANGUAGES);
    assertPhrasingOrPreformatted(el);
  },
  // The agent writes only the language (class and style are dropped).
  print: (el, ctx) => {
    const attrs = new Map<string, string>();
    const language = el.attrs.get("data-language") ?? el.attrs.get("language");
    if (language !== undefined) attrs.set("data-language", language);
    ctx.out.openElement("code", attrs);
    ctx.printChildren(el);
    ctx.out.closeElement();
  },
});

const CHIME_SRC = "https://asset.symphony.com/symphony/audio/chime.mp3";

const chime = rules({
  attribute: (el, name, value) => {
    if (name === "src") {
      if (value.toLowerCase() !== CHIME_SRC) invalid(`Attribute "src" value needs to be "${CHIME_SRC}"`);
    } else if (name !== "autoplay") rejectAttribute(el, name);
  },
  validate: assertNoContent,
  print: (_el, ctx) =>
    ctx.out.printElement(
      "audio",
      new Map([
        ["src", CHIME_SRC],
        ["autoplay", "true"],
      ]),
    ),
});

export const TEXT_RULES = {
  Paragraph: containerRules,
  LineBreak: emptyNoAttributes,
  HorizontalRule: emptyNoAttributes,
  Span: span,
  Div: div,
  Bold: phrasing,
  Italic: phrasing,
  Preformatted: preformatted,
  Header: phrasing,
  Subscript: containerRules,
  Superscript: containerRules,
  Link: link,
  Image: image,
  BulletList: list(),
  OrderedList: list(),
  ListItem: rules({ validate: (el) => assertParent(el, ["OrderedList", "BulletList"]) }),
  Table: rowContainer(["TableHeader", "TableBody", "TableFooter", "TableRow"]),
  TableHeader: rowContainer(["TableRow"]),
  TableBody: rowContainer(["TableRow"]),
  TableFooter: rowContainer(["TableRow"]),
  TableRow: rowContainer(["TableHeaderCell", "TableCell"]),
  TableHeaderCell: containerRules,
  TableCell: tableCell,
  Code: code,
  Chime: chime,
} satisfies Partial<Record<Kind, ElementRules>>;
