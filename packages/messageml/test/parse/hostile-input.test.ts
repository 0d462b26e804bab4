import { readdirSync } from "node:fs";
import { hasShared, readShared, sharedPath } from "@sprig/shared-data";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Block,
  type Inline,
  type MessageTree,
  parsePresentationML,
  plainText,
} from "../../src/index.ts";
import { readEntityData } from "../../src/parse/entity-data.ts";
import { MAX_DEPTH, readMarkup } from "../../src/parse/markup-reader.ts";
import { buildMessageTree } from "../../src/parse/tree-builder.ts";

/**
 * Bad input must give a tree, never an exception, never a hang. These tests call the inner
 * pipeline (which has no safety net) so that a crash cannot hide behind parsePresentationML's
 * last-resort fallback.
 */
function parseStrict(message: string, data?: string): MessageTree {
  return buildMessageTree(readMarkup(message), readEntityData(data));
}

function depth(tree: MessageTree): number {
  const ofBlocks = (blocks: readonly Block[]): number => Math.max(0, ...blocks.map(ofBlock));
  const ofInlines = (inlines: readonly Inline[]): number =>
    Math.max(0, ...inlines.map((i) => ("children" in i ? 1 + ofInlines(i.children) : 1)));
  const ofBlock = (b: Block): number => {
    switch (b.type) {
      case "paragraph":
      case "heading":
        return 1 + ofInlines(b.children);
      case "list":
        return 1 + Math.max(0, ...b.items.map((i) => ofBlocks(i.children)));
      case "table":
        return (
          1 +
          Math.max(
            0,
            ...[...b.head, ...b.body, ...b.foot].flatMap((r) => r.cells.map((c) => ofBlocks(c.children))),
          )
        );
      case "blockquote":
        return 1 + ofBlocks(b.children);
      case "card":
        return 1 + Math.max(ofBlocks(b.header), ofBlocks(b.body));
      default:
        return 1;
    }
  };
  return ofBlocks(tree.children);
}

const MARKUP_PIECES = [
  "<p>",
  "</p>",
  "<b>",
  "</b>",
  "<i>",
  "</i>",
  "<ul>",
  "<li>",
  "</li>",
  "</ul>",
  "<table>",
  "<tr>",
  "<td>",
  "</td>",
  "</table>",
  '<span class="entity" data-entity-id="0">',
  '<span data-entity-id="mention1">',
  "</span>",
  '<div class="card">',
  '<div class="cardBody">',
  "</div>",
  "<pre>",
  "</pre>",
  "<code>",
  "<br>",
  "<br/>",
  '<a href="x">',
  "</a>",
  "<img src=x>",
  "&amp;",
  "&lt;",
  "&#",
  "&#x1F600;",
  "&nbsp",
  "<!--",
  "-->",
  "<![CDATA[",
  "]]>",
  "<script>",
  "<",
  ">",
  '"',
  "'",
  "=",
  "\u0000",
  "\u0007",
  "\r\n",
  "\uD800",
  "x",
  " ",
];

const markupish = fc
  .array(fc.oneof(fc.constantFrom(...MARKUP_PIECES), fc.string({ maxLength: 8 })), { maxLength: 60 })
  .map((parts) => parts.join(""));

const entityData = fc.oneof(
  fc.constant(undefined),
  fc.string(),
  fc.json(),
  fc.constant('{"0":{"type":"com.symphony.user.mention"}}'),
  fc.constant(
    '{"0":{"type":"com.symphony.user.mention","id":[{"type":"com.symphony.user.userId","value":null}]}}',
  ),
  fc.constant('{"mention1":{"type":"com.symphony.user.mention","id":{"length":3}}}'),
  fc.constant('"{\\"0\\":1}"'),
);

describe("parsePresentationML: bad input", () => {
  it("gives a tree for any string and any data (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: "binary" }), markupish),
        entityData,
        (message, data) => {
          const tree = parseStrict(message, data);
          expect(tree.type).toBe("message");
          expect(typeof plainText(tree)).toBe("string");
        },
      ),
      { numRuns: 1500 },
    );
  });

  it.skipIf(!hasShared())("gives a tree for random mutations of the upstream examples", () => {
    const dir = "messageml-examples/examples";
    const sources = readdirSync(sharedPath(dir))
      .filter((f) => f.endsWith(".xml"))
      .map((f) => readShared(dir, f));
    const mutation = fc.record({
      source: fc.constantFrom(...sources),
      cuts: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.string({ maxLength: 6 })), { maxLength: 8 }),
    });
    fc.assert(
      fc.property(mutation, ({ source, cuts }) => {
        let s = source;
        for (const [at, length, insert] of cuts) {
          const i = at % (s.length + 1);
          s = s.slice(0, i) + insert + s.slice(i + length);
        }
        expect(parseStrict(s).type).toBe("message");
      }),
      { numRuns: 300 },
    );
  });

  it("bounds the depth of deeply nested markup and keeps its text", () => {
    const n = 100_000;
    const tree = parseStrict(`${"<b>".repeat(n)}deep${"</b>".repeat(n)}`);
    expect(plainText(tree)).toBe("deep");
    expect(depth(tree)).toBeLessThanOrEqual(MAX_DEPTH + 2);
    const blocks = parseStrict(`${"<div><ul><li>".repeat(30_000)}x`);
    expect(plainText(blocks)).toBe("x");
  });

  it("survives long runs of unbalanced close tags (quadratic in htmlparser2's Parser)", () => {
    const tree = parseStrict(`${"<i>".repeat(50_000)}t${"</b>".repeat(50_000)}`);
    expect(plainText(tree)).toBe("t");
  });

  it("reads a 2 MB message", () => {
    const unit = '<p>word <b>bold</b> <span class="entity" data-entity-id="0">@A B</span></p>';
    const big = `<div data-format="PresentationML" data-version="2.0">${unit.repeat(Math.ceil(2_000_000 / unit.length))}</div>`;
    const data =
      '{"0":{"type":"com.symphony.user.mention","id":[{"type":"com.symphony.user.userId","value":"1"}]}}';
    const tree = parseStrict(big, data);
    expect(tree.children.length).toBe(Math.ceil(2_000_000 / unit.length));
    expect(tree.children[0]).toEqual({
      type: "paragraph",
      children: [
        { type: "text", text: "word " },
        { type: "bold", children: [{ type: "text", text: "bold" }] },
        { type: "text", text: " " },
        { type: "mention", userId: "1", name: "A B", text: "@A B", entityId: "0" },
      ],
    });
  });

  it("keeps control characters and unpaired surrogates as text", () => {
    const s = "a\u0000b\u0001c\u001F\uD800d\r\n";
    expect(plainText(parseStrict(s))).toBe(s);
  });

  it("does not let attribute names reach object prototypes", () => {
    const tree = parseStrict('<span __proto__="x" constructor="y" data-entity-id="__proto__">t</span>', "{}");
    expect(plainText(tree)).toBe("t");
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("never throws from the public entry point, whatever it is given", () => {
    const weird: unknown[] = [undefined, null, 42, {}, []];
    for (const value of weird) {
      expect(parsePresentationML(value as string).type).toBe("message");
    }
  });
});
