import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  mml,
  parsePresentationML,
  plainText,
  representableText,
  translateMessageML,
} from "../../src/index.ts";

/**
 * For any string s, a message built with s interpolated as text parses back to text equal to s:
 * user text can neither vanish nor turn into markup on the way out and back in.
 * (`representableText(s)` is s with the characters XML cannot carry — C0 controls, lone
 * surrogates, U+FFFE/U+FFFF — replaced by U+FFFD: the builder's documented substitution, identity
 * for every ordinary string.)
 */
const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc
    .array(
      fc.constantFrom(
        "<",
        ">",
        "&",
        '"',
        "'",
        "${x}",
        "#{y}",
        "<#if>",
        "<@m/>",
        "&amp;",
        "&#36;",
        "]]>",
        "<!--",
        "\r\n",
        "\u00a0",
        " ",
        "x",
        "<b>",
        "</messageML>",
      ),
      { maxLength: 20 },
    )
    .map((parts) => parts.join("")),
);

describe("property: builder → parser round trip", () => {
  it("parses a built MessageML message back to exactly its text", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const message = mml`<messageML>${s}</messageML>`.markup;
        expect(plainText(parsePresentationML(message))).toBe(representableText(s));
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps the text inside structure too (paragraph, bold, list item, table cell)", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const message = mml`<messageML><p><b>${s}</b></p><ul><li>${s}</li></ul><table><tr><td>${s}</td></tr></table></messageML>`;
        const tree = parsePresentationML(message.markup);
        const texts = tree.children.map((block) => plainText({ type: "message", children: [block] }));
        const expected = representableText(s);
        // Bold text is kept whatever it is; in a list item or cell, white-space-only text between
        // blocks is layout, not content, so it reads back empty.
        const inBlock = expected.trim() === "" ? "" : expected;
        expect(texts).toEqual([expected, inBlock, inBlock]);
      }),
      { numRuns: 1000 },
    );
  });

  it("reads the agent's PresentationML of a built message back to its text (line breaks become spaces, as the agent prints them)", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const built = mml`<messageML>${s}</messageML>`.markup;
        let presentationML: string;
        try {
          presentationML = translateMessageML(built).presentationML;
        } catch {
          return; // a message the agent refuses (e.g. blank) has nothing to read back
        }
        const expected = representableText(s).replace(/\n+/g, " ");
        expect(plainText(parsePresentationML(presentationML, "{}"))).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
