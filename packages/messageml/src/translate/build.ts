/**
 * DOM → the agent's element tree: which element each tag becomes (`MessageMLParser.createElement`),
 * attributes first, then children, then `validate()` — so the first failing element in post-order
 * wins, as on the agent. PresentationML input is mapped back to the same elements (a `div` by its
 * class, an `input` by its type, entity spans by the type of their entity JSON entry).
 */

import { CASHTAG_TYPE, HASHTAG_TYPE, MENTION_TYPE } from "./elements/entity-rules.ts";
import { RULES } from "./elements/index.ts";
import { invalid } from "./invalid.ts";
import { type EntityIndex, isObject } from "./json-lookup.ts";
import { Element, type Format, type Kind } from "./model.ts";
import type { BuildContext, SplittableData, UserLookup } from "./rule-types.ts";
import type { XmlElement, XmlNode } from "./xml-tree.ts";

export interface BuildOptions {
  entityJson: Record<string, unknown>;
  entityIndex: EntityIndex;
  userLookup: UserLookup | undefined;
  uriSchemes: ReadonlySet<string>;
  shortId: () => string;
}

export class ElementTreeBuilder implements BuildContext {
  readonly format: Format;
  readonly entityJson: Record<string, unknown>;
  private readonly entityIndex: EntityIndex;
  readonly userLookup: UserLookup | undefined;
  readonly uriSchemes: ReadonlySet<string>;
  readonly splittables = new Map<string, SplittableData>();
  private readonly elementIds = new Set<string>();
  private index = 0;
  readonly shortId: () => string;

  constructor(options: BuildOptions, format: Format) {
    this.format = format;
    this.entityJson = options.entityJson;
    this.entityIndex = options.entityIndex;
    this.userLookup = options.userLookup;
    this.uriSchemes = options.uriSchemes;
    this.shortId = options.shortId;
  }

  createRoot(): Element {
    return new Element("MessageML", "messageML", null, this.format);
  }

  buildAll(el: Element, x: XmlElement): void {
    const rules = RULES[el.kind];
    if (rules.buildAll) {
      rules.buildAll(el, x, this);
      return;
    }
    this.buildAttributes(el, x);
    for (const child of x.children) this.buildNode(el, child);
  }

  buildAttributes(el: Element, x: XmlElement): void {
    const rules = RULES[el.kind];
    for (const [name, value] of x.attributes) rules.attribute(el, name, value, this);
  }

  buildNode(parent: Element, node: XmlNode): void {
    if (node.type === "text") parent.children.push({ kind: "TextNode", parent, text: node.text });
    else if (node.type === "other") invalid(`Invalid element "${node.nodeName}"`);
    else this.buildElement(parent, node);
  }

  private buildElement(parent: Element, x: XmlElement): void {
    const child = this.openElement(x, parent);
    if (child) {
      this.buildAll(child, x);
      this.closeElement(parent, child);
    } else this.buildDropped(parent, x);
  }

  /**
   * The first half of building an element, which needs only its tag and attributes: the element
   * it becomes (`createElement`), or null when it is dropped (see `buildDropped`).
   */
  openElement(x: XmlElement, parent: Element): Element | null {
    return this.createElement(x, parent);
  }

  /** The second half, once its attributes and children are built: validate it and attach it. */
  closeElement(parent: Element, child: Element): void {
    child.compactChildren();
    RULES[child.kind].validate(child, this);
    if (child.kind === "Form" || child.kind === "Dialog") this.loadElementId(child.attrs.get("id") ?? "");
    parent.children.push(child);
  }

  /** A PresentationML-only part that is no element of its own. */
  buildDropped(parent: Element, x: XmlElement): void {
    // The generated label/tooltip group div is dropped; its content belongs to the parent.
    if (x.name === "div") for (const c of x.children) this.buildNode(parent, c);
  }

  private loadElementId(id: string): void {
    if (this.elementIds.has(id))
      invalid(`Elements must have unique ids. The following value is not unique: [${id}].`);
    this.elementIds.add(id);
  }

  private shorthand(tag: string): void {
    if (this.format === "PRESENTATIONML") invalid(`Shorthand tag "${tag}" is not allowed in PresentationML`);
  }

  private make(kind: Kind, tag: string, parent: Element, format: Format = "PRESENTATIONML"): Element {
    const el = new Element(kind, tag, parent, format);
    // The agent's UIAction constructor sets the default trigger before reading attributes.
    if (kind === "UIAction") el.attrs.set("trigger", "click");
    return el;
  }

  private entity(kind: Kind, tag: string, parent: Element, prefix: string): Element {
    const el = this.make(kind, tag, parent, "MESSAGEML");
    el.entityId = `${prefix}${++this.index}`;
    return el;
  }

  /** `createElement`: the element a tag becomes, or null for PresentationML-only parts. */
  private createElement(x: XmlElement, parent: Element): Element | null {
    const tag = x.name;
    const fmt = this.format;
    switch (tag) {
      case "chime":
        this.shorthand(tag);
        return this.chime(parent, "MESSAGEML");
      case "audio":
        return this.chime(parent, "PRESENTATIONML");
      case "p":
        return this.make("Paragraph", tag, parent);
      case "br":
        return this.make("LineBreak", tag, parent);
      case "hr":
        return this.make("HorizontalRule", tag, parent);
      case "span":
        return this.createFromSpan(x, parent);
      case "div":
        return this.createFromDiv(x, parent);
      case "input":
        return this.createFromInput(x, parent);
      case "b":
        return this.make("Bold", tag, parent);
      case "i":
        return this.make("Italic", tag, parent);
      case "pre":
        return this.make("Preformatted", tag, parent);
      case "hash":
        this.shorthand(tag);
        return this.entity("HashTag", tag, parent, "keyword");
      case "cash":
        this.shorthand(tag);
        return this.entity("CashTag", tag, parent, "keyword");
      case "mention":
        this.shorthand(tag);
        return this.entity("Mention", tag, parent, "mention");
      case "a":
        return this.make("Link", tag, parent);
      case "img":
        return this.make("Image", tag, parent);
      case "ul":
        return this.make("BulletList", tag, parent);
      case "ol":
        return this.make("OrderedList", tag, parent);
      case "li":
        return this.make("ListItem", tag, parent);
      case "table":
        return this.make("Table", tag, parent);
      case "thead":
        return this.make("TableHeader", tag, parent);
      case "tbody":
        return this.make("TableBody", tag, parent);
      case "tfoot":
        return this.make("TableFooter", tag, parent);
      case "tr":
        return this.make("TableRow", tag, parent);
      case "th":
        return this.make("TableHeaderCell", tag, parent);
      case "td":
        return this.make("TableCell", tag, parent);
      case "card":
        this.shorthand(tag);
        return this.make("Card", tag, parent, fmt);
      case "expandable-card":
        this.shorthand(tag);
        return this.make("ExpandableCard", tag, parent, fmt);
      case "code":
        return this.make("Code", tag, parent);
      case "header":
        this.shorthand(tag);
        return this.make(
          parent.kind === "ExpandableCard" ? "ExpandableCardHeader" : "CardHeader",
          tag,
          parent,
          fmt,
        );
      case "body":
        this.shorthand(tag);
        if (parent.kind === "Dialog" || parent.parent?.kind === "Dialog")
          return this.make("DialogBody", tag, parent, fmt);
        return this.make(
          parent.kind === "ExpandableCard" ? "ExpandableCardBody" : "CardBody",
          tag,
          parent,
          fmt,
        );
      case "emoji":
        return this.entity("Emoji", tag, parent, "emoji");
      case "form":
        return this.make("Form", tag, parent, fmt);
      case "select":
        return this.make("Select", tag, parent);
      case "option":
        return this.make("Option", tag, parent);
      case "button":
        return this.button(parent, fmt);
      case "text-field":
        return this.make("TextField", tag, parent, fmt);
      case "checkbox":
        return this.make("Checkbox", tag, parent, fmt);
      case "radio":
        return this.make("Radio", tag, parent, fmt);
      case "person-selector":
        return this.make("PersonSelector", tag, parent, fmt);
      case "room-selector":
        return this.make("RoomSelector", tag, parent, fmt);
      case "date-selector":
        return this.make("DateSelector", tag, parent, fmt);
      case "date-picker":
        return this.make("DatePicker", tag, parent, fmt);
      case "time-picker":
        return this.make("TimePicker", tag, parent, fmt);
      case "timezone-picker":
        return this.make("TimezonePicker", tag, parent, fmt);
      case "textarea":
        return this.make("TextArea", tag, parent, fmt);
      case "richtextarea":
        return this.make("RichTextArea", tag, parent, fmt);
      case "ui-action":
        return this.make("UIAction", tag, parent, fmt);
      case "dialog":
        return this.make("Dialog", tag, parent, fmt);
      case "title":
        return this.make("DialogTitle", tag, parent, fmt);
      case "footer":
        return this.make("DialogFooter", tag, parent, fmt);
      case "label":
        this.collectLabel(x);
        return null;
      case "sub":
        return this.make("Subscript", tag, parent);
      case "sup":
        return this.make("Superscript", tag, parent);
      case "tag":
        return this.entity("Tag", tag, parent, "tag");
      case "dateTime":
        return this.entity("DateTime", tag, parent, "datetime");
      default:
        if (/^h[1-6]$/.test(tag)) return this.make("Header", tag, parent);
        return invalid(`Invalid MessageML content at element "${tag}"`);
    }
  }

  private chime(parent: Element, format: Format): Element {
    if (parent.kind !== "MessageML") invalid('Element "chime" has to be the only element in the message.');
    parent.chime = true;
    return this.make("Chime", "chime", parent, format);
  }

  private button(parent: Element, format: Format): Element {
    const el = this.make("Button", "button", parent, format);
    if (parent.kind !== "UIAction") el.attrs.set("type", "action");
    return el;
  }

  private createFromSpan(x: XmlElement, parent: Element): Element | null {
    const cls = attributeOf(x, "class");
    if (
      attributeOf(x, "data-target-id") !== undefined &&
      attributeOf(x, "data-title") !== undefined &&
      cls === "info-hint"
    ) {
      const id = this.splittableId(x, "data-target-id");
      this.splittable(id).title = attributeOf(x, "data-title");
      return null;
    }
    if (hasClass(cls, "entity")) return this.createEntity(x, parent);
    return this.make("Span", "span", parent);
  }

  private collectLabel(x: XmlElement): void {
    const id = this.splittableId(x, "for");
    const data = this.splittable(id);
    if (data.label !== undefined)
      invalid("Invalid MessageML content, multiple splittable elements with the same id created");
    data.label = xmlText(x);
  }

  private splittableId(x: XmlElement, key: string): string {
    const value = attributeOf(x, key);
    if (value === undefined || value === "") {
      invalid(`Invalid MessageML content at element "${key}": 'data-target-id' attribute missing or empty`);
    }
    return value;
  }

  private splittable(id: string): SplittableData {
    let data = this.splittables.get(id);
    if (!data) {
      data = {};
      this.splittables.set(id, data);
    }
    return data;
  }

  private createFromInput(x: XmlElement, parent: Element): Element {
    const type = attributeOf(x, "type") ?? "";
    const tokens = type.split(/\s+/);
    if (tokens.includes("text")) {
      removeClassToken(x, "type", "text");
      return this.make("TextField", "text-field", parent, "PRESENTATIONML");
    }
    if (tokens.includes("checkbox")) return this.make("Checkbox", "checkbox", parent, "PRESENTATIONML");
    if (tokens.includes("radio")) return this.make("Radio", "radio", parent, "PRESENTATIONML");
    if (tokens.includes("date")) return this.make("DatePicker", "date-picker", parent, "PRESENTATIONML");
    if (tokens.includes("time")) return this.make("TimePicker", "time-picker", parent, "PRESENTATIONML");
    return invalid(`The input type "${type}" is not allowed on PresentationML`);
  }

  private createFromDiv(x: XmlElement, parent: Element): Element | null {
    if (attributeOf(x, "data-generated") !== undefined) return null;
    const cls = attributeOf(x, "class") ?? "";
    if (hasClass(cls, "entity")) return this.createEntity(x, parent);
    for (const [css, kind, tag] of DIV_CLASSES) {
      if (hasClass(cls, css)) {
        removeClassToken(x, "class", css);
        return this.make(kind, tag, parent, "PRESENTATIONML");
      }
    }
    return this.make("Div", "div", parent);
  }

  /** An entity span/div becomes mention / hash / cash by its entry's `type`, else a plain span/div. */
  private createEntity(x: XmlElement, parent: Element): Element {
    const tag = x.name;
    const entityId = attributeOf(x, "data-entity-id") ?? "";
    const found = this.entityIndex.findValues(entityId);
    if (found.length === 0) invalid('The attribute "data-entity-id" is required');
    if (found.length > 1) invalid(`Duplicate "data-entity-id"="${entityId}" in entityJSON`);
    const entity = found[0];
    const type = isObject(entity) ? entity.type : undefined;
    const ids = isObject(entity) ? entity.id : undefined;
    const first = Array.isArray(ids) ? ids[0] : undefined;
    const value = isObject(first) ? first.value : undefined;
    if (type !== undefined && value !== undefined) {
      const kind: Kind | undefined =
        type === CASHTAG_TYPE
          ? "CashTag"
          : type === HASHTAG_TYPE
            ? "HashTag"
            : type === MENTION_TYPE
              ? "Mention"
              : undefined;
      if (kind) {
        const el = this.make(
          kind,
          kind === "Mention" ? "mention" : kind === "HashTag" ? "hash" : "cash",
          parent,
        );
        el.entityTag = tag;
        if (kind === "Mention") el.uid = javaAsLong(value);
        else el.tagValue = jsonAsText(value);
        return el;
      }
    }
    if (tag === "div") return this.make("Div", "div", parent);
    if (tag === "span") return this.make("Span", "span", parent);
    return invalid(`The element "${tag}" cannot be an entity`);
  }
}

const DIV_CLASSES: readonly [string, Kind, string][] = [
  ["card", "Card", "card"],
  ["cardBody", "CardBody", "body"],
  ["cardHeader", "CardHeader", "header"],
  ["expandable-card", "ExpandableCard", "expandable-card"],
  ["expandableCardBody", "ExpandableCardBody", "body"],
  ["expandableCardHeader", "ExpandableCardHeader", "header"],
  ["person-selector", "PersonSelector", "person-selector"],
  ["room-selector", "RoomSelector", "room-selector"],
  ["date-selector", "DateSelector", "date-selector"],
  ["checkbox-group", "Checkbox", "checkbox"],
  ["radio-group", "Radio", "radio"],
  ["ui-action", "UIAction", "ui-action"],
  ["timezone-picker", "TimezonePicker", "timezone-picker"],
];

/**
 * The value of attribute `name`, if present. A plain loop: called for every span/div/input, and an
 * arrow function per call (with the dev runner's name-keeping wrapper) cost a few percent on small messages.
 */
function attributeOf(x: XmlElement, name: string): string | undefined {
  for (const [n, value] of x.attributes) if (n === name) return value;
  return undefined;
}

function hasClass(cls: string | undefined, name: string): boolean {
  if (cls === undefined || !cls.includes(name)) return false;
  return cls === name || cls.split(/\s+/).includes(name);
}

/** Remove one token from a space-separated attribute, dropping the attribute when nothing is left. */
function removeClassToken(x: XmlElement, attribute: string, token: string): void {
  const index = x.attributes.findIndex(([n]) => n === attribute);
  if (index === -1) return;
  const rest = (x.attributes[index] as [string, string])[1]
    .split(/\s+/)
    .filter((t) => t.toLowerCase() !== token.toLowerCase())
    .join(" ");
  if (rest.trim() === "") x.attributes.splice(index, 1);
  else x.attributes[index] = [attribute, rest];
}

function xmlText(x: XmlElement): string {
  let s = "";
  for (const c of x.children) s += c.type === "text" ? c.text : c.type === "element" ? xmlText(c) : "";
  return s;
}

/** Jackson `asLong()`: numbers truncated, numeric text parsed, anything else 0. */
function javaAsLong(value: unknown): string {
  if (typeof value === "number" && Number.isFinite(value)) return BigInt(Math.trunc(value)).toString();
  if (typeof value === "string" && /^[+-]?\d+$/.test(value.trim())) return BigInt(value.trim()).toString();
  return "0";
}

/** Jackson `asText()` of a scalar. */
function jsonAsText(value: unknown): string {
  if (value === null) return "null";
  return typeof value === "object" ? "" : String(value);
}
