/** Tree → PresentationML string. */
import { RULES } from "./elements/index.ts";
import { type Element, isText } from "./model.ts";
import { Printer } from "./printer.ts";
import type { PrintContext } from "./rule-types.ts";

const KEEP_NEW_LINES = new Set(["Code", "TextArea", "RichTextArea"]);

export function printPresentationML(root: Element, shortId: () => string): string {
  const out = new Printer();
  const ctx: PrintContext = {
    out,
    shortId,
    printChildren(el: Element): void {
      const keep = KEEP_NEW_LINES.has(el.kind);
      for (const child of el.children) {
        if (isText(child)) out.text(child.text, keep);
        else RULES[child.kind].print(child, ctx);
      }
    },
  };
  RULES[root.kind].print(root, ctx);
  return out.out;
}
