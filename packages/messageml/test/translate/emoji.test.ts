/**
 * `<emoji shortcode>` as the agent renders it: the glyph of its table (JoyPixels' shortcodes,
 * generated from emojibase-data), `:code:` and no `unicode` for a code outside it.
 */
import { hasShared, readShared } from "@sprig/shared-data";
import { describe, expect, it } from "vitest";
import { emojiEntries } from "../../scripts/generate-emoji-table.ts";
import { translateMessageML } from "../../src/index.ts";
import { EMOJI } from "../../src/translate/elements/emoji-table.ts";

const ROOT = '<div data-format="PresentationML" data-version="2.0">';

function emoji(shortcode: string) {
  const r = translateMessageML(`<messageML><emoji shortcode="${shortcode}"/></messageML>`);
  const glyph = r.presentationML.slice(
    `${ROOT}<span class="entity" data-entity-id="emoji1">`.length,
    -"</span></div>".length,
  );
  return { glyph, data: (r.entityJSON.emoji1 as { data: Record<string, unknown> }).data };
}

describe("emoji shortcodes", () => {
  it.skipIf(!hasShared())("the reference's example renders as the agent renders it", () => {
    const row = readShared("reference/messageml.md")
      .split("\n")
      .find((line) => line.startsWith("| `<emoji shortcode="));
    const [, code, glyph] =
      /shortcode="([^"]+)".*data-entity-id="emoji1">([^<]+)<\/span>/.exec(row ?? "") ?? [];
    expect(code).toBe("smiley");
    expect(emoji(code!)).toEqual({
      glyph,
      data: { shortcode: code, annotation: code, size: "normal", unicode: glyph },
    });
  });

  it("renders what the agent's table holds: aliases, skin tones, flags, sequences, FE0F where Unicode wants it", () => {
    const cases: Record<string, string> = {
      smile: "😄",
      thumbsup: "👍",
      "+1": "👍",
      thumbs_up: "👍",
      "-1": "👎",
      surfer_tone3: "\u{1F3C4}\u{1F3FD}", // the agent's own test
      flag_tl: "🇹🇱",
      tl: "🇹🇱",
      keyboard: "\u2328\uFE0F", // text by default: the emoji needs FE0F
      hourglass: "\u231B", // emoji by default: no FE0F
      family_man_girl: "\u{1F468}\u200D\u{1F467}",
      rolling_eyes: "🙄",
      slight_smile: "🙂",
      telephone: "\u260E\uFE0F",
    };
    for (const [code, glyph] of Object.entries(cases)) {
      expect(emoji(code), code).toEqual({
        glyph,
        data: { shortcode: code, annotation: code, size: "normal", unicode: glyph },
      });
    }
  });

  it("a code outside the table (or an object's own property name) is `:code:`, with no unicode", () => {
    for (const code of ["notfoundemoji", "constructor", "toString", "__proto__", "roll_eyes"]) {
      expect(emoji(code), code).toEqual({
        glyph: `:${code}:`,
        data: { shortcode: code, annotation: code, size: "normal" },
      });
    }
  });

  it("has the thousands of the agent's table, and is exactly what the generator makes from emojibase-data", () => {
    expect(EMOJI.size).toBeGreaterThan(6000);
    expect([...EMOJI]).toEqual(emojiEntries());
  });

  it("text `:smiley:` outside an emoji element stays text, as on the agent", () => {
    const r = translateMessageML("<messageML>Hello :smiley:!</messageML>");
    expect(r.presentationML).toBe(`${ROOT}Hello :smiley:!</div>`);
    expect(r.entityJSON).toEqual({});
  });
});
