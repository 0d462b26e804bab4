/** Teams HTML in: `<at>` mentions matched to their entities, blocks as paragraphs, markup dropped. */
import { card, message, paragraph, User } from "@sprig/core";
import { describe, expect, it } from "vitest";
import { htmlToContent, messageToHtml } from "../../src/index.ts";

const bot = User.of("teams", "28:bot", "Todo Bot");
const ann = User.of("teams", "29:ann", "Ann Lee");

describe("Teams HTML → content", () => {
  it("a leading bot mention, a person mentioned twice, hashtags and words", () => {
    const message = htmlToContent(
      "<p><at>Todo Bot</at> assign 1 <at>Ann Lee</at> #urgent and <at>Ann Lee</at></p>",
      [
        { text: "<at>Todo Bot</at>", user: bot },
        { text: "<at>Ann Lee</at>", user: ann },
        { text: "<at>Ann Lee</at>", user: ann },
      ],
    );
    const [paragraph] = message.children as unknown as { children: { kind: string }[] }[];
    expect(paragraph!.children.map((c) => c.kind)).toEqual([
      "mention",
      "word",
      "word",
      "mention",
      "hashtag",
      "word",
      "mention",
    ]);
    expect(paragraph!.children[0]).toEqual({ kind: "mention", user: bot });
  });

  it("markup in the text is dropped, entities decoded, and an <at> without entity stays text", () => {
    const message = htmlToContent(
      '<div>say &lt;b&gt;hi&lt;/b&gt; <script>x</script><at>Nobody</at></div><div>"two"</div>',
      [],
    );
    expect(message.children).toHaveLength(2);
    const words = JSON.stringify(message);
    expect(words).toContain('"<b>hi</b>"');
    expect(words).toContain("@Nobody");
    expect(words).not.toContain('"kind":"mention"');
  });

  it("a card out is a quoted block with its header in bold, escaped", () => {
    const html = messageToHtml(
      message(card({ header: "Invoice <42>", body: paragraph("Total 9.50"), expandable: true })),
      "teams",
    );
    expect(html.text).toBe(
      "<blockquote><strong><p>Invoice &#60;42&#62;</p></strong><p>Total 9.50</p></blockquote>",
    );
  });

  it("content out is escaped; mentions of Teams users become <at> with entities", () => {
    const html = messageToHtml(
      {
        kind: "message",
        children: [
          {
            kind: "paragraph",
            children: [
              { kind: "word", text: "<img src=x>" },
              { kind: "mention", user: ann },
            ],
          },
        ],
      },
      "teams",
    );
    expect(html.text).toBe("<p>&#60;img src=x&#62; <at>Ann Lee</at></p>");
    expect(html.entities).toEqual([
      { type: "mention", text: "<at>Ann Lee</at>", mentioned: { id: "29:ann", name: "Ann Lee" } },
    ]);
  });
});
