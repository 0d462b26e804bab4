// Proves the example of packages/messageml/README.md: the README shows readme-example.ts as it is,
// and what the README says it gives is what it gives.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expanded, sent, text } from "./readme-example.ts";

describe("messageml README example", () => {
  it("the README shows readme-example.ts as tested", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const shown = /```ts\n(\/\/ readme-example\.ts\n[\s\S]*?)```/.exec(readme)?.[1];
    expect(shown).toBe(readFileSync(new URL("./readme-example.ts", import.meta.url), "utf8"));
  });

  it("user text stays text through translation and parsing; the mention is resolved", () => {
    expect(sent.presentationML).toContain("New item: &lt;b&gt;not bold&lt;/b&gt; ${data.secret} for");
    expect(sent.presentationML).not.toContain("never shown");
    expect(sent.presentationML).toContain('<button type="action" name="add">Add</button>');
    expect(sent.entityJSON.mention1).toMatchObject({ type: "com.symphony.user.mention" });
    expect(text).toBe("New item: <b>not bold</b> ${data.secret} for @Bob Jones\nAdd");
  });

  it("FreeMarker expands with the data, escaping under output_format HTML", () => {
    expect(expanded).toBe("<p>A&amp;B: one, two</p>");
  });
});
