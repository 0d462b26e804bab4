/** Tree → PresentationML string. */
import { RULES } from "./elements/index.ts";
import { type Element, isText, type MNode, type TextNode } from "./model.ts";
import { Printer } from "./printer.ts";
import type { PrintContext } from "./rule-types.ts";

const KEEP_NEW_LINES = new Set(["Code", "TextArea", "RichTextArea"]);

/**
 * Stands in the root's children for a top-level node printed while the message was still being
 * read (`EarlyPrinter`); the root prints their output once, where the first of them stood.
 */
export const PRINTED_EARLY: TextNode = Object.freeze({
  kind: "TextNode",
  parent: null as unknown as Element,
  text: "",
}) as TextNode;

function printContext(out: Printer, shortId: () => string, early: string): PrintContext {
  let earlyDone = false;
  const ctx: PrintContext = {
    out,
    shortId,
    printChildren(el: Element): void {
      const keep = KEEP_NEW_LINES.has(el.kind);
      for (const child of el.children) {
        if (child === PRINTED_EARLY) {
          if (!earlyDone) out.raw(early);
          earlyDone = true;
        } else if (isText(child)) out.text(child.text, keep);
        else RULES[child.kind].print(child, ctx);
      }
    },
  };
  return ctx;
}

/** `early`: the output of the root's children replaced by `PRINTED_EARLY`. */
export function printPresentationML(root: Element, shortId: () => string, early = ""): string {
  const out = new Printer();
  RULES[root.kind].print(root, printContext(out, shortId, early));
  return out.out;
}

/** Prints top-level nodes of the root one by one, as `printPresentationML` would print them there. */
export class EarlyPrinter {
  private readonly out = new Printer();
  private readonly ctx: PrintContext;

  constructor(shortId: () => string) {
    this.ctx = printContext(this.out, shortId, "");
  }

  print(node: MNode): void {
    // Directly under the root: text keeps no new lines (the root is not a KEEP_NEW_LINES kind).
    if (isText(node)) this.out.text(node.text, false);
    else RULES[node.kind].print(node, this.ctx);
  }

  get output(): string {
    return this.out.out;
  }
}
