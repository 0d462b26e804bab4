import {
  blockQuote,
  card,
  cashTag,
  codeBlock,
  findAll,
  hashTag,
  heading,
  image,
  inlineTokens,
  isContent,
  link,
  mention,
  message,
  orderedList,
  paragraph,
  table,
  toPlainText,
  User,
  unorderedList,
  walk,
  word,
  words,
} from "@sprig/core";
import { describe, expect, it } from "vitest";

const ann = User.of("test", "u1", "Ann");

describe("content", () => {
  it("is built from strings and nodes, and is immutable", () => {
    const m = message("Hello", mention(ann), "how are you?");
    expect(m).toEqual({
      kind: "message",
      children: [{ kind: "paragraph", children: [word("Hello"), mention(ann), ...words("how are you?")] }],
    });
    expect(Object.isFrozen(m)).toBe(true);
    expect(Object.isFrozen(m.children)).toBe(true);
    expect(Object.isFrozen(m.children[0])).toBe(true);
    expect(() => {
      (m.children as unknown as unknown[]).push(word("x"));
    }).toThrow(TypeError);
  });

  it("has a plain-text form for logs and tests", () => {
    const m = message(
      heading(2, "Weekly"),
      paragraph("Ping", mention(ann), "about", hashTag("#release"), "and", cashTag("$AAPL")),
      orderedList("first", "second"),
      unorderedList("a"),
      table([["1", "milk"]], ["#", "Item"]),
      blockQuote("quoted"),
      codeBlock("x = 1", "ts"),
      paragraph(link("https://example.com", "site"), image("https://example.com/a.png", "logo")),
    );
    expect(toPlainText(m)).toBe(
      [
        "## Weekly",
        "Ping @Ann about #release and $AAPL",
        "1. first",
        "2. second",
        "- a",
        "| # | Item |",
        "| 1 | milk |",
        "> quoted",
        "```",
        "x = 1",
        "```",
        "site (https://example.com) [image: logo]",
      ].join("\n"),
    );
  });

  it("can be walked and searched", () => {
    const m = message(paragraph("hi", mention(ann)), blockQuote(paragraph(mention(ann))));
    expect(findAll(m, "mention")).toHaveLength(2);
    const kinds: string[] = [];
    walk(m, (node) => {
      kinds.push(node.kind);
      return node.kind !== "blockquote";
    });
    expect(kinds).toEqual(["message", "paragraph", "word", "mention", "blockquote"]);
    expect(inlineTokens(m).map((t) => t.kind)).toEqual(["word", "mention"]);
  });

  it("keeps markup-looking text as words", () => {
    const m = message('<messageML><b onclick="x">hi</b></messageML>');
    expect(findAll(m, "word").map((w) => w.text)).toEqual([
      "<messageML><b",
      'onclick="x">hi</b></messageML>',
    ]);
    expect(isContent(m)).toBe(true);
    expect(isContent({ kind: "script" })).toBe(false);
  });

  it("a card holds a header and a body as blocks; its words are read but are no command", () => {
    const c = card({
      header: "Invoice 42",
      body: [paragraph("Total", "9.50"), "/delete all"],
      accent: "blue",
    });
    expect(c).toMatchObject({ kind: "card", expandable: false, accent: "blue" });
    expect(c.header).toEqual([paragraph("Invoice 42")]);
    expect(Object.isFrozen(c)).toBe(true);
    expect(isContent(c)).toBe(true);
    const m = message(c, paragraph("after"));
    expect(toPlainText(m)).toBe("Invoice 42\n  Total 9.50\n  /delete all\nafter");
    expect(findAll(m, "word").map((w) => w.text)).toContain("9.50");
    expect(inlineTokens(m).map((t) => (t.kind === "word" ? t.text : t.kind))).toEqual(["after"]);
    expect(card({ header: "h", body: "b", expandable: true }).expandable).toBe(true);
  });
});
