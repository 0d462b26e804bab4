/**
 * Walking and searching the content tree: visit every node, collect nodes of a kind,
 * and read a message as the flat sequence of inline tokens that command patterns match.
 */
import type { Content, ContentKind, Inline } from "./content.ts";
import { isInline } from "./content.ts";

/** The direct children of a node, in reading order. */
export function childrenOf(content: Content): readonly Content[] {
  switch (content.kind) {
    case "message":
    case "paragraph":
    case "heading":
    case "blockquote":
      return content.children;
    case "ordered-list":
    case "unordered-list":
      return content.items;
    case "table":
      return [...(content.header ?? []), ...content.rows.flat()];
    default:
      return [];
  }
}

/** Depth-first, in reading order. Return `false` from the visitor to skip a node's children. */
export function walk(content: Content, visit: (node: Content) => boolean | undefined): void {
  if (visit(content) === false) return;
  for (const child of childrenOf(content)) walk(child, visit);
}

/** Every node of one kind, in reading order: `findAll(msg, "mention")`. */
export function findAll<K extends ContentKind>(content: Content, kind: K): Extract<Content, { kind: K }>[] {
  const found: Extract<Content, { kind: K }>[] = [];
  walk(content, (node) => {
    if (node.kind === kind) found.push(node as Extract<Content, { kind: K }>);
    return undefined;
  });
  return found;
}

/**
 * The inline tokens of a message, in reading order, skipping code blocks and quotes
 * (quoted text and code are not commands).
 */
export function inlineTokens(content: Content): Inline[] {
  const tokens: Inline[] = [];
  walk(content, (node) => {
    if (node.kind === "code" || node.kind === "blockquote") return false;
    if (isInline(node)) tokens.push(node);
    return undefined;
  });
  return tokens;
}
