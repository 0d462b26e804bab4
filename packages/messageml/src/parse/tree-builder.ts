import { type EntityData, EntityLookup, resolveEntity } from "./entity-data.ts";
import { type MarkupElement, type MarkupNode, readMarkup } from "./markup-reader.ts";
import type {
  Block,
  Card,
  CodeBlock,
  Inline,
  ListBlock,
  ListItem,
  MessageTree,
  Table,
  TableCell,
  TableRow,
} from "./message-tree.ts";

/**
 * Markup tree → MessageTree. Block containers (`div`, `p`, `li`, `td`, the root…) gather runs of
 * inline content into paragraphs; a block inside a paragraph (a pasted `<p><table>`) splits it;
 * inside inline content, blocks are flattened to their inline content.
 */
const BLOCK_CONTAINERS = new Set([
  "#document",
  "messageml",
  "div",
  "p",
  "form",
  "section",
  "article",
  "main",
  "header",
  "footer",
  "body",
  "html",
  "dialog",
  "details",
  "summary",
  "center",
  "nav",
  "aside",
  "fieldset",
  "figure",
  "figcaption",
  "address",
  "dl",
  "dt",
  "dd",
  "ui-action",
]);
const IGNORED = new Set([
  "script",
  "style",
  "head",
  "title",
  "template",
  "audio",
  "video",
  "input",
  "textarea",
  "select",
]);
const HEADINGS: Record<string, 1 | 2 | 3 | 4 | 5 | 6> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };

/**
 * From this length on, top-level content becomes blocks as soon as it closes (see `settle`). Below
 * it the whole markup tree is small and is read at the end, as it always was.
 */
export const SETTLE_FROM = 16 * 1024;

/** Reads `source` and builds its MessageTree; `settleFrom` is a parameter so tests can force either way. */
export function parseMessageTree(source: string, data: EntityData, settleFrom = SETTLE_FROM): MessageTree {
  const long = source.length >= settleFrom;
  const builder = new MessageTreeBuilder(new EntityLookup(data), long);
  // A closure only when needed: an arrow-function class field costs every short parse ~8% (measured).
  const settle = long
    ? (element: MarkupElement, parent: MarkupElement) => builder.settle(element, parent)
    : undefined;
  const document = readMarkup(source, settle);
  return { type: "message", children: builder.root(document) };
}

export function buildMessageTree(document: MarkupElement, data: EntityData): MessageTree {
  return { type: "message", children: new MessageTreeBuilder(new EntityLookup(data)).root(document) };
}

type Run = Inline[];

/**
 * A top-level element already turned into what `blocks`/`inlines` would make of it: its blocks when
 * it is a block node, otherwise its inline content. It stands in the markup tree in the element's
 * place (as an element, so the single-root rule still counts it), and the element is let go.
 */
class SettledContent implements MarkupElement {
  // Spelled out in blockOf/inlineOf too: a module-level const as a case label is a context load
  // (with its TDZ check) per comparison, which cost a short parse ~3% (measured).
  readonly name = "#settled";
  readonly attrs: ReadonlyMap<string, string> = NO_ATTRIBUTES;
  children: MarkupNode[] = [];
  constructor(
    readonly blocks: Block[] | undefined,
    readonly inlines: Inline[],
  ) {}
}

const NO_ATTRIBUTES: ReadonlyMap<string, string> = new Map();

class MessageTreeBuilder {
  /**
   * @param exact keep the result's arrays at their exact size. An array grown by `push` reserves 17
   *   slots, so a bold or link with one child costs ~190 bytes instead of ~60: on a long message the
   *   result outlives the young generation and the GC copies every byte of it. Short messages skip
   *   the copy (their result dies young).
   */
  constructor(
    private readonly entities: EntityLookup,
    private readonly exact = false,
  ) {}

  /**
   * Called by the markup reader as children and grandchildren of the document close. Only content
   * `root()` will read through `blocks`/`inlines` is settled, and to exactly what they would make:
   * - a child of the document, unless it is a block container (it may be the single root, whose
   *   children are then the content) or ignored (it still counts against a single root);
   * - a grandchild whose parent is a plain block container, i.e. one read as `blocks(children)`
   *   whether it ends up the single root or not (a card or an entity container reads its children
   *   differently, so their children are left alone).
   */
  settle(element: MarkupElement, parent: MarkupElement): MarkupElement {
    if (IGNORED.has(element.name)) return element;
    if (parent.name === "#document") {
      if (BLOCK_CONTAINERS.has(element.name)) return element;
    } else if (!isPlainContainer(parent)) return element;
    return this.isBlockNode(element)
      ? new SettledContent(this.blockOf(element), [])
      : new SettledContent(undefined, this.inlineOf(element));
  }

  /**
   * The root keeps a white-space-only run when it holds nothing else, so any text sent as a message
   * (even "  ") reads back unchanged.
   */
  root(document: MarkupElement): Block[] {
    const rootElement = singleRootElement(document);
    const container = rootElement ?? document;
    if (rootElement !== undefined && !BLOCK_CONTAINERS.has(rootElement.name))
      return this.blocks([rootElement]);
    const allInline = container.children.every((child) => !this.isBlockNode(child));
    if (allInline) {
      const run = this.inlines(container.children);
      return run.length > 0 ? [{ type: "paragraph", children: run }] : [];
    }
    return this.blocks(container.children);
  }

  /** Block content: inline runs become paragraphs; white-space-only runs are dropped. */
  blocks(nodes: readonly MarkupNode[]): Block[] {
    const out: Block[] = [];
    let run: Run = [];
    const flush = () => {
      if (run.length > 0) pushRun(out, this.exact ? run.slice() : run);
      run = [];
    };
    for (const node of nodes) {
      if (typeof node === "string") {
        appendText(run, node);
        continue;
      }
      if (IGNORED.has(node.name)) continue;
      const block = this.blockOf(node);
      if (block === undefined) {
        appendInlines(run, this.inlineOf(node));
        continue;
      }
      flush();
      pushAll(out, block);
    }
    flush();
    return this.exact ? out.slice() : out;
  }

  /** The blocks an element makes, or undefined when it is inline content. */
  private blockOf(element: MarkupElement): Block[] | undefined {
    const name = element.name;
    if (BLOCK_CONTAINERS.has(name)) return this.containerBlocks(element);
    const level = HEADINGS[name];
    if (level !== undefined) return [{ type: "heading", level, children: this.inlines(element.children) }];
    switch (name) {
      case "ul":
      case "ol":
        return [this.list(element)];
      case "li":
        return this.blocks(element.children);
      case "table":
        return [this.table(element)];
      case "thead":
      case "tbody":
      case "tfoot":
      case "tr":
        return [this.table({ name: "table", attrs: new Map(), children: [element] })];
      case "td":
      case "th":
        return this.blocks(element.children);
      case "pre":
        return [codeBlock(element)];
      case "blockquote":
        return [{ type: "blockquote", children: this.blocks(element.children) }];
      case "hr":
        return [{ type: "horizontalRule" }];
      case "card":
      case "expandable-card":
        return [this.shorthandCard(element)];
      case "#settled": // undefined for settled inline content, which inlineOf gives
        return (element as SettledContent).blocks;
      default:
        return undefined;
    }
  }

  private containerBlocks(element: MarkupElement): Block[] {
    const classes = classList(element);
    if (element.name === "div" && (classes[0] === "card" || classes[0] === "expandable-card")) {
      return [this.card(element, classes[0] === "expandable-card")];
    }
    if (element.attrs.has("data-entity-id")) {
      const entity = this.entity(element);
      if (entity !== undefined) return [{ type: "paragraph", children: [entity] }];
    }
    return this.blocks(element.children);
  }

  private isBlockNode(node: MarkupNode): boolean {
    if (typeof node === "string") return false;
    if (node instanceof SettledContent) return node.blocks !== undefined; // only root() asks
    if (BLOCK_CONTAINERS.has(node.name) || node.name in HEADINGS) return true;
    return [
      "ul",
      "ol",
      "li",
      "table",
      "thead",
      "tbody",
      "tfoot",
      "tr",
      "td",
      "th",
      "pre",
      "blockquote",
      "hr",
      "card",
      "expandable-card",
    ].includes(node.name);
  }

  /** Inline content; block elements met here are flattened to their inline content. */
  inlines(nodes: readonly MarkupNode[]): Inline[] {
    const run: Run = [];
    for (const node of nodes) {
      if (typeof node === "string") appendText(run, node);
      else if (!IGNORED.has(node.name)) appendInlines(run, this.inlineOf(node));
    }
    return this.exact ? run.slice() : run;
  }

  private inlineOf(element: MarkupElement): Inline[] {
    if (element.attrs.has("data-entity-id")) {
      const entity = this.entity(element);
      if (entity !== undefined) return [entity];
    }
    switch (element.name) {
      case "b":
      case "strong":
        return [{ type: "bold", children: this.inlines(element.children) }];
      case "i":
      case "em":
        return [{ type: "italic", children: this.inlines(element.children) }];
      case "a":
        return [
          { type: "link", href: element.attrs.get("href") ?? "", children: this.inlines(element.children) },
        ];
      case "img":
        return [image(element)];
      case "br":
        return [{ type: "lineBreak" }];
      case "code":
        return [inlineCode(element)];
      case "mention":
      case "hash":
      case "cash":
      case "emoji":
        return this.shorthandEntity(element);
      case "#settled":
        return (element as SettledContent).inlines;
      default:
        return this.inlines(element.children);
    }
  }

  private entity(element: MarkupElement): Inline | undefined {
    const entityId = element.attrs.get("data-entity-id") ?? "";
    return resolveEntity(entityId, () => textContent(element), this.entities);
  }

  /** MessageML shorthand tags, when a MessageML message (not yet translated) is parsed. */
  private shorthandEntity(element: MarkupElement): Inline[] {
    const attr = (key: string) => element.attrs.get(key) ?? "";
    const text = textContent(element);
    switch (element.name) {
      case "mention":
        if (attr("uid") !== "")
          return [{ type: "mention", userId: attr("uid"), name: text, text, entityId: "" }];
        return this.inlines(element.children);
      case "hash":
        return [{ type: "hashtag", tag: attr("tag"), text: `#${attr("tag")}`, entityId: "" }];
      case "cash":
        return [{ type: "cashtag", tag: attr("tag"), text: `$${attr("tag")}`, entityId: "" }];
      default:
        return [
          {
            type: "emoji",
            shortcode: attr("shortcode"),
            text: text || `:${attr("shortcode")}:`,
            entityId: "",
          },
        ];
    }
  }

  private list(element: MarkupElement): ListBlock {
    const items: ListItem[] = [];
    let loose: MarkupNode[] = [];
    const flushLoose = () => {
      const blocks = this.blocks(loose);
      if (blocks.length > 0) items.push({ children: blocks });
      loose = [];
    };
    for (const child of element.children) {
      if (typeof child !== "string" && child.name === "li") {
        flushLoose();
        items.push({ children: this.blocks(child.children) });
      } else {
        loose.push(child);
      }
    }
    flushLoose();
    return { type: "list", ordered: element.name === "ol", items };
  }

  private table(element: MarkupElement): Table {
    const head: TableRow[] = [];
    const body: TableRow[] = [];
    const foot: TableRow[] = [];
    const visit = (nodes: readonly MarkupNode[], target: TableRow[]) => {
      let looseCells: TableCell[] = [];
      const flushCells = () => {
        if (looseCells.length > 0) target.push({ cells: looseCells });
        looseCells = [];
      };
      for (const node of nodes) {
        if (typeof node === "string") continue;
        if (node.name === "thead") visit(node.children, head);
        else if (node.name === "tfoot") visit(node.children, foot);
        else if (node.name === "tbody") visit(node.children, body);
        else if (node.name === "tr") {
          flushCells();
          target.push(this.row(node));
        } else if (node.name === "td" || node.name === "th") looseCells.push(this.cell(node));
      }
      flushCells();
    };
    visit(element.children, body);
    return { type: "table", head, body, foot };
  }

  private row(element: MarkupElement): TableRow {
    const cells: TableCell[] = [];
    for (const node of element.children) {
      if (typeof node !== "string" && (node.name === "td" || node.name === "th")) cells.push(this.cell(node));
    }
    return { cells };
  }

  private cell(element: MarkupElement): TableCell {
    const colspan = span(element.attrs.get("colspan"));
    const rowspan = span(element.attrs.get("rowspan"));
    const cell: { -readonly [K in keyof TableCell]: TableCell[K] } = {
      header: element.name === "th",
      children: this.blocks(element.children),
    };
    if (colspan !== undefined) cell.colspan = colspan;
    if (rowspan !== undefined) cell.rowspan = rowspan;
    return cell;
  }

  private card(element: MarkupElement, expandable: boolean): Card {
    const header: MarkupNode[] = [];
    const body: MarkupNode[] = [];
    for (const child of element.children) {
      const first = typeof child === "string" ? "" : (classList(child)[0] ?? "");
      if (first === "cardHeader" || first === "expandableCardHeader")
        pushAll(header, (child as MarkupElement).children);
      else if (first === "cardBody" || first === "expandableCardBody")
        pushAll(body, (child as MarkupElement).children);
      else body.push(child);
    }
    return withOptional(
      { type: "card", header: this.blocks(header), body: this.blocks(body) },
      {
        iconSrc: element.attrs.get("data-icon-src"),
        accentColor: element.attrs.get("data-accent-color"),
        state: expandable ? element.attrs.get("data-state") : undefined,
      },
    );
  }

  private shorthandCard(element: MarkupElement): Card {
    const header: MarkupNode[] = [];
    const body: MarkupNode[] = [];
    for (const child of element.children) {
      if (typeof child !== "string" && child.name === "header") pushAll(header, child.children);
      else if (typeof child !== "string" && child.name === "body") pushAll(body, child.children);
      else body.push(child);
    }
    return withOptional(
      { type: "card", header: this.blocks(header), body: this.blocks(body) },
      {
        iconSrc: element.attrs.get("iconsrc"),
        accentColor: element.attrs.get("accent"),
        state: element.name === "expandable-card" ? element.attrs.get("state") : undefined,
      },
    );
  }
}

/** A block container read as `blocks(children)`: not a card, not an entity. */
function isPlainContainer(element: MarkupElement): boolean {
  if (!BLOCK_CONTAINERS.has(element.name) || element.attrs.has("data-entity-id")) return false;
  if (element.name !== "div") return true;
  const first = classList(element)[0];
  return first !== "card" && first !== "expandable-card";
}

function singleRootElement(document: MarkupElement): MarkupElement | undefined {
  let root: MarkupElement | undefined;
  for (const child of document.children) {
    if (typeof child === "string") {
      if (child.trim() !== "") return undefined;
    } else {
      if (root !== undefined) return undefined;
      root = child;
    }
  }
  return root;
}

function appendText(run: Run, text: string): void {
  if (text === "") return;
  const last = run[run.length - 1];
  if (last?.type === "text") run[run.length - 1] = { type: "text", text: last.text + text };
  else run.push({ type: "text", text });
}

/**
 * `target.push(...items)` passes every item as an argument: past ~100k items (a wrapper div around
 * a long message) that overflows the stack, and the whole message fell back to plain text.
 */
function pushAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

function appendInlines(run: Run, inlines: readonly Inline[]): void {
  for (const inline of inlines) {
    if (inline.type === "text") appendText(run, inline.text);
    else run.push(inline);
  }
}

/** A run between blocks becomes a paragraph unless it is only white space; a lone `code` is a block. */
function pushRun(out: Block[], run: Run): void {
  const meaningful = run.filter((inline) => inline.type !== "text" || inline.text.trim() !== "");
  if (meaningful.length === 0) return;
  const only = meaningful[0];
  if (meaningful.length === 1 && only?.type === "code") {
    out.push(
      only.language === undefined ? { type: "codeBlock", text: only.text } : { ...only, type: "codeBlock" },
    );
    return;
  }
  out.push({ type: "paragraph", children: run });
}

function codeBlock(element: MarkupElement): CodeBlock {
  const inner = element.children.find((c): c is MarkupElement => typeof c !== "string" && c.name === "code");
  const language = element.attrs.get("data-language") ?? inner?.attrs.get("data-language");
  const text = textContent(element);
  return language === undefined ? { type: "codeBlock", text } : { type: "codeBlock", text, language };
}

function inlineCode(element: MarkupElement): Inline {
  const language = element.attrs.get("data-language") ?? element.attrs.get("language");
  const text = textContent(element);
  return language === undefined ? { type: "code", text } : { type: "code", text, language };
}

function image(element: MarkupElement): Inline {
  const alt = element.attrs.get("alt");
  const src = element.attrs.get("src") ?? "";
  return alt === undefined ? { type: "image", src } : { type: "image", src, alt };
}

function span(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function classList(element: MarkupElement): string[] {
  return (element.attrs.get("class") ?? "").split(/\s+/).filter((c) => c !== "");
}

/** All text under an element, markup ignored (`<br>` as a line break). */
export function textContent(element: MarkupElement): string {
  let out = "";
  for (const child of element.children) {
    if (typeof child === "string") out += child;
    else if (child.name === "br") out += "\n";
    else if (!IGNORED.has(child.name)) out += textContent(child);
  }
  return out;
}

function withOptional<T extends object>(base: T, optional: Record<string, string | undefined>): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) out[key] = value;
  return out as T;
}
