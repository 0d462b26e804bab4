/**
 * The three parts together, as a message travels: a bot builds MessageML with the builder, the
 * agent (translator) turns it into PresentationML + entity JSON, the datafeed delivers both (data
 * as a JSON string) and the inbound parser reads them back.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Inline,
  ml,
  mml,
  parsePresentationML,
  plainText,
  representableText,
  translateMessageML,
} from "../../src/index.ts";
import { testUsers } from "./users.ts";

function deliver(messageML: string) {
  const { presentationML, entityJSON } = translateMessageML(messageML, { userLookup: testUsers });
  return parsePresentationML(presentationML, JSON.stringify(entityJSON));
}

function inlines(tree: ReturnType<typeof deliver>): readonly Inline[] {
  const first = tree.children[0];
  return first?.type === "paragraph" ? first.children : [];
}

describe("builder → translator → datafeed → parser", () => {
  it("entities come back resolved by their generated ids", () => {
    const tree = deliver(
      ml.messageML(ml.p("Hi ", ml.mention({ uid: 1 }), " see ", ml.hash("release"), " ", ml.cash("TSLA")))
        .markup,
    );
    const kinds = inlines(tree).map((i) => i.type);
    expect(kinds).toEqual(["text", "mention", "text", "hashtag", "text", "cashtag"]);
    expect(inlines(tree)[1]).toMatchObject({ type: "mention", userId: "1", entityId: "mention1" });
    expect(plainText(tree)).toBe("Hi @Bot User01 see #release $TSLA");
  });

  it("any user text survives the whole trip as text (newline runs become spaces, as the agent does)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const text = representableText(s);
        if (text.trim() === "") return;
        const tree = deliver(mml`<messageML><p>${s}</p></messageML>`.markup);
        expect(plainText(tree)).toBe(text.replace(/\r\n?/g, "\n").replace(/\n+/g, " "));
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});
