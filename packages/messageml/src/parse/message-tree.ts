/**
 * The neutral tree an inbound message parses to: what a person sees, with entities resolved.
 * It maps one to one onto a chat content model (Message of blocks; Paragraph, Heading, lists,
 * Table, CodeBlock, BlockQuote; Word runs, Mention, HashTag, CashTag, Link, Image), and keeps
 * what a content model may drop (bold/italic, line breaks, cards, emoji) so nothing is lost.
 *
 * Text is kept exactly as delivered (entities decoded, white space untouched); white-space-only
 * runs between blocks are dropped.
 */
export interface MessageTree {
  readonly type: "message";
  readonly children: readonly Block[];
}

export type Block = Paragraph | Heading | ListBlock | Table | CodeBlock | BlockQuote | Card | HorizontalRule;

export interface Paragraph {
  readonly type: "paragraph";
  readonly children: readonly Inline[];
}

export interface Heading {
  readonly type: "heading";
  readonly level: 1 | 2 | 3 | 4 | 5 | 6;
  readonly children: readonly Inline[];
}

export interface ListBlock {
  readonly type: "list";
  readonly ordered: boolean;
  readonly items: readonly ListItem[];
}

export interface ListItem {
  readonly children: readonly Block[];
}

/** `head` holds the rows of `thead` (the column names); `body` the rest, `foot` those of `tfoot`. */
export interface Table {
  readonly type: "table";
  readonly head: readonly TableRow[];
  readonly body: readonly TableRow[];
  readonly foot: readonly TableRow[];
}

export interface TableRow {
  readonly cells: readonly TableCell[];
}

export interface TableCell {
  readonly header: boolean;
  readonly children: readonly Block[];
  readonly colspan?: number;
  readonly rowspan?: number;
}

/** `pre`, or `code` standing alone: raw text, inner markup ignored. */
export interface CodeBlock {
  readonly type: "codeBlock";
  readonly text: string;
  readonly language?: string;
}

export interface BlockQuote {
  readonly type: "blockquote";
  readonly children: readonly Block[];
}

/** A Symphony card (`div.card`) or expandable card; `state` only for expandable ones. */
export interface Card {
  readonly type: "card";
  readonly header: readonly Block[];
  readonly body: readonly Block[];
  readonly iconSrc?: string;
  readonly accentColor?: string;
  readonly state?: string;
}

export interface HorizontalRule {
  readonly type: "horizontalRule";
}

export type Inline =
  | Text
  | Bold
  | Italic
  | Link
  | Image
  | LineBreak
  | InlineCode
  | Mention
  | HashTag
  | CashTag
  | Emoji;

export interface Text {
  readonly type: "text";
  readonly text: string;
}

export interface Bold {
  readonly type: "bold";
  readonly children: readonly Inline[];
}

export interface Italic {
  readonly type: "italic";
  readonly children: readonly Inline[];
}

/** An empty link shows its href (as the agent prints it). */
export interface Link {
  readonly type: "link";
  readonly href: string;
  readonly children: readonly Inline[];
}

export interface Image {
  readonly type: "image";
  readonly src: string;
  readonly alt?: string;
}

export interface LineBreak {
  readonly type: "lineBreak";
}

export interface InlineCode {
  readonly type: "code";
  readonly text: string;
  readonly language?: string;
}

/**
 * Resolved entities. `text` is what the message displayed (e.g. `@Rob Moffat`), `entityId` the
 * `data-entity-id` it was resolved from (client ids "0", "1"…, agent ids `mention1`, `keyword2`…).
 */
export interface Mention {
  readonly type: "mention";
  readonly userId: string;
  readonly name: string;
  readonly text: string;
  readonly entityId: string;
}

export interface HashTag {
  readonly type: "hashtag";
  readonly tag: string;
  readonly text: string;
  readonly entityId: string;
}

export interface CashTag {
  readonly type: "cashtag";
  readonly tag: string;
  readonly text: string;
  readonly entityId: string;
}

export interface Emoji {
  readonly type: "emoji";
  readonly shortcode: string;
  readonly unicode?: string;
  readonly text: string;
  readonly entityId: string;
}
