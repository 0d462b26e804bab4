import fc from "fast-check";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { escapeText, MessageMLFragment, ml, mml, representableText, trustedMarkup } from "../../src/index.ts";

/** Text content of a MessageML string, read back with a strict XML parser. */
function textOf(markup: string): string {
  const parser = new SaxesParser();
  let out = "";
  parser.on("text", (t) => {
    out += t;
  });
  parser.on("error", (e) => {
    throw e;
  });
  parser.write(markup).close();
  return out;
}

function attributeOf(markup: string, name: string): string | undefined {
  const parser = new SaxesParser();
  let value: string | undefined;
  parser.on("opentag", (tag) => {
    value ??= tag.attributes[name] as string | undefined;
  });
  parser.write(markup).close();
  return value;
}

const FREEMARKER_TRIGGERS = ["${", "#{", "<#", "<@"];

describe("mml tagged template", () => {
  it("escapes interpolated text so it never becomes markup", () => {
    const hostile = `<b>bold</b> & "quotes" 'single' </p><script>`;
    const msg = mml`<messageML><p>${hostile}</p></messageML>`;
    expect(msg.markup).toBe(
      "<messageML><p>&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quotes&quot; &#39;single&#39; &lt;/p&gt;&lt;script&gt;</p></messageML>",
    );
    expect(textOf(msg.markup)).toBe(hostile);
  });

  it("inserts built fragments as markup", () => {
    const msg = mml`<messageML><p>Hi ${ml.mention({ uid: 42 })} ${mml`<b>${"x<y"}</b>`}</p></messageML>`;
    expect(msg.markup).toBe('<messageML><p>Hi <mention uid="42"/> <b>x&lt;y</b></p></messageML>');
  });

  it("renders numbers, arrays and skips null/undefined/false", () => {
    const items = ["a", "b<"];
    const msg = mml`<ul>${items.map((s) => mml`<li>${s}</li>`)}</ul>${null}${undefined}${false}${7}`;
    expect(msg.markup).toBe("<ul><li>a</li><li>b&lt;</li></ul>7");
  });

  it("neutralises FreeMarker triggers in user text", () => {
    const msg = mml`<p>${"${data.secret} #{x} <#if> <@m/>"}</p>`;
    for (const trigger of FREEMARKER_TRIGGERS) expect(msg.markup).not.toContain(trigger);
    expect(textOf(msg.markup)).toBe("${data.secret} #{x} <#if> <@m/>");
  });

  it("cannot form a trigger across an interpolation boundary", () => {
    expect(mml`<p>$${"{x}"}</p>`.markup).not.toContain("${");
    expect(mml`<p>${"#"}{x}</p>`.markup).not.toContain("#{");
    expect(mml`<p>${"$"}{x}</p>`.markup).not.toContain("${");
  });

  it("keeps carriage returns through an XML parser", () => {
    expect(textOf(mml`<p>${"a\r\nb\rc"}</p>`.markup)).toBe("a\r\nb\rc");
  });

  it("replaces characters XML cannot carry instead of producing an invalid message", () => {
    const built = mml`<p>${"a\u0001b\uD800c"}</p>`.markup;
    expect(textOf(built)).toBe("a\uFFFDb\uFFFDc");
  });

  it("property: any string interpolated as text reads back as that string (made representable)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (s) => {
        const built = mml`<messageML><p>${s}</p></messageML>`.markup;
        for (const trigger of FREEMARKER_TRIGGERS) expect(built).not.toContain(trigger);
        expect(textOf(built)).toBe(representableText(s));
      }),
      { numRuns: 500 },
    );
  });

  it("property: any string as an attribute value reads back unchanged", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (s) => {
        const built = ml.a({ href: s }, "x").markup;
        expect(attributeOf(built, "href")).toBe(representableText(s));
      }),
      { numRuns: 300 },
    );
  });

  it("escapeText is the identity on plain text", () => {
    expect(escapeText("Hello world 123 #tag costs $5 {ok}")).toBe("Hello world 123 #tag costs $5 {ok}");
  });

  it("trustedMarkup inserts markup verbatim", () => {
    expect(mml`<p>${trustedMarkup("<b>x</b>")}</p>`.markup).toBe("<p><b>x</b></p>");
    expect(String(trustedMarkup("<br/>"))).toBe("<br/>");
  });
});

describe("element builders", () => {
  it("text tags take optional attributes then children", () => {
    expect(ml.p("a", ml.b("b")).markup).toBe("<p>a<b>b</b></p>");
    expect(ml.span({ class: "tempo-text-color--green" }, "x").markup).toBe(
      '<span class="tempo-text-color--green">x</span>',
    );
    expect(ml.td({ colspan: 2 }, "c").markup).toBe('<td colspan="2">c</td>');
    expect(ml.code({ language: "java" }, "int x;").markup).toBe('<code language="java">int x;</code>');
    expect(ml.br().markup).toBe("<br/>");
    expect(ml.hr().markup).toBe("<hr/>");
    expect(ml.img({ src: "https://x/y.png" }).markup).toBe('<img src="https://x/y.png"/>');
    expect(ml.a({ href: "https://x?a=1&b=2" }, "l").markup).toBe('<a href="https://x?a=1&amp;b=2">l</a>');
    expect(ml.messageML(ml.p("x")).markup).toBe("<messageML><p>x</p></messageML>");
    expect(ml.entity("obj1", "fallback").markup).toBe(
      '<div class="entity" data-entity-id="obj1">fallback</div>',
    );
  });

  it("shorthand tags", () => {
    expect(ml.mention({ uid: 123 }).markup).toBe('<mention uid="123"/>');
    expect(ml.mention({ email: "a@b.c", strict: false }).markup).toBe(
      '<mention email="a@b.c" strict="false"/>',
    );
    expect(ml.hash("tag").markup).toBe('<hash tag="tag"/>');
    expect(ml.cash("TSLA").markup).toBe('<cash tag="TSLA"/>');
    expect(ml.emoji({ shortcode: "smiley" }).markup).toBe('<emoji shortcode="smiley"/>');
    expect(ml.financialTag({ fallbackTicker: "TSLA", isin: "US88160R1014" }).markup).toBe(
      '<tag fallback-ticker="TSLA" isin="US88160R1014"/>',
    );
    expect(ml.dateTime({ value: new Date(Date.UTC(2024, 11, 31, 9, 29, 47)), format: "date" }).markup).toBe(
      '<dateTime value="2024-12-31T09:29:47Z" format="date"/>',
    );
    expect(ml.chime().markup).toBe("<chime/>");
    expect(
      ml.card({ iconSrc: "i.png", accent: "tempo-bg-color--blue" }, { header: "H", body: "B" }).markup,
    ).toBe('<card iconSrc="i.png" accent="tempo-bg-color--blue"><header>H</header><body>B</body></card>');
    expect(ml.expandableCard({ state: "collapsed", header: "H", body: "B", variant: "error" }).markup).toBe(
      '<expandable-card state="collapsed"><header>H</header><body variant="error">B</body></expandable-card>',
    );
  });

  it("Elements with typed, dashed attributes", () => {
    expect(
      ml.form(
        { id: "f", multiSubmit: "reset" },
        ml.textField({ name: "t", pattern: "^a$", patternErrorMessage: "only a", value: "a<" }),
        ml.button({ name: "go" }, "Go"),
      ).markup,
    ).toBe(
      '<form id="f" multi-submit="reset"><text-field name="t" pattern="^a&#36;" pattern-error-message="only a">a&lt;</text-field><button name="go">Go</button></form>',
    );
    expect(
      ml.select({ name: "s", placeholder: "P" }, ml.option({ value: "1", selected: true }, "One")).markup,
    ).toBe('<select name="s" data-placeholder="P"><option value="1" selected="true">One</option></select>');
    expect(ml.personSelector({ name: "p", value: [1n, 2] }).markup).toBe(
      '<person-selector name="p" value="[1,2]"/>',
    );
    expect(ml.roomSelector({ name: "r", value: ["abc=="] }).markup).toBe(
      '<room-selector name="r" value="[&quot;abc==&quot;]"/>',
    );
    expect(ml.datePicker({ name: "d", disabledDate: [{ daysOfWeek: [0, 6] }] }).markup).toBe(
      '<date-picker name="d" disabled-date="[{&quot;daysOfWeek&quot;:[0,6]}]"/>',
    );
    expect(ml.timePicker({ name: "t", step: 600, strict: true }).markup).toBe(
      '<time-picker name="t" step="600" strict="true"/>',
    );
    expect(ml.timezonePicker({ name: "z", value: "Europe/Paris" }).markup).toBe(
      '<timezone-picker name="z" value="Europe/Paris"/>',
    );
    expect(ml.checkbox({ name: "c", value: "v", checked: true }, "Label").markup).toBe(
      '<checkbox name="c" value="v" checked="true">Label</checkbox>',
    );
    expect(ml.radio({ name: "r", value: "v" }, "Label").markup).toBe(
      '<radio name="r" value="v">Label</radio>',
    );
    expect(ml.textarea({ name: "ta", rows: 3 }).markup).toBe('<textarea name="ta" rows="3"/>');
    expect(ml.richtextarea({ name: "ta" }).markup).toBe('<richtextarea name="ta"></richtextarea>');
    expect(ml.uiAction({ action: "open-im", userIds: [1, 2] }, ml.button({}, "x")).markup).toBe(
      '<ui-action action="open-im" user-ids="[1,2]"><button>x</button></ui-action>',
    );
    expect(ml.dialog({ id: "d", width: "small" }, { title: "T", body: "B", footer: "F" }).markup).toBe(
      '<dialog id="d" width="small"><title>T</title><body>B</body><footer>F</footer></dialog>',
    );
  });

  it("rejects an attribute name that would be markup, and takes ordinary ones", () => {
    const hostile = ['x"><b>boom</b><i a="', "on click", "a=b", "", "1st", "x/>"];
    for (const name of hostile) expect(() => ml.element("span", { [name]: "v" })).toThrow(TypeError);
    expect(
      ml
        .element("span", { "data-entity-id": "m1", class: "tempo-text-color--red", "xmlns:x": "u" })
        .toString(),
    ).toBe('<span data-entity-id="m1" class="tempo-text-color--red" xmlns:x="u"/>');
  });

  it("writes only an attribute object's own keys", () => {
    const inherited = Object.create({ onclick: "steal()" }) as Record<string, string>;
    inherited.id = "a";
    expect(ml.element("span", inherited).toString()).toBe('<span id="a"/>');
  });

  it("rejects a tag name that would be markup", () => {
    expect(() => ml.element("p onclick", {})).toThrow(TypeError);
  });

  it("fragments are instances of MessageMLFragment", () => {
    expect(ml.p("x")).toBeInstanceOf(MessageMLFragment);
  });
});
