/** What each shorthand tag (and the text rules around it) becomes in PresentationML and entity JSON. */
import { describe, expect, it } from "vitest";
import { translateMessageML } from "../../src/index.ts";
import { sequentialIds, testUsers } from "./users.ts";

const ROOT = '<div data-format="PresentationML" data-version="2.0">';
const m = (body: string) => `<messageML>${body}</messageML>`;
const t = (body: string, data?: Record<string, unknown>) =>
  translateMessageML(m(body), { data, userLookup: testUsers, shortId: sequentialIds() });
const pml = (body: string) => `${ROOT}${body}</div>`;

const MENTION_1 = {
  type: "com.symphony.user.mention",
  version: "1.0",
  id: [{ type: "com.symphony.user.userId", value: "1" }],
};

describe("shorthand tags", () => {
  it("mention by uid: the user's name, and a mention entity whose id value is a string", () => {
    const r = t('<mention uid="1"/>');
    expect(r.presentationML).toBe(pml('<span class="entity" data-entity-id="mention1">@Bot User01</span>'));
    expect(r.entityJSON).toEqual({ mention1: MENTION_1 });
  });

  it("mention by email resolves the user id", () => {
    const r = t('<mention email="BOT.user1@localhost.com"/>');
    expect(r.presentationML).toBe(pml('<span class="entity" data-entity-id="mention1">@Bot User01</span>'));
    expect(r.entityJSON).toEqual({ mention1: MENTION_1 });
  });

  it("mention strict=false of an unknown uid keeps the uid as text and the entity", () => {
    const r = t('<mention uid="42" strict="false"/>');
    expect(r.presentationML).toBe(pml('<span class="entity" data-entity-id="mention1">42</span>'));
    expect(r.entityJSON).toEqual({
      mention1: { ...MENTION_1, id: [{ type: "com.symphony.user.userId", value: "42" }] },
    });
  });

  it("mention strict=false of an unknown email becomes a mailto link, no entity", () => {
    const r = t('<mention email="who@x.org" strict="false"/>');
    expect(r.presentationML).toBe(pml('<a href="mailto:who@x.org">who@x.org</a>'));
    expect(r.entityJSON).toEqual({});
  });

  it("hash and cash: keyword entities", () => {
    const r = t('<hash tag="production"/> <cash tag="TSLA"/>');
    expect(r.presentationML).toBe(
      pml(
        '<span class="entity" data-entity-id="keyword1">#production</span> <span class="entity" data-entity-id="keyword2">$TSLA</span>',
      ),
    );
    expect(r.entityJSON).toEqual({
      keyword1: {
        type: "org.symphonyoss.taxonomy",
        version: "1.0",
        id: [{ type: "org.symphonyoss.taxonomy.hashtag", value: "production" }],
      },
      keyword2: {
        type: "org.symphonyoss.fin.security",
        version: "1.0",
        id: [{ type: "org.symphonyoss.fin.security.id.ticker", value: "TSLA" }],
      },
    });
  });

  it("one counter numbers mention, hash, cash, emoji, tag and dateTime in document order", () => {
    const r = t(
      '<mention uid="1"/><hash tag="a"/><cash tag="B"/><emoji shortcode="smiley"/><tag fallback-ticker="C"/><dateTime value="2024-12-31T09:29:47Z"/>',
    );
    expect(Object.keys(r.entityJSON)).toEqual([
      "mention1",
      "keyword2",
      "keyword3",
      "emoji4",
      "tag5",
      "datetime6",
    ]);
  });

  it("emoji: glyph, entity data, `:code:` when unknown, children replace the glyph", () => {
    const r = t(
      '<emoji shortcode="smiley"/><emoji shortcode="no_such" size="big"/><emoji shortcode="x">X</emoji>',
    );
    expect(r.presentationML).toBe(
      pml(
        '<span class="entity" data-entity-id="emoji1">😃</span><span class="entity" data-entity-id="emoji2">:no_such:</span><span class="entity" data-entity-id="emoji3">X</span>',
      ),
    );
    expect(r.entityJSON.emoji1).toEqual({
      type: "com.symphony.emoji",
      version: "1.0",
      data: { shortcode: "smiley", annotation: "smiley", size: "normal", unicode: "😃" },
    });
    expect(r.entityJSON.emoji2).toEqual({
      type: "com.symphony.emoji",
      version: "1.0",
      data: { shortcode: "no_such", annotation: "no_such", size: "big" },
    });
  });

  it("dateTime: a time element and a datetime entity", () => {
    const r = t('<dateTime value="2024-12-31T09:29:47Z" format="date"/>');
    expect(r.presentationML).toBe(
      pml(
        '<span><time data-entity-id="datetime1" data-format="date" datetime="2024-12-31T09:29:47Z">2024-12-31T09:29:47Z</time></span>',
      ),
    );
    expect(r.entityJSON.datetime1).toEqual({
      type: "org.symphonyoss",
      version: "1.0",
      data: { value: "2024-12-31T09:29:47Z", type: "org.symphonyoss.datetime", format: "date" },
    });
  });

  it("tag: the fallback ticker as a financial entity", () => {
    const r = t('<tag fallback-ticker="TSLA"/>');
    expect(r.presentationML).toBe(pml('<span class="entity" data-entity-id="tag1">$TSLA</span>'));
    expect(r.entityJSON.tag1).toEqual({
      type: "org.symphonyoss.fin.security",
      version: "1.0",
      id: [{ type: "org.symphonyoss.fin.security.id.ticker", value: "TSLA" }],
    });
  });

  it("chime: the audio element", () => {
    expect(t("<chime/>").presentationML).toBe(
      pml('<audio src="https://asset.symphony.com/symphony/audio/chime.mp3" autoplay="true"/>'),
    );
  });

  it("card: class, icon and accent moved to data attributes; header and body divs", () => {
    const r = t(
      '<card class="barStyle" iconSrc="i.png" accent="tempo-bg-color--blue"><header>H</header><body>B</body></card>',
    );
    expect(r.presentationML).toBe(
      pml(
        '<div class="card barStyle" data-icon-src="i.png" data-accent-color="tempo-bg-color--blue"><div class="cardHeader">H</div><div class="cardBody">B</div></div>',
      ),
    );
  });

  it("expandable-card: state and variant", () => {
    const r = t(
      '<expandable-card state="cropped"><header>H</header><body variant="error">B</body></expandable-card>',
    );
    expect(r.presentationML).toBe(
      pml(
        '<div class="expandable-card" data-state="cropped"><div class="expandableCardHeader">H</div><div class="expandableCardBody" data-variant="error">B</div></div>',
      ),
    );
  });

  it("entities inside a structured object go into that object", () => {
    const r = t('<div class="entity" data-entity-id="obj"><hash tag="a"/></div>', {
      obj: { type: "t", version: "1.0" },
    });
    expect(r.entityJSON).toEqual({
      obj: {
        type: "t",
        version: "1.0",
        keyword1: {
          type: "org.symphonyoss.taxonomy",
          version: "1.0",
          id: [{ type: "org.symphonyoss.taxonomy.hashtag", value: "a" }],
        },
      },
    });
  });

  it("a PresentationML entity span comes back as the entity its data type says", () => {
    const data = {
      k: {
        type: "org.symphonyoss.taxonomy",
        version: "1.0",
        id: [{ type: "org.symphonyoss.taxonomy.hashtag", value: "x" }],
      },
    };
    const r = translateMessageML(pml('<span class="entity" data-entity-id="k">ignored</span>'), { data });
    expect(r.presentationML).toBe(pml('<span class="entity" data-entity-id="k">#x</span>'));
    expect(r.entityJSON).toEqual(data);
  });
});

describe("text output", () => {
  it("runs of newlines become one space, except in pre, code and textarea", () => {
    const r = t("<p>a\n\n\nb</p><pre>c\n\nd</pre><code>e\nf</code>");
    expect(r.presentationML).toBe(pml("<p>a b</p><pre>c\n\nd</pre><code>e\nf</code>"));
  });

  it('escapes < > & and " in text, JSON attributes in single quotes', () => {
    expect(t("<p>&lt;b&gt; &amp; &quot;q&quot; 'a'</p>").presentationML).toBe(
      pml("<p>&lt;b&gt; &amp; &quot;q&quot; 'a'</p>"),
    );
  });

  it("code: language becomes data-language", () => {
    expect(t('<code language="java">x</code>').presentationML).toBe(
      pml('<code data-language="java">x</code>'),
    );
  });

  it("an empty link shows its href", () => {
    expect(t('<a href="https://x.org/?a=1&amp;b=2"/>').presentationML).toBe(
      pml('<a href="https://x.org/?a=1&amp;b=2">https://x.org/?a=1&amp;b=2</a>'),
    );
  });

  it("td spans are normalised int64 values", () => {
    expect(t('<table><tr><td colspan="+02">x</td></tr></table>').presentationML).toBe(
      pml('<table><tr><td colspan="2">x</td></tr></table>'),
    );
  });
});

describe("Elements output", () => {
  const form = (body: string) => t(`<form id="f">${body}<button name="go">Go</button></form>`).presentationML;
  const inForm = (body: string) =>
    pml(`<form id="f">${body}<button type="action" name="go">Go</button></form>`);

  it("text-field with label and title: the generated group", () => {
    expect(form('<text-field name="n" label="L" title="T" placeholder="p">init</text-field>')).toBe(
      inForm(
        '<div class="textfield-group" data-generated="true"><label for="textfield-ID1">L</label><span class="info-hint" data-target-id="textfield-ID1" data-title="T"></span><input type="text" name="n" placeholder="p" value="init" id="textfield-ID1"/></div>',
      ),
    );
  });

  it("text-field pattern → pattern + data-pattern-error-message, masked → data-masked", () => {
    expect(form('<text-field name="n" masked="true" pattern="^a$" pattern-error-message="only a"/>')).toBe(
      inForm(
        '<input type="text" name="n" data-masked="true" pattern="^a$" data-pattern-error-message="only a"/>',
      ),
    );
  });

  it("checkbox with a label, radio without", () => {
    expect(form('<checkbox name="c" value="v" checked="true">Yes</checkbox><radio name="r"/>')).toBe(
      inForm(
        '<div class="checkbox-group"><input type="checkbox" name="c" checked="true" value="v" id="checkbox-group-ID1"/><label for="checkbox-group-ID1">Yes</label></div><input type="radio" name="r" value="on"/>',
      ),
    );
  });

  it("select min/max → data-min/data-max, options kept", () => {
    expect(
      form('<select name="s" multiple="true" min="1" max="2"><option value="a">A</option></select>'),
    ).toBe(
      inForm(
        '<select name="s" multiple="true" data-min="1" data-max="2"><option value="a">A</option></select>',
      ),
    );
  });

  it("person-selector and timezone-picker become divs with data attributes", () => {
    expect(
      form('<person-selector name="p" value="[1,2]" required="true"/><timezone-picker name="z" value=""/>'),
    ).toBe(
      inForm(
        '<div class="person-selector" data-name="p" data-required="true" data-value="[1,2]"></div><div class="timezone-picker" data-name="z" data-value=""></div>',
      ),
    );
  });

  it("time-picker strict/format → data-strict/data-format, disabled-time typed", () => {
    expect(
      form(`<time-picker name="t" strict="true" format="HH:mm" disabled-time='[{"time":"12:00:00"}]'/>`),
    ).toBe(
      inForm(
        `<input type="time" name="t" data-format="HH:mm" data-strict="true" data-disabled-time='[{"type":"time","time":"12:00:00"}]'/>`,
      ),
    );
  });

  it("button: type first, title → data-title, -destructive stripped", () => {
    expect(form('<button name="b" class="primary-destructive" title="hint">B</button>')).toBe(
      inForm('<button type="action" name="b" class="primary" data-title="hint">B</button>'),
    );
  });

  it("form multi-submit → data-multi-submit; dialog defaults and generated id", () => {
    const r = t(
      '<dialog id="d"><title>T</title><body>B</body></dialog><ui-action action="open-dialog" target-id="d"><button>Open</button></ui-action>',
    );
    expect(r.presentationML).toBe(
      pml(
        '<dialog open="" id="ID1-d" data-width="medium" data-state="close"><div class="dialog-title">T</div><div class="dialog-body">B</div></dialog><div class="ui-action" data-action="open-dialog" data-trigger="click" data-target-id="ID1-d"><button>Open</button></div>',
      ),
    );
  });
});

describe("the caller's data", () => {
  it("is never modified, even when entries are generated inside its structured objects", () => {
    const data = { obj: { type: "t", version: "1.0" } };
    const snapshot = JSON.stringify(data);
    const r = translateMessageML(
      m('<div class="entity" data-entity-id="obj"><hash tag="a"/></div><cash tag="B"/>'),
      {
        data,
      },
    );
    expect(JSON.stringify(data)).toBe(snapshot);
    expect(Object.keys(r.entityJSON)).toEqual(["obj", "keyword2"]);
    expect(Object.keys(r.entityJSON.obj as object)).toEqual(["type", "version", "keyword1"]);
  });
});
