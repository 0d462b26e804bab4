import { readEntityData } from "./entity-data.ts";
import type { MessageTree } from "./message-tree.ts";
import { parseMessageTree } from "./tree-builder.ts";

export type * as MessageTreeNode from "./message-tree.ts";
// Generic names (Paragraph, Link, Table…) would clash with a consumer's own content model, so the
// node types are reachable as MessageTreeNode.Paragraph etc.; the unions get prefixed names.
export type { Block as MessageBlock, Inline as MessageInline, MessageTree } from "./message-tree.ts";
export { plainText } from "./plain-text.ts";

/**
 * PresentationML (as the datafeed delivers it) + its EntityJSON `data` → a neutral MessageTree
 * with entities resolved by `data-entity-id` and the entry's `type`. Lenient: any string gives a
 * tree, in time linear in its length; it never throws.
 */
export function parsePresentationML(message: string, data?: string | Record<string, unknown>): MessageTree {
  const text = typeof message === "string" ? message : String(message ?? "");
  try {
    return parseMessageTree(text, readEntityData(data));
  } catch {
    // Unreachable by design (fuzzed); the contract is a tree for any input, so degrade to its text.
    return {
      type: "message",
      children: text === "" ? [] : [{ type: "paragraph", children: [{ type: "text", text }] }],
    };
  }
}
