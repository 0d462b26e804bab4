/**
 * Long messages turn top-level content into blocks as it closes (`settle` in tree-builder) instead
 * of reading the whole markup tree at the end. The tree must be the same either way: each case
 * parses with settling forced on (from length 0) and off, and compares.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readEntityData } from "../../src/parse/entity-data.ts";
import { parseMessageTree } from "../../src/parse/tree-builder.ts";
import { LARGE_PML_DATA, largePresentationML } from "../large/corpus.ts";

const DATA = readEntityData(LARGE_PML_DATA);

function bothWays(source: string) {
  const settled = parseMessageTree(source, DATA, 0);
  const atEnd = parseMessageTree(source, DATA, Number.POSITIVE_INFINITY);
  return { settled, atEnd };
}

const CASES: Record<string, string> = {
  "wrapper div, blocks inside":
    '<div data-format="PresentationML"><p>a</p> <ul><li>x</li></ul>\n<p>b</p></div>',
  "wrapper div, inline only (one paragraph, white space kept)": "<div> <b>x</b> y <i>z</i> </div>",
  "white space only inside a wrapper": "<div>   </div>",
  "several top-level elements": "<p>a</p><b>bold</b> text <table><tr><td>c</td></tr></table>",
  "single inline root": "<b>only <i>this</i></b>",
  "single table root": "<table><tr><td>1</td><td>2</td></tr></table>",
  "ignored element next to the wrapper (no single root)": "<script>x</script><div><p>a</p><b>b</b></div>",
  "card wrapper: its header and body are read from its children":
    '<div class="card" data-accent-color="red"><div class="cardHeader">H</div><div class="cardBody"><p>B</p></div></div>',
  "expandable card wrapper":
    '<div class="expandable-card" data-state="collapsed"><div class="expandableCardHeader">H</div><div class="expandableCardBody">B</div></div>',
  "entity wrapper: its text is read whole":
    '<div class="entity" data-entity-id="0"><span>@Jane</span> <b>Doe</b></div><p>after</p>',
  "two wrappers": "<div><p>a</p></div><div><p>b</p><i>c</i></div>",
  "unclosed wrapper": "<div><p>a</p><p>b",
  "implied closes at the top": "<li>one<li>two<p>three",
  "lone code is a code block": "<div><code>x</code></div>",
  "nested block containers": "<div><div><p>a</p><p>b</p></div><section>c</section></div>",
  "shorthand card and mention":
    '<messageML><card><header>H</header><body>B</body></card><mention uid="7">x</mention></messageML>',
};

describe("settling top-level content early gives the same tree", () => {
  for (const [name, source] of Object.entries(CASES)) {
    it(name, () => {
      const { settled, atEnd } = bothWays(source);
      expect(settled).toEqual(atEnd);
    });
  }

  it("the large corpus, well-formed (fast scanner) and broken (tokenizer)", () => {
    for (const wellFormed of [true, false]) {
      const { settled, atEnd } = bothWays(largePresentationML(40_000, wellFormed));
      expect(JSON.stringify(settled)).toBe(JSON.stringify(atEnd));
    }
  });

  it("any markup-ish string", () => {
    const pieces = [
      "<div>",
      "</div>",
      "<p>",
      "</p>",
      "<b>",
      "</b>",
      "<ul>",
      "<li>",
      "</ul>",
      "<table>",
      "<tr>",
      "<td>",
      "</table>",
      '<div class="card">',
      '<span data-entity-id="0">',
      "</span>",
      "<script>",
      "</script>",
      "<br/>",
      "<code>",
      "</code>",
      "<pre>",
      "</pre>",
      "<card>",
      "</card>",
      "<hr>",
      "  ",
      "\n",
      "x",
      "&amp;",
    ];
    const markup = fc
      .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 4 })), { maxLength: 50 })
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(markup, (source) => {
        const { settled, atEnd } = bothWays(source);
        expect(settled).toEqual(atEnd);
      }),
      { numRuns: 400 },
    );
  });
});
