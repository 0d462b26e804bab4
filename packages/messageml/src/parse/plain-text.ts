import type { Block, Inline, MessageTree, TableRow } from "./message-tree.ts";

/**
 * The text a person reads, for logs and tests: blocks on their own lines, table cells separated by
 * tabs, entities as displayed (`@Rob Moffat`, `#bob`), line breaks as `\n`.
 */
export function plainText(tree: MessageTree): string {
  return blocksText(tree.children);
}

function blocksText(blocks: readonly Block[]): string {
  return blocks.map(blockText).join("\n");
}

function blockText(block: Block): string {
  switch (block.type) {
    case "paragraph":
    case "heading":
      return inlinesText(block.children);
    case "list":
      return block.items.map((item) => blocksText(item.children)).join("\n");
    case "table":
      return [...block.head, ...block.body, ...block.foot].map(rowText).join("\n");
    case "codeBlock":
      return block.text;
    case "blockquote":
      return blocksText(block.children);
    case "card":
      return [...block.header, ...block.body].map(blockText).join("\n");
    case "horizontalRule":
      return "";
  }
}

function rowText(row: TableRow): string {
  return row.cells.map((cell) => blocksText(cell.children)).join("\t");
}

function inlinesText(inlines: readonly Inline[]): string {
  let out = "";
  for (const inline of inlines) out += inlineText(inline);
  return out;
}

function inlineText(inline: Inline): string {
  switch (inline.type) {
    case "text":
    case "mention":
    case "hashtag":
    case "cashtag":
    case "emoji":
    case "code":
      return inline.text;
    case "bold":
    case "italic":
      return inlinesText(inline.children);
    case "link":
      return inline.children.length > 0 ? inlinesText(inline.children) : inline.href;
    case "image":
      return inline.alt ?? "";
    case "lineBreak":
      return "\n";
  }
}
