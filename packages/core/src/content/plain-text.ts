/**
 * A readable plain-text form of content, for logs, tests and terminals.
 * Mentions read `@Name`, tags `#tag` / `$TAG`, lists are numbered or bulleted, one block per line.
 */
import type { Content } from "./content.ts";

export function toPlainText(content: Content): string {
  return blockText(content)
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function inlineText(content: Content): string {
  switch (content.kind) {
    case "word":
      return content.text;
    case "mention":
      return `@${content.user.name ?? content.user.id}`;
    case "hashtag":
      return `#${content.tag}`;
    case "cashtag":
      return `$${content.tag}`;
    case "link":
      return content.text === content.href ? content.href : `${content.text} (${content.href})`;
    case "image":
      return `[image: ${content.alt || content.url}]`;
    default:
      return blockText(content);
  }
}

function joinInline(children: readonly Content[]): string {
  return children.map(inlineText).join(" ");
}

function blockText(content: Content): string {
  switch (content.kind) {
    case "message":
      return content.children.map(blockText).join("\n");
    case "paragraph":
      return joinInline(content.children);
    case "heading":
      return `${"#".repeat(content.level)} ${joinInline(content.children)}`;
    case "blockquote":
      return content.children
        .map(blockText)
        .join("\n")
        .split("\n")
        .map((line) => `> ${line}`)
        .join("\n");
    case "code":
      return `\`\`\`\n${content.text}\n\`\`\``;
    case "ordered-list":
      return content.items.map((item, i) => `${i + 1}. ${blockText(item)}`).join("\n");
    case "unordered-list":
      return content.items.map((item) => `- ${blockText(item)}`).join("\n");
    case "table": {
      const row = (cells: readonly Content[]) => `| ${cells.map(blockText).join(" | ")} |`;
      const lines = content.header ? [row(content.header)] : [];
      return [...lines, ...content.rows.map(row)].join("\n");
    }
    case "card":
      // The header, then the body indented under it.
      return [
        content.header.map(blockText).join("\n"),
        ...content.body.map((block) => blockText(block).replace(/^/gm, "  ")),
      ].join("\n");
    default:
      return inlineText(content);
  }
}
