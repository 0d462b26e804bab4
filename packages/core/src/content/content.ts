/**
 * The content model: what a message says, independent of any platform's markup.
 *
 * Every node is a plain frozen object with a `kind`, so content is immutable, survives
 * JSON round trips, and can be matched with a `switch` on `kind`. Adapters translate
 * platform markup to and from this tree; user text only ever becomes `Word`s, never markup.
 */
import type { User } from "../addressables/addressables.ts";

export interface Word {
  readonly kind: "word";
  readonly text: string;
}
export interface Mention {
  readonly kind: "mention";
  readonly user: User;
}
export interface HashTag {
  readonly kind: "hashtag";
  /** The tag without its leading `#`. */
  readonly tag: string;
}
export interface CashTag {
  readonly kind: "cashtag";
  /** The symbol without its leading `$`. */
  readonly tag: string;
}
export interface Link {
  readonly kind: "link";
  readonly href: string;
  readonly text: string;
}
export interface Image {
  readonly kind: "image";
  readonly url: string;
  readonly alt: string;
}
export interface Paragraph {
  readonly kind: "paragraph";
  readonly children: readonly Content[];
}
export interface Heading {
  readonly kind: "heading";
  readonly level: 1 | 2 | 3 | 4 | 5 | 6;
  readonly children: readonly Content[];
}
export interface BlockQuote {
  readonly kind: "blockquote";
  readonly children: readonly Content[];
}
export interface CodeBlock {
  readonly kind: "code";
  readonly text: string;
  readonly language?: string;
}
export interface OrderedList {
  readonly kind: "ordered-list";
  readonly items: readonly Content[];
}
export interface UnorderedList {
  readonly kind: "unordered-list";
  readonly items: readonly Content[];
}
export interface Table {
  readonly kind: "table";
  readonly header?: readonly Content[];
  readonly rows: readonly (readonly Content[])[];
}
/** The colours a card's edge may take (every platform has a few; adapters map them). */
export type CardAccent = "blue" | "green" | "orange" | "red" | "purple" | "grey";
/**
 * A card: a header always shown and a body, set apart from the rest of the message. An expandable
 * card shows its header only until the reader opens it.
 */
export interface Card {
  readonly kind: "card";
  readonly header: readonly Content[];
  readonly body: readonly Content[];
  readonly expandable: boolean;
  readonly accent?: CardAccent;
}
/** The root of what one chat message says. */
export interface Message {
  readonly kind: "message";
  readonly children: readonly Content[];
}

/** Inline content: the tokens a command pattern matches against. */
export type Inline = Word | Mention | HashTag | CashTag | Link | Image;
export type Block = Paragraph | Heading | BlockQuote | CodeBlock | OrderedList | UnorderedList | Table | Card;
export type Content = Inline | Block | Message;
export type ContentKind = Content["kind"];

/** What builders accept where content is expected: a string becomes words (never markup). */
export type ContentLike = Content | string;

const freeze = Object.freeze;

export function word(text: string): Word {
  return freeze({ kind: "word", text });
}
export function mention(user: User): Mention {
  return freeze({ kind: "mention", user });
}
export function hashTag(tag: string): HashTag {
  return freeze({ kind: "hashtag", tag: tag.replace(/^#/, "") });
}
export function cashTag(tag: string): CashTag {
  return freeze({ kind: "cashtag", tag: tag.replace(/^\$/, "") });
}
export function link(href: string, text = href): Link {
  return freeze({ kind: "link", href, text });
}
export function image(url: string, alt = ""): Image {
  return freeze({ kind: "image", url, alt });
}
export function codeBlock(text: string, language?: string): CodeBlock {
  return language === undefined ? freeze({ kind: "code", text }) : freeze({ kind: "code", text, language });
}

const WHITESPACE = /\s+/;

/** Splits plain text into words on whitespace. The text is data: nothing in it is interpreted. */
export function words(text: string): Word[] {
  const out: Word[] = [];
  for (const part of text.split(WHITESPACE)) if (part !== "") out.push(word(part));
  return out;
}

function pushWords(out: Content[], text: string): void {
  for (const part of text.split(WHITESPACE)) if (part !== "") out.push(word(part));
}

function inlineChildren(parts: readonly ContentLike[]): readonly Content[] {
  const out: Content[] = [];
  for (const part of parts) {
    if (typeof part === "string") pushWords(out, part);
    else out.push(part);
  }
  return freeze(out);
}

function blockChildren(parts: readonly ContentLike[]): readonly Content[] {
  return freeze(parts.map((part) => (typeof part === "string" ? paragraph(part) : part)));
}

export function paragraph(...parts: ContentLike[]): Paragraph {
  return freeze({ kind: "paragraph", children: inlineChildren(parts) });
}
export function heading(level: Heading["level"], ...parts: ContentLike[]): Heading {
  return freeze({ kind: "heading", level, children: inlineChildren(parts) });
}
export function blockQuote(...parts: ContentLike[]): BlockQuote {
  return freeze({ kind: "blockquote", children: blockChildren(parts) });
}
export function orderedList(...items: ContentLike[]): OrderedList {
  return freeze({ kind: "ordered-list", items: blockChildren(items) });
}
export function unorderedList(...items: ContentLike[]): UnorderedList {
  return freeze({ kind: "unordered-list", items: blockChildren(items) });
}
export function table(rows: readonly (readonly ContentLike[])[], header?: readonly ContentLike[]): Table {
  const cells = (row: readonly ContentLike[]) => blockChildren(row);
  const body = freeze(rows.map(cells));
  return header === undefined
    ? freeze({ kind: "table", rows: body })
    : freeze({ kind: "table", header: cells(header), rows: body });
}

export interface CardParts {
  /** Always shown: a line of text or inline content, or blocks. */
  readonly header: ContentLike | readonly ContentLike[];
  readonly body: ContentLike | readonly ContentLike[];
  /** Show only the header until the reader opens the card (false by default). */
  readonly expandable?: boolean;
  readonly accent?: CardAccent;
}
/** `card({ header: "Invoice 42", body: [paragraph(...), table(...)], accent: "blue" })`. */
export function card(parts: CardParts): Card {
  const blocks = (part: ContentLike | readonly ContentLike[]) =>
    message(...(Array.isArray(part) ? (part as readonly ContentLike[]) : [part as ContentLike])).children;
  return freeze({
    kind: "card",
    header: blocks(parts.header),
    body: blocks(parts.body),
    expandable: parts.expandable === true,
    ...(parts.accent === undefined ? {} : { accent: parts.accent }),
  });
}

/**
 * Builds a message. Strings become paragraphs of words; inline nodes given directly are
 * gathered into one paragraph, so `message("hello", mention(bob))` reads "hello @bob".
 */
export function message(...parts: ContentLike[]): Message {
  const children: Content[] = [];
  let inline: Content[] = [];
  for (const part of parts) {
    if (typeof part === "string") pushWords(inline, part);
    else if (isInline(part)) inline.push(part);
    else {
      inline = flushParagraph(inline, children);
      // A loop, not `push(...)`: spread arguments overflow the stack on a very long message.
      if (part.kind === "message") for (const child of part.children) children.push(child);
      else children.push(part);
    }
  }
  flushParagraph(inline, children);
  return freeze({ kind: "message", children: freeze(children) });
}

/** Closes the paragraph being gathered (if any) into `children`; returns a fresh one. */
function flushParagraph(inline: Content[], children: Content[]): Content[] {
  if (inline.length === 0) return inline;
  children.push(freeze({ kind: "paragraph", children: freeze(inline) }));
  return [];
}

const INLINE_KINDS: ReadonlySet<string> = new Set(["word", "mention", "hashtag", "cashtag", "link", "image"]);

export function isInline(content: Content): content is Inline {
  return INLINE_KINDS.has(content.kind);
}

const ALL_KINDS: ReadonlySet<string> = new Set([
  ...INLINE_KINDS,
  "paragraph",
  "heading",
  "blockquote",
  "code",
  "ordered-list",
  "unordered-list",
  "table",
  "card",
  "message",
]);

/** A loose check that a value is a content node (for normalising handler return values). */
export function isContent(value: unknown): value is Content {
  return (
    typeof value === "object" && value !== null && ALL_KINDS.has((value as { kind?: unknown }).kind as string)
  );
}
