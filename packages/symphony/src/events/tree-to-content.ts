import {
  blockQuote,
  type Content,
  cashTag,
  codeBlock,
  hashTag,
  heading,
  image,
  link,
  type Message,
  mention,
  message,
  orderedList,
  paragraph,
  table,
  User,
  unorderedList,
  words,
} from "@sprig/core";
import type {
  MessageBlock as Block,
  MessageInline as Inline,
  MessageTree,
  MessageTreeNode,
} from "@sprig/messageml";

type TableRow = MessageTreeNode.TableRow;

import { SYMPHONY_PLATFORM } from "./symphony-user.ts";

/**
 * The parsed PresentationML tree → core content. Text only ever becomes words; mentions become
 * users of this platform; formatting the content model has no node for (bold, italic, cards) is
 * flattened into its text, so nothing a person wrote is lost.
 */
export function treeToContent(tree: MessageTree): Message {
  return message(...tree.children.flatMap(blockToContent));
}

function blockToContent(block: Block): Content[] {
  switch (block.type) {
    case "paragraph":
      return nonEmptyParagraph(inlinesToContent(block.children));
    case "heading":
      return [heading(block.level, ...inlinesToContent(block.children))];
    case "list": {
      const items = block.items.map((item) => asOne(item.children.flatMap(blockToContent)));
      return [block.ordered ? orderedList(...items) : unorderedList(...items)];
    }
    case "table": {
      const row = (r: TableRow) => r.cells.map((cell) => asOne(cell.children.flatMap(blockToContent)));
      const [head, ...extraHead] = block.head;
      const rows = [...extraHead, ...block.body, ...block.foot].map(row);
      return [head === undefined ? table(rows) : table(rows, row(head))];
    }
    case "codeBlock":
      return [codeBlock(block.text, block.language)];
    case "blockquote":
      return [blockQuote(...block.children.flatMap(blockToContent))];
    case "card":
      return [...block.header, ...block.body].flatMap(blockToContent);
    case "horizontalRule":
      return [];
  }
}

/** Runs of text (across bold, italic, inline code, line breaks) are gathered before splitting into words. */
function inlinesToContent(inlines: readonly Inline[]): Content[] {
  const out: Content[] = [];
  let text = "";
  const flush = () => {
    out.push(...words(text));
    text = "";
  };
  const visit = (inline: Inline) => {
    switch (inline.type) {
      case "text":
      case "code":
        text += inline.text;
        return;
      case "lineBreak":
        text += " ";
        return;
      case "bold":
      case "italic":
        for (const child of inline.children) visit(child);
        return;
      case "emoji":
        text += inline.unicode ?? inline.text;
        return;
      case "mention":
        flush();
        out.push(
          mention(User.of(SYMPHONY_PLATFORM, inline.userId, inline.name.replace(/^@/, "") || undefined)),
        );
        return;
      case "hashtag":
        flush();
        out.push(hashTag(inline.tag));
        return;
      case "cashtag":
        flush();
        out.push(cashTag(inline.tag));
        return;
      case "link":
        flush();
        out.push(link(inline.href, plainText(inline.children) || inline.href));
        return;
      case "image":
        flush();
        out.push(image(inline.src, inline.alt ?? ""));
        return;
    }
  };
  for (const inline of inlines) visit(inline);
  flush();
  return out;
}

function plainText(inlines: readonly Inline[]): string {
  return inlines
    .map((inline) => {
      if ("children" in inline) return plainText(inline.children);
      if (inline.type === "lineBreak" || inline.type === "image") return " ";
      return inline.text;
    })
    .join("")
    .trim();
}

function nonEmptyParagraph(children: Content[]): Content[] {
  return children.length === 0 ? [] : [paragraph(...children)];
}

/** A list item or table cell is one content node: its block, or a message of its blocks. */
function asOne(blocks: Content[]): Content {
  if (blocks.length === 1) return blocks[0]!;
  return message(...blocks);
}
