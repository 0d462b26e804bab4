import {
  blockQuote,
  card,
  cashTag,
  codeBlock,
  type ErrorResponse,
  hashTag,
  heading,
  image,
  link,
  type MessageResponse,
  mention,
  message,
  orderedList,
  paragraph,
  table,
  User,
  unorderedList,
  WorkRegistry,
} from "@sprig/core";
import { type MessageTree, parsePresentationML, plainText } from "@sprig/messageml";
import { describe, expect, it } from "vitest";
import { SymphonyRenderer } from "../../src/index.ts";
import { agent } from "./agent.ts";
import { room } from "./fixtures.ts";

const renderer = new SymphonyRenderer({ works: new WorkRegistry() });
const alice = User.of("symphony", "12345", "Alice");

function say(content: ReturnType<typeof message>, extra: Partial<MessageResponse> = {}): MessageResponse {
  return { kind: "message", to: room, content, buttons: [], ...extra };
}

function tree(response: MessageResponse | ErrorResponse): MessageTree {
  const view = agent(renderer.render(response));
  return parsePresentationML(view.presentationML, view.entityJSON);
}

describe("content → MessageML, read back by the agent and the parser", () => {
  it("every kind of content keeps its shape", () => {
    const content = message(
      heading(2, "Shopping"),
      paragraph(
        "Hello",
        mention(alice),
        hashTag("groceries"),
        cashTag("AAPL"),
        link("https://example.com/a?b=1&c=2", "the list"),
      ),
      unorderedList("milk", "eggs"),
      orderedList("first", "second"),
      blockQuote("quoted words"),
      codeBlock("const x = a < b && c;", "typescript"),
      table([["1", "apples"]], ["n", "fruit"]),
      paragraph(image("https://example.com/i.png", "pic")),
    );
    const t = tree(say(content));
    const types = t.children.map((b) => b.type);
    // MessageML has no quote element: a quote is an indented block and reads back as its paragraphs.
    expect(types).toEqual([
      "heading",
      "paragraph",
      "list",
      "list",
      "paragraph",
      "codeBlock",
      "table",
      "paragraph",
    ]);
    const p = t.children[1];
    expect(p?.type === "paragraph" && p.children.map((c) => c.type)).toEqual([
      "text",
      "mention",
      "text",
      "hashtag",
      "text",
      "cashtag",
      "text",
      "link",
    ]);
    const text = plainText(t);
    for (const s of [
      "Shopping",
      "milk",
      "second",
      "quoted words",
      "const x = a < b && c;",
      "apples",
      "#groceries",
      "$AAPL",
      "the list",
    ])
      expect(text).toContain(s);
  });

  it("a card is a <card> with its header, body and accent; an expandable card starts collapsed; their words stay words", () => {
    const content = message(
      card({
        header: "Invoice <42>",
        body: [paragraph("Total", "9.50"), table([["milk", "1"]])],
        accent: "green",
      }),
      card({ header: heading(4, "Details"), body: "${data} <b>not bold</b>", expandable: true }),
    );
    const rendered = renderer.render(say(content));
    expect(rendered.message).toContain('<card accent="tempo-bg-color--green"><header>');
    expect(rendered.message).toContain('<expandable-card state="collapsed"><header>');
    const view = agent(rendered);
    expect(view.presentationML).toContain('<div class="card" data-accent-color="tempo-bg-color--green">');
    expect(view.presentationML).toContain('<div class="cardHeader">');
    expect(view.presentationML).toContain('<div class="expandable-card" data-state="collapsed">');
    expect(view.elements.filter((e) => e.tag === "b")).toEqual([]);
    const text = plainText(parsePresentationML(view.presentationML, view.entityJSON));
    for (const s of ["Invoice <42>", "Total 9.50", "milk", "Details", "${data} <b>not bold</b>"])
      expect(text).toContain(s);
  });

  it("links the pod would refuse are shown as their text, so the message still goes", () => {
    const view = agent(
      renderer.render(
        say(
          message(
            paragraph(link("javascript:alert(1)", "click"), link("/relative", "rel"), image("data:x", "pic")),
          ),
        ),
      ),
    );
    expect(view.elements.filter((e) => e.tag === "a" || e.tag === "img")).toEqual([]);
    expect(plainText(parsePresentationML(view.presentationML))).toBe("click rel pic");
  });

  it("a mention carries the user id", () => {
    const view = agent(renderer.render(say(message("hi", mention(alice)))));
    const mentions = Object.values(view.entityJSON) as {
      type: string;
      id: { type: string; value: unknown }[];
    }[];
    expect(mentions.map((m) => [m.type, m.id[0]?.type, String(m.id[0]?.value)])).toEqual([
      ["com.symphony.user.mention", "com.symphony.user.userId", "12345"],
    ]);
  });

  it("hostile words stay words", () => {
    const hostile = '<form id="x"><button name="y">z</button></form> ${data} <#if true>x</#if>';
    const view = agent(renderer.render(say(message(hostile))));
    expect(view.formId()).toBeUndefined();
    expect(view.buttons()).toEqual([]);
    expect(plainText(parsePresentationML(view.presentationML, view.entityJSON))).toBe(hostile);
  });

  it("a message with buttons is a form with the response's form id", () => {
    const view = agent(
      renderer.render(
        say(message("Pick one"), {
          buttons: [
            { id: "cmd:help", text: "Help" },
            { id: "cmd:new", text: "New", style: "danger" },
          ],
          formId: "sprig-help",
        }),
      ),
    );
    expect(view.formId()).toBe("sprig-help");
    expect(view.buttons()).toEqual([
      { name: "cmd:help", text: "Help" },
      { name: "cmd:new", text: "New" },
    ]);
    expect(view.elements.find((e) => e.attrs.name === "cmd:new")?.attrs.class).toBe("destructive");
  });
});

describe("errors and attachments", () => {
  it("an error is its message as plain escaped text", () => {
    const response: ErrorResponse = {
      kind: "error",
      to: room,
      code: "X",
      message: "Bad <b>${data}</b> & more",
    };
    const rendered = renderer.render(response);
    expect(rendered.data).toBeUndefined();
    expect(plainText(tree(response))).toBe("Bad <b>${data}</b> & more");
  });

  it("an attachment is a message with one attachment part (bytes, name, media type)", () => {
    const bytes = new TextEncoder().encode("a,b\n1,2\n");
    const rendered = renderer.render({
      kind: "attachment",
      to: room,
      name: "report.csv",
      mediaType: "text/csv",
      bytes,
      content: message("Your ${report}"),
    });
    expect(rendered.attachments).toEqual([{ name: "report.csv", content: bytes, contentType: "text/csv" }]);
    const view = agent(rendered);
    expect(plainText(parsePresentationML(view.presentationML))).toBe("Your ${report}");
    const bare = renderer.render({
      kind: "attachment",
      to: room,
      name: "x.bin",
      mediaType: "application/octet-stream",
      bytes,
    });
    expect(plainText(parsePresentationML(agent(bare).presentationML))).toBe("x.bin");
  });
});
