import { hasShared, readShared, readSharedJson } from "@sprig/shared-data";
import { describe, expect, it } from "vitest";
import { type Inline, type MessageTree, parsePresentationML, plainText } from "../../src/index.ts";

const PML = (body: string) => `<div data-format="PresentationML" data-version="2.0">${body}</div>`;

/** The inline children of the first paragraph. */
function firstInlines(tree: MessageTree): readonly Inline[] {
  const block = tree.children[0];
  if (block?.type !== "paragraph") throw new Error(`expected a paragraph, got ${block?.type}`);
  return block.children;
}

const mentionData = (id: string, value: string | number) => ({
  [id]: { type: "com.symphony.user.mention", id: [{ type: "com.symphony.user.userId", value }] },
});

interface SentEvent {
  payload: { messageSent: { message: { message: string; data: string } } };
}

describe.skipIf(!hasShared())("parsePresentationML: real MESSAGESENT payloads", () => {
  it("reads a plain client message", () => {
    const event = readSharedJson<SentEvent>("fixtures", "events", "MESSAGESENT.json");
    const { message, data } = event.payload.messageSent.message;
    const tree = parsePresentationML(message, data);
    expect(tree).toEqual({
      type: "message",
      children: [{ type: "paragraph", children: [{ type: "text", text: "hi" }] }],
    });
  });

  it("resolves agent ids by data type, whatever the CSS class says", () => {
    const event = readSharedJson<SentEvent>(
      "fixtures",
      "events",
      "MESSAGESENT-mentions-hashtags-cashtags.json",
    );
    const { message, data } = event.payload.messageSent.message;
    const inlines = firstInlines(parsePresentationML(message, data));
    expect(inlines).toEqual([
      { type: "text", text: "Message content. With " },
      { type: "mention", userId: "123456789", name: "user name", text: "@user name", entityId: "mention1" },
      { type: "text", text: ", " },
      { type: "cashtag", tag: "ibm", text: "$ticker", entityId: "cashtag2" },
      { type: "text", text: ", and " },
      { type: "hashtag", tag: "unexpected", text: "#keyword", entityId: "hashtag3" },
      { type: "text", text: "." },
    ]);
  });

  it("resolves mentions nested in agent-merged EntityJSON, as the agent's findPath does", () => {
    const pml = readShared("messageml-examples", "payloads", "expanded_single_jira_ticket.presentationml");
    const data = readShared("messageml-examples", "payloads", "expanded_single_jira_ticket.entityjson");
    const tree = parsePresentationML(pml, data);
    const json = JSON.stringify(tree);
    expect(json).toContain('"type":"mention","userId":"123456789","name":"Bot User01"');
    expect(json).toContain('"type":"hashtag","tag":"production"');
    expect(json).toContain('"type":"hashtag","tag":"major"');
    expect(plainText(tree)).toContain("Assignee\t@Bot User01");
  });
});

describe("parsePresentationML: entities", () => {
  const clientMessage =
    '<div data-format="PresentationML" data-version="2.0" class="wysiwyg"><p>/help <span class="entity" data-entity-id="3">#bob</span>\n' +
    ' <span class="entity" data-entity-id="4">$tsla</span> <span class="entity" data-entity-id="0">@Rob Moffat</span></p></div>';
  const clientData =
    '{"0":{"id":[{"type":"com.symphony.user.userId","value":"347583113331315"}],"type":"com.symphony.user.mention"},' +
    '"4":{"id":[{"type":"org.symphonyoss.fin.security.id.ticker","value":"tsla"}],"type":"org.symphonyoss.fin.security"}}';

  it("resolves client ids and leaves an entity without data as its text", () => {
    const inlines = firstInlines(parsePresentationML(clientMessage, clientData));
    expect(inlines).toEqual([
      { type: "text", text: "/help #bob\n " },
      { type: "cashtag", tag: "tsla", text: "$tsla", entityId: "4" },
      { type: "text", text: " " },
      { type: "mention", userId: "347583113331315", name: "Rob Moffat", text: "@Rob Moffat", entityId: "0" },
    ]);
  });

  it("accepts data as an object, a JSON string, or a JSON string of a JSON string", () => {
    const object = JSON.parse(clientData) as Record<string, unknown>;
    const expected = parsePresentationML(clientMessage, clientData);
    expect(parsePresentationML(clientMessage, object)).toEqual(expected);
    expect(parsePresentationML(clientMessage, JSON.stringify(clientData))).toEqual(expected);
  });

  it("reads a numeric user id as text", () => {
    const inlines = firstInlines(
      parsePresentationML(PML('<span class="entity" data-entity-id="m">@A</span>'), mentionData("m", 42)),
    );
    expect(inlines[0]).toMatchObject({ type: "mention", userId: "42", name: "A" });
  });

  it("keys on data-entity-id and type, never on the class", () => {
    const data = { ...mentionData("x", "7"), y: { type: "com.acme.unknown", id: [] } };
    const inlines = firstInlines(
      parsePresentationML(
        PML(
          '<span class="hashTag" data-entity-id="x">@Ann</span> <span class="entity" data-entity-id="y">thing</span>',
        ),
        data,
      ),
    );
    expect(inlines).toEqual([
      { type: "mention", userId: "7", name: "Ann", text: "@Ann", entityId: "x" },
      { type: "text", text: " thing" },
    ]);
  });

  it("turns entities with missing or malformed data into text", () => {
    const cases: unknown[] = [
      undefined,
      "not json",
      "[1,2]",
      { m: "a string" },
      { m: { type: "com.symphony.user.mention" } },
      { m: { type: "com.symphony.user.mention", id: [{ type: "other", value: "1" }] } },
      { m: { type: "com.symphony.user.mention", id: "nope" } },
      { m: { type: "org.symphonyoss.taxonomy", id: [] } },
      { m: { type: "com.symphony.emoji", data: { shortcode: 5 } } },
    ];
    for (const data of cases) {
      const tree = parsePresentationML(
        PML('a <span class="entity" data-entity-id="m">@Bob</span>'),
        data as string,
      );
      expect(firstInlines(tree), JSON.stringify(data)).toEqual([{ type: "text", text: "a @Bob" }]);
    }
  });

  it("resolves emoji and takes the hashtag value from its id", () => {
    const data = {
      emoji1: { type: "com.symphony.emoji", version: "1.0", data: { shortcode: "smiley", unicode: "😃" } },
      keyword2: {
        type: "org.symphonyoss.taxonomy",
        id: [{ type: "org.symphonyoss.taxonomy.hashtag", value: "Release" }],
      },
    };
    const inlines = firstInlines(
      parsePresentationML(
        PML(
          '<span class="entity" data-entity-id="emoji1">😃</span><span class="entity" data-entity-id="keyword2">#release</span>',
        ),
        data,
      ),
    );
    expect(inlines).toEqual([
      { type: "emoji", shortcode: "smiley", unicode: "😃", text: "😃", entityId: "emoji1" },
      { type: "hashtag", tag: "Release", text: "#release", entityId: "keyword2" },
    ]);
  });
});

describe("parsePresentationML: structure", () => {
  it("keeps bold, italic, links, images and line breaks", () => {
    const tree = parsePresentationML(
      PML(
        '<p>a <b>bold <i>both</i></b><br/><a href="https://x.test/">link</a><img src="https://x.test/i.png" alt="pic"/></p>',
      ),
    );
    expect(firstInlines(tree)).toEqual([
      { type: "text", text: "a " },
      {
        type: "bold",
        children: [
          { type: "text", text: "bold " },
          { type: "italic", children: [{ type: "text", text: "both" }] },
        ],
      },
      { type: "lineBreak" },
      { type: "link", href: "https://x.test/", children: [{ type: "text", text: "link" }] },
      { type: "image", src: "https://x.test/i.png", alt: "pic" },
    ]);
  });

  it("makes paragraphs of top-level runs and drops white space between blocks", () => {
    const tree = parsePresentationML(PML("one<p>two</p>\n  <p>three</p> four"));
    expect(tree.children).toEqual([
      { type: "paragraph", children: [{ type: "text", text: "one" }] },
      { type: "paragraph", children: [{ type: "text", text: "two" }] },
      { type: "paragraph", children: [{ type: "text", text: "three" }] },
      { type: "paragraph", children: [{ type: "text", text: " four" }] },
    ]);
  });

  it("reads lists, headings, block quotes and rules", () => {
    const tree = parsePresentationML(
      PML(
        "<h2>Title</h2><ul><li>a</li><li><b>b</b></li></ul><ol><li>1</li></ol><blockquote>q</blockquote><hr/>",
      ),
    );
    expect(tree.children).toEqual([
      { type: "heading", level: 2, children: [{ type: "text", text: "Title" }] },
      {
        type: "list",
        ordered: false,
        items: [
          { children: [{ type: "paragraph", children: [{ type: "text", text: "a" }] }] },
          {
            children: [
              { type: "paragraph", children: [{ type: "bold", children: [{ type: "text", text: "b" }] }] },
            ],
          },
        ],
      },
      {
        type: "list",
        ordered: true,
        items: [{ children: [{ type: "paragraph", children: [{ type: "text", text: "1" }] }] }],
      },
      { type: "blockquote", children: [{ type: "paragraph", children: [{ type: "text", text: "q" }] }] },
      { type: "horizontalRule" },
    ]);
  });

  it("reads a pasted table inside a paragraph, with thead rows as the head", () => {
    const tree = parsePresentationML(
      PML(
        '<p>before<table class="pasted-table"><thead><tr><th>Name</th><th>Qty</th></tr></thead>' +
          '<tbody><tr><td>apple</td><td colspan="2">3</td></tr></tbody></table>after</p>',
      ),
    );
    const cell = (header: boolean, text: string, extra = {}) => ({
      header,
      children: [{ type: "paragraph", children: [{ type: "text", text }] }],
      ...extra,
    });
    expect(tree.children).toEqual([
      { type: "paragraph", children: [{ type: "text", text: "before" }] },
      {
        type: "table",
        head: [{ cells: [cell(true, "Name"), cell(true, "Qty")] }],
        body: [{ cells: [cell(false, "apple"), cell(false, "3", { colspan: 2 })] }],
        foot: [],
      },
      { type: "paragraph", children: [{ type: "text", text: "after" }] },
    ]);
    expect(plainText(tree)).toBe("before\nName\tQty\napple\t3\nafter");
  });

  it("reads code with its language and pre as raw text", () => {
    const tree = parsePresentationML(
      PML(
        '<code data-language="java">int x = 1 &lt; 2;</code><pre>a <b>b</b>\n  c</pre><p>inline <code>x()</code></p>',
      ),
    );
    expect(tree.children).toEqual([
      { type: "codeBlock", text: "int x = 1 < 2;", language: "java" },
      { type: "codeBlock", text: "a b\n  c" },
      {
        type: "paragraph",
        children: [
          { type: "text", text: "inline " },
          { type: "code", text: "x()" },
        ],
      },
    ]);
  });

  it("reads cards and expandable cards", () => {
    const tree = parsePresentationML(
      PML(
        '<div class="card barStyle" data-icon-src="https://x.test/i.png" data-accent-color="tempo-bg-color--blue">' +
          '<div class="cardHeader">Head</div><div class="cardBody">Body</div></div>' +
          '<div class="expandable-card" data-state="collapsed"><div class="expandableCardHeader">H</div>' +
          '<div class="expandableCardBody" data-variant="default">B</div></div>',
      ),
    );
    const para = (text: string) => ({ type: "paragraph", children: [{ type: "text", text }] });
    expect(tree.children).toEqual([
      {
        type: "card",
        header: [para("Head")],
        body: [para("Body")],
        iconSrc: "https://x.test/i.png",
        accentColor: "tempo-bg-color--blue",
      },
      { type: "card", header: [para("H")], body: [para("B")], state: "collapsed" },
    ]);
  });

  it("shows an empty link as its href in plain text", () => {
    expect(plainText(parsePresentationML(PML('see <a href="https://x.test/"></a>')))).toBe(
      "see https://x.test/",
    );
  });

  it("keeps text exactly, entities decoded, markup in text never becoming markup", () => {
    const tree = parsePresentationML(PML("  a &lt;b&gt; &amp;amp; &#x1F600; &quot;q&quot;\n  b  "));
    expect(plainText(tree)).toBe('  a <b> &amp; 😀 "q"\n  b  ');
    expect(tree.children).toHaveLength(1);
  });

  it("ignores scripts, styles and comments", () => {
    const tree = parsePresentationML(PML("a<script>alert(1)</script><style>p{}</style><!-- c -->b"));
    expect(plainText(tree)).toBe("ab");
  });
});
