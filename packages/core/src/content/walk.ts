/**
 * Walking and searching the content tree: visit every node, collect nodes of a kind,
 * and read a message as the flat sequence of inline tokens that command patterns match.
 */
import type { Content, ContentKind, Inline } from "./content.ts";

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
    case "card":
      return [...content.header, ...content.body];
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
 * The inline tokens of a message, in reading order, skipping code blocks, quotes and cards
 * (quoted text, code and what a card shows are not commands).
 */
/** The first inline token in reading order (what addressing looks at), without collecting the rest. */
export function firstInline(content: Content): Inline | undefined {
  switch (content.kind) {
    case "code":
    case "blockquote":
    case "card":
      return undefined;
    case "message":
    case "paragraph":
    case "heading":
      for (const child of content.children) {
        const found = firstInline(child);
        if (found) return found;
      }
      return undefined;
    case "ordered-list":
    case "unordered-list":
    case "table":
      return inlineTokens(content)[0];
    default:
      return content;
  }
}

export function inlineTokens(content: Content): Inline[] {
  const tokens: Inline[] = [];
  collectInline(content, tokens);
  return tokens;
}

// Runs for every message the bot receives, so it avoids `walk`'s closure and `childrenOf`'s copies.
function collectInline(node: Content, into: Inline[]): void {
  switch (node.kind) {
    case "code":
    case "blockquote":
    case "card":
      return;
    case "message":
    case "paragraph":
    case "heading":
      for (const child of node.children) collectInline(child, into);
      return;
    case "ordered-list":
    case "unordered-list":
      for (const item of node.items) collectInline(item, into);
      return;
    case "table":
      for (const cell of node.header ?? []) collectInline(cell, into);
      for (const row of node.rows) for (const cell of row) collectInline(cell, into);
      return;
    default:
      into.push(node);
  }
}
