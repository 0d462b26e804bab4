import { readdirSync } from "node:fs";
import { hasShared, readShared, sharedPath } from "@sprig/shared-data";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readMarkupWithTokenizer, readPlainMarkup } from "../../src/parse/markup-reader.ts";

/**
 * The fast path must read exactly what htmlparser2's tokenizer reads, whenever it does not give up.
 * Differential test over generated markup, the upstream examples and real payloads.
 */
const PIECES = [
  "<p>",
  "</p>",
  "<P>",
  "<b>",
  "</b >",
  "<br/>",
  "<br />",
  "<br>",
  "<img src='x' alt=\"y\"/>",
  '<a href="https://x.test/?a=1&amp;b=2">',
  "</a>",
  '<span class="entity" data-entity-id="0">',
  "<span data-x>",
  '<span a = \'v\' b="w" a="dup">',
  "</span>",
  '<div\tclass="card"\n>',
  "</div>",
  "&amp;",
  "&lt;",
  "&gt;",
  "&quot;",
  "&apos;",
  "&#39;",
  "&#x1F600;",
  "&#128;",
  "&#0;",
  "&nbsp;",
  "&amp",
  "& ",
  "&",
  "<",
  "< b",
  "<3",
  ">",
  "</>",
  "</ p>",
  "<!-- c -->",
  "<![CDATA[x]]>",
  "<?pi?>",
  "<script>x</script>",
  "<textarea>",
  "<a href=x>",
  "<b/x>",
  "\u0000",
  "\r\n",
  "\uD800",
  "é",
  " ",
  "text",
];

const markup = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), { maxLength: 40 })
  .map((parts) => parts.join(""));

const asJson = (tree: unknown) =>
  JSON.stringify(tree, (_key, value: unknown) => (value instanceof Map ? [...value.entries()] : value));

describe("fast markup scanner", () => {
  it("reads the same tree as htmlparser2's tokenizer whenever it finishes (fast-check)", () => {
    let finished = 0;
    fc.assert(
      fc.property(fc.oneof(markup, fc.string()), (source) => {
        const fast = readPlainMarkup(source);
        if (fast === undefined) return;
        finished++;
        expect(asJson(fast)).toBe(asJson(readMarkupWithTokenizer(source)));
      }),
      { numRuns: 4000 },
    );
    // The comparison must not be vacuous.
    expect(finished).toBeGreaterThan(500);
  });

  it("handles the agent's PresentationML and gives up on comments, unknown entities and raw text", () => {
    const pml =
      '<div data-format="PresentationML" data-version="2.0"><p>a &amp; b <span class="entity" data-entity-id="mention1">@A</span><br/></p></div>';
    expect(asJson(readPlainMarkup(pml))).toBe(asJson(readMarkupWithTokenizer(pml)));
    for (const source of ["a<!-- x -->b", "a &nbsp; b", "<script>x</script>", "<a href=x>", "&#128;", "<b"]) {
      expect(readPlainMarkup(source), source).toBeUndefined();
    }
  });

  it.skipIf(!hasShared())("reads every upstream example and expected PresentationML like htmlparser2", () => {
    const files = readdirSync(sharedPath("messageml-examples", "examples"))
      .filter((f) => f.endsWith(".xml"))
      .map((f) => readShared("messageml-examples", "examples", f));
    files.push(readShared("messageml-examples", "payloads", "expanded_single_jira_ticket.presentationml"));
    for (const source of files) {
      const fast = readPlainMarkup(source);
      if (fast !== undefined) expect(asJson(fast)).toBe(asJson(readMarkupWithTokenizer(source)));
    }
    const pml = readShared("messageml-examples", "payloads", "expanded_single_jira_ticket.presentationml");
    expect(readPlainMarkup(pml)).toBeDefined();
  });
});
