/**
 * The plain-text shortcut (src/translate/plain-text.ts) gives byte for byte what the full translation
 * gives: checked on random text over the characters XML and the printer treat specially, with and
 * without data. It must also actually be taken for plain text, and not for anything else.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MessageMLError } from "../../src/index.ts";
import { plainTextPresentationML } from "../../src/translate/plain-text.ts";
import { translateInFull, translateMessageML } from "../../src/translate/translate.ts";

/** Pieces of text that matter to XML, FreeMarker, the control-character check or the printer. */
const PIECES = [
  "a",
  "Hello",
  " ",
  "  ",
  "\t",
  "\n",
  "\n\n",
  "\r",
  "\r\n",
  ">",
  "<",
  "&",
  "&amp;",
  '"',
  "'",
  "]",
  "]]>",
  "$",
  "${",
  "#",
  "#{",
  "{",
  "}",
  "<b>",
  "</messageML>",
  "<messageML>",
  "\u0000",
  "\u0001",
  "\u000B",
  "\u001F",
  "\u007F",
  "\u0085",
  "\u00A0",
  "é",
  "\u2028",
  "\uFEFF",
  "\uFFFD",
  "\uFFFE",
  "\uFFFF",
  "😀",
  "\uD83D",
  "\uDE00",
  "日本",
];

const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((parts) => parts.join(""));
const data = fc.constantFrom(undefined, "", '{"x":{"type":"com.example","version":"1.0"}}', { n: 1 });

type Outcome = { result: ReturnType<typeof translateMessageML> } | { error: string };

function outcome(translate: () => ReturnType<typeof translateMessageML>): Outcome {
  try {
    return { result: translate() };
  } catch (e) {
    if (e instanceof MessageMLError) return { error: `${e.code} ${e.message}` };
    throw e;
  }
}

describe("plain-text shortcut", () => {
  it("gives exactly what the full translation gives, result or error, with and without data", () => {
    let shortcuts = 0;
    fc.assert(
      fc.property(text, data, (body, withData) => {
        const input = `<messageML>${body}</messageML>`;
        if (plainTextPresentationML(input) !== undefined) shortcuts++;
        const options = { data: withData, shortId: () => "id" };
        expect(outcome(() => translateMessageML(input, options))).toEqual(
          outcome(() => translateInFull(input, options)),
        );
      }),
      { numRuns: 3000, seed: 20261207 },
    );
    // Not vacuous: a good part of the random texts took the shortcut.
    expect(shortcuts).toBeGreaterThan(300);
  });

  it("is taken for text, new lines, quotes, '>' and any character XML keeps as it is", () => {
    for (const body of [
      "Hello",
      "a > b \"c\" 'd'",
      "line\n\nnext",
      "",
      "  ",
      "😀 é 日本 \u00A0\u2028",
      "$5 #tag {x}",
    ])
      expect(plainTextPresentationML(`<messageML>${body}</messageML>`), body).toBeDefined();
    expect(plainTextPresentationML("<messageML>a > b\n\nc</messageML>")).toBe(
      '<div data-format="PresentationML" data-version="2.0">a &gt; b c</div>',
    );
  });

  it("is not taken for markup, references, FreeMarker, CR, ']]>', refused characters or another root", () => {
    for (const input of [
      "<messageML><b>x</b></messageML>",
      "<messageML>a &amp; b</messageML>",
      "<messageML>${x}</messageML>",
      "<messageML>#{x}</messageML>",
      "<messageML>a\r\nb</messageML>",
      "<messageML>]]></messageML>",
      "<messageML>\u0001</messageML>",
      "<messageML>\uFFFE</messageML>",
      "<messageML>\uD83D</messageML>",
      '<messageML beta="true">x</messageML>',
      " <messageML>x</messageML>",
      "<messageML>x</messageML> ",
      '<div data-format="PresentationML" data-version="2.0">x</div>',
      "<messageML>",
    ])
      expect(plainTextPresentationML(input), input).toBeUndefined();
  });
});
