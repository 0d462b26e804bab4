/** Shorthand entity tags: hash, cash, mention, emoji, dateTime, tag (reference §1.2). */
import {
  assertAttributeNotBlank,
  assertAttributeValue,
  assertPhrasingContent,
  parseJavaLong,
} from "../assertions.ts";
import { invalid } from "../invalid.ts";
import { type Element, isBlank, type Kind } from "../model.ts";
import type { BuildContext, ElementRules } from "../rule-types.ts";
import { isIsoOffsetDateTime } from "../values.ts";
import { defaultAttribute, rejectAttribute } from "./common.ts";
import { EMOJI } from "./emoji-table.ts";

export const MENTION_TYPE = "com.symphony.user.mention";
export const HASHTAG_TYPE = "org.symphonyoss.taxonomy";
export const CASHTAG_TYPE = "org.symphonyoss.fin.security";

/** `Entity.buildAttribute`: `data-entity-id` names the entry; other attributes only in PresentationML. */
function entityAttribute(el: Element, name: string, value: string): void {
  if (name === "data-entity-id") el.entityId = value;
  else if (el.format === "PRESENTATIONML") defaultAttribute(el, name, value);
  else rejectAttribute(el, name);
}

function validateEntity(el: Element): void {
  if (el.format === "PRESENTATIONML" && el.entityId === undefined)
    invalid('The attribute "data-entity-id" is required');
}

/** The generated entry `{type, version, id:[{type, value}]}`, or the existing one of that id. */
function idEntity(
  el: Element,
  parent: Record<string, unknown>,
  type: string,
  subtype: string,
  value: string,
): Record<string, unknown> {
  const id = el.entityId as string;
  const existing = parent[id];
  if (existing !== undefined) return existing as Record<string, unknown>;
  const node = { type, version: "1.0", id: [{ type: subtype, value }] };
  parent[id] = node;
  return node;
}

function printEntitySpan(el: Element, text: string, ctx: Parameters<ElementRules["print"]>[1]): void {
  ctx.out.printElement(
    el.entityTag ?? "span",
    new Map([
      ["class", "entity"],
      ["data-entity-id", el.entityId as string],
    ]),
    text,
  );
}

const HASHTAG_PATTERN = "[\\S]*[^\\s!@#$%^&*()+=<>,./?`~:;'\"\\\\|-]+[\\S]*$";
const ASCII_SPACE = /[ \t\n\v\f\r]/;
const HASHTAG_WORD_CHAR = /[^ \t\n\v\f\r!@#$%^&*()+=<>,./?`~:;'"\\|-]/;

/** `tag.matches(HASHTAG_PATTERN)`, written without the pattern's quadratic backtracking. */
function isHashtag(tag: string): boolean {
  return !ASCII_SPACE.test(tag) && HASHTAG_WORD_CHAR.test(tag);
}

function keywordRules(prefix: string, type: string, subtype: string, checkPattern: boolean): ElementRules {
  return {
    attribute: (el, name, value) => {
      if (name === "tag") el.tagValue = value;
      else entityAttribute(el, name, value);
    },
    validate: (el) => {
      if (el.tagValue === undefined) invalid('The attribute "tag" is required');
      if (checkPattern && !isHashtag(el.tagValue)) {
        invalid(
          `Values of the attribute 'tag' for the element '${el.tag}' must match the pattern ${HASHTAG_PATTERN}.`,
        );
      }
      validateEntity(el);
    },
    print: (el, ctx) => printEntitySpan(el, prefix + (el.tagValue ?? ""), ctx),
    entityJson: (el, parent) => idEntity(el, parent, type, subtype, el.tagValue ?? ""),
  };
}

function resolveUser(el: Element, ctx: BuildContext): void {
  if (el.uid === undefined && el.email === undefined) return;
  const query = el.uid !== undefined ? { uid: el.uid } : { email: el.email as string };
  const user = ctx.userLookup?.(query);
  if (!user) {
    if (el.fallback) return;
    invalid(`Failed to lookup user "${el.uid ?? el.email}"`);
  }
  el.user = user;
  el.uid ??= user.id;
  el.email ??= user.email;
}

const mention: ElementRules = {
  attribute: (el, name, value) => {
    if (name === "email") el.email = value;
    else if (name === "uid") {
      const uid = parseJavaLong(value);
      if (uid === undefined) invalid(`Invalid input: uid must be a int64 value not "${value}"`);
      el.uid = uid;
    } else if (name === "strict") el.fallback = value.toLowerCase() !== "true";
    else entityAttribute(el, name, value);
  },
  validate: resolveUser,
  print: (el, ctx) => {
    if (el.user) {
      printEntitySpan(el, isBlank(el.user.displayName) ? "" : `@${el.user.displayName}`, ctx);
    } else if (el.uid !== undefined) {
      printEntitySpan(el, el.uid, ctx);
    } else if (el.email !== undefined) {
      ctx.out.openElement("a", new Map([["href", `mailto:${el.email}`]]));
      if (el.children.length > 0) ctx.printChildren(el);
      else ctx.out.text(el.email, true);
      ctx.out.closeElement();
    }
  },
  entityJson: (el, parent) =>
    el.uid === undefined ? undefined : idEntity(el, parent, MENTION_TYPE, "com.symphony.user.userId", el.uid),
};

const emoji: ElementRules = {
  attribute: (el, name, value) => {
    if (name === "shortcode" || name === "annotation") el.shortcode = value;
    else if (name === "family") el.family = value;
    else if (name === "size") el.size = value;
    else rejectAttribute(el, name);
  },
  validate: (el) => {
    if (el.shortcode === undefined) invalid('Either the attribute "shortcode" or "annotation" are required');
    if (!/^[A-Za-z0-9_+-]*$/.test(el.shortcode)) {
      invalid(
        "Shortcode or Annotation parameter may only contain alphanumeric characters, underscore, plus sign and dash",
      );
    }
    assertPhrasingContent(el);
  },
  print: (el, ctx) => {
    ctx.out.openElement(
      "span",
      new Map([
        ["class", "entity"],
        ["data-entity-id", el.entityId as string],
      ]),
    );
    if (el.children.length === 0) {
      const code = el.shortcode ?? "";
      ctx.out.text(EMOJI.get(code) ?? `:${code}:`, true);
    } else ctx.printChildren(el);
    ctx.out.closeElement();
  },
  entityJson: (el, parent) => {
    const id = el.entityId as string;
    if (parent[id] !== undefined) return parent[id] as Record<string, unknown>;
    const code = el.shortcode ?? "";
    const data: Record<string, unknown> = { shortcode: code, annotation: code, size: el.size ?? "normal" };
    const glyph = EMOJI.get(code);
    if (glyph !== undefined) data.unicode = glyph;
    if (el.family !== undefined) data.family = el.family;
    const node = { type: "com.symphony.emoji", version: "1.0", data };
    parent[id] = node;
    return node;
  },
};

const DATE_TIME_FORMATS = ["date_time", "date", "time", "time_secs"];

const dateTime: ElementRules = {
  attribute: (el, name, value) =>
    name === "value" || name === "format" ? el.attrs.set(name, value) : rejectAttribute(el, name),
  validate: (el) => {
    validateEntity(el);
    assertAttributeNotBlank(el, "value");
    if (!isIsoOffsetDateTime(el.attrs.get("value") as string))
      invalid('Attribute "value" has invalid date format');
    if (el.attrs.has("format")) assertAttributeValue(el, "format", DATE_TIME_FORMATS);
  },
  print: (el, ctx) => {
    const attrs = new Map([["data-entity-id", el.entityId as string]]);
    const format = el.attrs.get("format");
    if (format !== undefined) attrs.set("data-format", format);
    const value = el.attrs.get("value") as string;
    attrs.set("datetime", value);
    // v1.1.3 wraps the time in a span (reference §1.2).
    ctx.out.openElement("span");
    ctx.out.printElement("time", attrs, value);
    ctx.out.closeElement();
  },
  entityJson: (el, parent) => {
    const id = el.entityId as string;
    if (parent[id] !== undefined) return parent[id] as Record<string, unknown>;
    const node = {
      type: "org.symphonyoss",
      version: "1.0",
      data: {
        value: el.attrs.get("value"),
        type: "org.symphonyoss.datetime",
        format: el.attrs.get("format") ?? null,
      },
    };
    parent[id] = node;
    return node;
  },
};

const TAG_ATTRIBUTES = new Set([
  "fullbbgcompticker",
  "unique-id",
  "figi",
  "bbgcompticker",
  "figi-ticker",
  "us-code",
  "isin",
  "local-code",
  "instrument-class",
  "bbgmarket-sector",
  "return-main-listing",
  "country-code",
  "operational-mic",
  "fallback-ticker",
]);

/** Enhanced financial tag. sprig has no instrument resolver, so `fallback-ticker` is what shows. */
const financialTag: ElementRules = {
  attribute: (el, name, value) =>
    TAG_ATTRIBUTES.has(name) ? el.attrs.set(name, value) : entityAttribute(el, name, value),
  validate: validateEntity,
  print: (el, ctx) => printEntitySpan(el, `$${el.attrs.get("fallback-ticker") ?? ""}`, ctx),
  entityJson: (el, parent) =>
    idEntity(
      el,
      parent,
      CASHTAG_TYPE,
      "org.symphonyoss.fin.security.id.ticker",
      el.attrs.get("fallback-ticker") ?? "",
    ),
};

/** Run after the whole tree is built, as the agent's `enhanceFinancialTags` does. */
export function validateFallbackTicker(el: Element): void {
  if (isBlank(el.attrs.get("fallback-ticker")))
    invalid('No instrument found , "fallback-ticker" attribute is required');
}

export const ENTITY_RULES = {
  HashTag: keywordRules("#", HASHTAG_TYPE, "org.symphonyoss.taxonomy.hashtag", true),
  CashTag: keywordRules("$", CASHTAG_TYPE, "org.symphonyoss.fin.security.id.ticker", false),
  Mention: mention,
  Emoji: emoji,
  DateTime: dateTime,
  Tag: financialTag,
} satisfies Partial<Record<Kind, ElementRules>>;
