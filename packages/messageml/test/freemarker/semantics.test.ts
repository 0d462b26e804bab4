import { describe, expect, it } from "vitest";
import { TemplateError } from "../../src/freemarker/index.ts";
import {
  containsFreemarkerSyntax,
  expandFreemarker,
  MessageMLError,
  translateMessageML,
} from "../../src/index.ts";

const $ = "$"; // keeps `${…}` out of JavaScript template literals below
const expand = (template: string, data: Record<string, unknown> = {}) => expandFreemarker(template, data);

/** The agent's runtime error text, or the syntax-error prefix, for a failing template. */
function failure(template: string, data: Record<string, unknown> = {}): { message: string; reason: string } {
  try {
    expandFreemarker(template, data);
  } catch (error) {
    if (error instanceof TemplateError) return { message: error.message, reason: error.reason };
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(template)} to fail`);
}

describe("FreeMarker: trigger rule", () => {
  it("runs only on <#, <@, ${ or #{", () => {
    expect(containsFreemarkerSyntax("a ${b}")).toBe(true);
    expect(containsFreemarkerSyntax("a #{b}")).toBe(true);
    expect(containsFreemarkerSyntax("<#if x></#if>")).toBe(true);
    expect(containsFreemarkerSyntax("<@m/>")).toBe(true);
    expect(containsFreemarkerSyntax("$ {x} # {y} &#36;{z} </#if>")).toBe(false);
  });
});

describe("FreeMarker: values and formatting", () => {
  it("formats numbers with en_US grouping and up to 3 decimals (HALF_EVEN) unless ?c", () => {
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: five decimals on purpose, to see them rounded to three
    const data = { big: 12987981109743, pi: 3.14159, half: 0.0625, neg: -1234.5, small: 1e-7, huge: 1e21 };
    expect(expand(`${$}{data.big} ${$}{data.big?c} ${$}{data.pi} ${$}{data.half} ${$}{data.neg}`, data)).toBe(
      "12,987,981,109,743 12987981109743 3.142 0.062 -1,234.5",
    );
    expect(expand(`${$}{data.small} ${$}{data.small?c} ${$}{data.huge?c}`, data)).toBe(
      "0 0.0000001 1000000000000000000000",
    );
  });

  it("prints legacy #{} numbers without grouping, with mXMY fraction digits", () => {
    expect(
      expand("#{data.n} #{data.x; M2} #{data.y; m1} #{data.x; m1M2}", { n: 1234567, x: 2.582, y: 4 }),
    ).toBe("1234567 2.58 4.0 2.58");
  });

  it("refuses to print a boolean without ?c or ?string(a, b)", () => {
    expect(failure(`<p>${$}{data.on}</p>`, { on: true }).message).toBe(
      "Error parsing Freemarker template: invalid input at line 1, column 4",
    );
    expect(
      expand(`${$}{data.on?c} ${$}{data.on?string('yes','no')} ${$}{data.off?then('y','n')}`, {
        on: true,
        off: false,
      }),
    ).toBe("true yes n");
  });

  it("?then evaluates only the branch it picks, as FreeMarker does", () => {
    // The branch not taken would fail here (?c on a string, a missing value): it must not run.
    const template = `${$}{data.x?is_number?then(data.x?c, data.x)} ${$}{data.on?then('y', data.nope)}`;
    expect(expand(template, { x: "text", on: true })).toBe("text y");
    expect(expand(template, { x: 1234, on: true })).toBe("1234 y");
    expect(failure(`${$}{data.on?then(1, 2, 3)}`, { on: true }).reason).toBe(
      "?then(…) expects exactly 2 arguments.",
    );
    expect(failure(`${$}{data.x?then(1, 2)}`, { x: "yes" }).reason).toMatch(/Expected a boolean/);
  });

  it("refuses missing values unless ! or ?? handles them", () => {
    expect(failure(`\n  ${$}{data.a.b}`, { a: {} }).message).toBe(
      "Error parsing Freemarker template: invalid input at line 2, column 5",
    );
    expect(
      expand(`[${$}{data.a.b!}] [${$}{data.a.b!'d'}] [${$}{(data.x.y.z)!'deep'}] ${$}{data.a.b???c}`, {
        a: {},
      }),
    ).toBe("[] [d] [deep] false");
  });

  it("lets ! cover only the last step unless the chain is in parentheses", () => {
    expect(failure(`${$}{data.x.y!'d'}`).reason).toMatch(/data\.x/);
    expect(expand(`${$}{(data.x.y)!'d'}`)).toBe("d");
  });

  it("treats JSON null as missing", () => {
    expect(expand(`${$}{data.n!'none'} ${$}{data.n???c}`, { n: null })).toBe("none false");
  });

  it("counts tabs to the next multiple of 8 in error columns, like FreeMarker", () => {
    expect(failure(`\t${$}{nope}`).message).toBe(
      "Error parsing Freemarker template: invalid input at line 1, column 11",
    );
  });
});

describe("FreeMarker: .now reads the injected clock, never the system's", () => {
  const moment = new Date(Date.UTC(2001, 1, 3, 16, 5, 6));
  it("expandFreemarker's now", () => {
    expect(
      expandFreemarker('${.now} ${.now?string("yyyy-MM-dd HH:mm:ss")}', {}, undefined, () => moment),
    ).toBe("Feb 3, 2001, 4:05:06 PM 2001-02-03 16:05:06");
  });
  it("translateMessageML's now", () => {
    const { presentationML } = translateMessageML("<messageML>${.now?date?string.long}</messageML>", {
      now: () => moment,
    });
    expect(presentationML).toContain("February 3, 2001");
  });
});

describe("FreeMarker: operators", () => {
  const data = { s: "b", n: 3, t: true, f: false, list: [1, 2], map: { k: "v" } };

  it("compares, combines and does arithmetic", () => {
    const template =
      `${$}{(data.s == "b")?c} ${$}{(data.s != "b")?c} ${$}{(data.n = 3)?c} ${$}{(data.n > 2)?c}` +
      ` ${$}{(data.n gte 4)?c} ${$}{(data.t && !data.f)?c} ${$}{(data.f || data.t)?c}` +
      ` ${$}{data.n + 1} ${$}{data.n * 2 - 1} ${$}{data.n % 2} ${$}{"x" + data.n} ${$}{10 / 4}`;
    expect(expand(template, data)).toBe("true false true true false true true 4 5 1 x3 2.5");
  });

  it("reads members with . and [] and indexes sequences", () => {
    expect(expand(`${$}{data.map.k}${$}{data['map']["k"]}${$}{data.list[1]}${$}{data.s[0]}`, data)).toBe(
      "vv2b",
    );
  });

  it("refuses to compare a string with a number, or a string with >", () => {
    expect(failure(`${$}{(data.s == 1)?c}`, data).reason).toMatch(/compare/);
    expect(failure(`${$}{(data.s > "a")?c}`, data).reason).toMatch(/number/);
  });

  it("closes a directive at a bare > and compares inside parentheses or with gt", () => {
    expect(expand("<#if (data.n > 2)>a</#if><#if data.n gt 2>b</#if>", data)).toBe("ab");
  });

  it("requires booleans in conditions", () => {
    expect(failure("<#if data.s>x</#if>", data).message).toBe(
      "Error parsing Freemarker template: invalid input at line 1, column 6",
    );
  });
});

describe("FreeMarker: built-ins", () => {
  it("covers strings", () => {
    const t =
      `${$}{data.s?upper_case}|${$}{data.s?lower_case}|${$}{data.s?cap_first}|${$}{data.s?length}` +
      `|${$}{data.s?contains("ll")?c}|${$}{data.s?replace("l", "L")}|${$}{data.s?trim}|${$}{data.s?has_content?c}`;
    expect(expand(t, { s: "hello World" })).toBe(
      "HELLO WORLD|hello world|Hello World|11|true|heLLo WorLd|hello World|true",
    );
  });

  it("escapes with ?html outside auto-escaping", () => {
    expect(expand(`${$}{data.s?html}`, { s: `<a href="x">&'` })).toBe(
      "&lt;a href=&quot;x&quot;&gt;&amp;&#39;",
    );
  });

  it("covers sequences and hashes", () => {
    const data = { xs: ["a", "b", "c"], none: [], h: { x: 1, y: 2 }, empty: {} };
    const t =
      `${$}{data.xs?size} ${$}{data.xs?join("-")} ${$}{data.xs?first}${$}{data.xs?last} ${$}{data.none?has_content?c}` +
      ` ${$}{data.h?size} ${$}{data.h?keys?join(",")} ${$}{data.empty?has_content?c} ${$}{data.missing?has_content?c}` +
      ` ${$}{data.xs?seq_contains("b")?c} ${$}{data.xs?reverse?join("")}`;
    expect(expand(t, data)).toBe("3 a-b-c ac false 2 x,y false false true cba");
  });

  it("covers loop-variable built-ins", () => {
    const t =
      "<#list data.xs as x>${x?index}${x?counter}${x?is_first?c[0]}${x?is_last?c[0]}${x?has_next?c[0]}${x?item_parity} </#list>";
    expect(expand(t.replaceAll("${", `${$}{`), { xs: ["a", "b"] })).toBe("01tftodd 12ftfeven ");
  });

  it("blocks ?new", () => {
    expect(failure(`<#assign x = "java.lang.Object"?new()>`).reason).toMatch(/new/);
  });

  it("rejects an unknown built-in as a syntax error at its name", () => {
    expect(failure(`ab${$}{data.s?frobnicate}`, { s: "x" }).message).toBe(
      'Error parsing EntityJSON: Syntax error in template "messageML" in line 1, column 12:\nUnknown built-in: "frobnicate".',
    );
  });
});

describe("FreeMarker: directives", () => {
  it("runs #if / #elseif / #else", () => {
    const t = "<#if data.n == 1>one<#elseif data.n == 2>two<#else>many</#if>";
    expect([1, 2, 3].map((n) => expand(t, { n }))).toEqual(["one", "two", "many"]);
  });

  it("runs #list with #else, #sep, #break and #continue", () => {
    const data = { xs: ["a", "b", "c", "d"], none: [] };
    expect(expand(`<#list data.xs as x>${$}{x}<#sep>, </#list>`, data)).toBe("a, b, c, d");
    expect(expand(`<#list data.none as x>${$}{x}<#else>empty</#list>`, data)).toBe("empty");
    expect(expand(`<#list data.xs as x><#if x == "c"><#break></#if>${$}{x}</#list>`, data)).toBe("ab");
    expect(expand(`<#list data.xs as x><#if x == "b"><#continue></#if>${$}{x}</#list>`, data)).toBe("acd");
  });

  it("runs #list with #items, printing the wrapper only when there are items", () => {
    const t = `<#list data.xs><ul><#items as x><li>${$}{x}</li></#items></ul><#else>none</#list>`;
    expect(expand(t, { xs: ["a", "b"] })).toBe("<ul><li>a</li><li>b</li></ul>");
    expect(expand(t, { xs: [] })).toBe("none");
  });

  it("lists hashes as key, value pairs and ranges", () => {
    expect(expand(`<#list data.h as k, v>${$}{k}=${$}{v} </#list>`, { h: { a: 1, b: "x" } })).toBe(
      "a=1 b=x ",
    );
    expect(
      expand(
        `<#list 1..3 as i>${$}{i}</#list>|<#list 0..<3 as i>${$}{i}</#list>|<#list 2..0 as i>${$}{i}</#list>`,
      ),
    ).toBe("123|012|210");
  });

  it("runs #assign, #global, #local and captures", () => {
    const t =
      `<#assign a = 1 b = "x"><#assign a += 2><#assign a++><#global g = "G">` +
      `<#macro m><#local l = "L">${$}{l}${$}{a}</#macro><@m/>${$}{a}${$}{b}${$}{g}` +
      `<#assign cap>hi ${$}{b}</#assign>${$}{cap?upper_case}`;
    expect(expand(t)).toBe("L44xGHI X");
  });

  it("runs macros with defaults, positional and named arguments, #nested and #return", () => {
    const t =
      `<#macro tag name label="none"><${$}{name}>${$}{label}<#nested><#if name == "b"><#return></#if>!</${$}{name}></#macro>` +
      `<@tag name="i"/> <@tag "u" "x"/> <@tag name="b" label="y">n</@tag>`;
    expect(expand(t)).toBe("<i>none!</i> <u>x!</u> <b>yn");
  });

  it("calls a macro defined later in the template", () => {
    expect(expand("<@later/><#macro later>L</#macro>")).toBe("L");
  });

  it("gives #nested the caller's variables", () => {
    const t = `<#macro twice><#nested><#nested></#macro><#list ["a"] as x><@twice>${$}{x}</@twice></#list>`;
    expect(expand(t)).toBe("aa");
  });

  it("runs #switch with fall-through until #break", () => {
    const t = '<#switch data.s><#case "a">A<#case "b">B<#break><#default>D</#switch>';
    expect(["a", "b", "z"].map((s) => expand(t, { s }))).toEqual(["AB", "B", "D"]);
  });

  it("drops comments and keeps #noparse text as written", () => {
    expect(expand(`a<#-- ${$}{nothing} -->b<#noparse>${$}{raw}<#if></#noparse>`)).toBe(`ab${$}{raw}<#if>`);
  });

  it("strips white space on lines holding only FTL tags", () => {
    const t = "<ul>\n  <#list data.xs as x>\n  <li>${x}</li>\n  </#list>\n</ul>\n".replaceAll("${", `${$}{`);
    // The first top-level text block ("<ul>\n  ") is never stripped: FreeMarker 2.3.31 does the same.
    expect(expand(t, { xs: ["a", "b"] })).toBe("<ul>\n    <li>a</li>\n  <li>b</li>\n</ul>\n");
  });

  it("interpolates inside string literals", () => {
    expect(expand(`<#assign who = "W${$}{data.n}">${$}{who}`, { n: 7 })).toBe("W7");
  });
});

describe("FreeMarker: output format", () => {
  it('escapes only under <#ftl output_format="HTML">', () => {
    const data = { s: `<b>"Tom" & 'Jerry'</b>` };
    expect(expand(`${$}{data.s}`, data)).toBe(data.s);
    expect(expand(`<#ftl output_format="HTML">\n${$}{data.s}`, data)).toBe(
      "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;",
    );
  });

  it("lets ?no_esc and captured markup through, and refuses ?html under auto-escaping", () => {
    const data = { s: "<i>x</i>" };
    expect(expand(`<#ftl output_format="HTML">${$}{data.s?no_esc}`, data)).toBe("<i>x</i>");
    expect(expand(`<#ftl output_format="HTML"><#assign m><b>${$}{data.s}</b></#assign>${$}{m}`, data)).toBe(
      "<b>&lt;i&gt;x&lt;/i&gt;</b>",
    );
    expect(failure(`<#ftl output_format="HTML">${$}{data.s?html}`, data).reason).toMatch(/auto-escaping/);
  });

  it("allows #noautoesc inside an escaping template", () => {
    expect(expand(`<#ftl output_format="HTML"><#noautoesc>${$}{data.s}</#noautoesc>`, { s: "<i>" })).toBe(
      "<i>",
    );
  });

  it("refuses #ftl after the start and unknown output formats", () => {
    expect(failure(`x<#ftl output_format="HTML">`).message).toMatch(
      /^Error parsing EntityJSON: Syntax error/,
    );
    expect(failure(`<#ftl output_format="JSONish">`).message).toMatch(
      /^Error parsing EntityJSON: Syntax error/,
    );
  });
});

describe("FreeMarker: syntax errors", () => {
  const cases: [string, number, number][] = [
    // An unclosed directive is reported at the template's last character, as FreeMarker does.
    ["<#if true>open", 1, 14],
    ["<#--x-->a\n</#if>", 2, 1],
    // An unclosed string literal: FreeMarker's lexer fails just after the last character.
    [`${$}{"unclosed}`, 1, 13],
    [`${$}{"unclosed}\n`, 2, 0],
    ["<#list data.xs>x</#if>", 1, 17],
    [`${$}{1 +}`, 1, 6],
  ];
  for (const [template, line, column] of cases) {
    it(`reports ${JSON.stringify(template)} at line ${line}, column ${column}`, () => {
      const { message } = failure(template, { xs: [] });
      expect(
        message.startsWith(
          `Error parsing EntityJSON: Syntax error in template "messageML" in line ${line}, column ${column}:`,
        ),
      ).toBe(true);
    });
  }

  it("throws only MessageMLError with code TEMPLATE_ERROR", () => {
    for (const t of ["<#if>", "${", "<@", "<#macro>", "<#list as>", "#{x;zz}", "<#assign>", "${a?}"]) {
      try {
        expandFreemarker(t, {});
      } catch (error) {
        expect(error).toBeInstanceOf(MessageMLError);
        expect((error as MessageMLError).code).toBe("TEMPLATE_ERROR");
      }
    }
  });
});

describe("FreeMarker: number formatting edges", () => {
  it("groups integers of every length and sign", () => {
    const values = [0, -0, 7, 100, 1000, -1000, 999999, 1000000, -123456789, 9007199254740991];
    const out = values.map((n) => expandFreemarker("${data.n}", { n }));
    expect(out).toEqual([
      "0",
      "0",
      "7",
      "100",
      "1,000",
      "-1,000",
      "999,999",
      "1,000,000",
      "-123,456,789",
      "9,007,199,254,740,991",
    ]);
  });

  it("rounds half to even on the double's exact value, like Java's DecimalFormat", () => {
    // 0.0625 and 0.125 are exact binary ties; 0.0025 is really 0.00250000000000000005…
    const out = [0.0625, 0.125, 0.0025, 1.2345, 2.5, -0.0004, 1234.5678].map((n) =>
      expandFreemarker("${data.n}", { n }),
    );
    expect(out).toEqual(["0.062", "0.125", "0.003", "1.234", "2.5", "-0", "1,234.568"]);
  });
});

describe("FreeMarker: less common directives", () => {
  it("accepts the white-space hints #t, #lt, #rt, #nt and #flush", () => {
    expect(expand("a<#t>b<#lt><#rt><#nt><#flush>c")).toBe("abc");
  });

  it("fails the template at #stop", () => {
    expect(failure(`x\n  <#stop "no">`).message).toBe(
      "Error parsing Freemarker template: invalid input at line 2, column 3",
    );
  });

  it("compresses white space inside #compress", () => {
    expect(expand("<#compress>\n  a   b \n\n\t c\n</#compress>")).toBe("a b\nc");
  });

  it("drops a failed #attempt's output and runs #recover", () => {
    expect(expand(`<#attempt>partial ${$}{data.missing}<#recover>fallback</#attempt>`)).toBe("fallback");
    expect(expand(`<#attempt>ok ${$}{data.s}<#recover>fallback</#attempt>`, { s: "!" })).toBe("ok !");
  });

  it("keeps all white space with strip_whitespace=false", () => {
    expect(expand("<#ftl strip_whitespace=false>\n<#if true>\nx\n</#if>\n")).toBe("\nx\n\n");
    expect(expand("<#ftl>\n<#if true>\nx\n</#if>\n")).toBe("x\n");
  });

  it("refuses ?no_esc without a markup output format", () => {
    expect(failure(`${$}{data.s?no_esc}`, { s: "<b>" }).reason).toMatch(/isn't a markup format/);
  });
});

describe("FreeMarker: slicing", () => {
  it("slices sequences and strings with ranges", () => {
    const data = { xs: ["a", "b", "c", "d"], s: "hello" };
    expect(
      expand(
        `${$}{data.xs[1..2]?join("")} ${$}{data.xs[2..]?join("")} ${$}{data.s[0..<4]} ${$}{data.s[1..1]}`,
        data,
      ),
    ).toBe("bc cd hell e");
    expect(failure(`${$}{data.xs[2..9]?join("")}`, data).reason).toMatch(/out of bounds/);
  });
});
