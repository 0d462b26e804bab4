import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TemplateError } from "../../src/freemarker/index.ts";
import { expandFreemarker } from "../../src/index.ts";

const $ = "$";

/** A template either expands or fails with a TemplateError; anything else is a bug. */
function outcome(template: string, data: Record<string, unknown> = {}): string {
  try {
    return `ok:${expandFreemarker(template, data)}`;
  } catch (error) {
    // An engine bug is reported as a TemplateError too (the contract); here it must fail the test.
    if (error instanceof TemplateError && !error.reason.startsWith("Internal"))
      return `error:${error.reason}`;
    throw error;
  }
}

const FTL_PIECES = [
  "<#if ",
  "<#if true>",
  "<#elseif false>",
  "<#else>",
  "</#if>",
  "<#list data.xs as x>",
  "<#list 1..3 as i>",
  "</#list>",
  "<#items as y>",
  "</#items>",
  "<#sep>",
  "<#break>",
  "<#assign a = 1>",
  "<#assign c>",
  "</#assign>",
  "<#macro m p=1>",
  "</#macro>",
  "<@m/>",
  "<@m p=2>",
  "</@m>",
  "<#nested>",
  "<#-- ",
  " -->",
  "${",
  "}",
  "#{",
  "${data.xs?size}",
  "${x?index}",
  "${(data.a.b)!'d'}",
  "${data.s?upper_case}",
  '<#ftl output_format="HTML">',
  "<#switch 1><#case 1>",
  "</#switch>",
  "<#noparse>",
  "<#attempt>",
  "<#recover>",
  "</#attempt>",
  "<#compress>",
  "</#compress>",
  "<#stop>",
  "<#t>",
  "</#noparse>",
  '"',
  "'",
  "(",
  ")",
  "[",
  "]",
  ">",
  "<",
  "!",
  "??",
  "?",
  "..",
  "=",
  "+",
  "\n",
  "\t",
];

const ftlish = fc
  .array(fc.oneof(fc.constantFrom(...FTL_PIECES), fc.string({ maxLength: 5 })), { maxLength: 40 })
  .map((parts) => parts.join(""));

describe("FreeMarker: hostile templates", () => {
  it("expands or fails with a TemplateError for any string (fast-check)", () => {
    const data = { xs: ["a", "b"], s: "s", a: { b: 1 } };
    fc.assert(
      fc.property(fc.oneof(fc.string(), ftlish), (template) => {
        expect(outcome(template, data)).toMatch(/^(ok|error):/);
      }),
      { numRuns: 3000 },
    );
  });

  it("stops runaway loops at the step budget", () => {
    const t = "<#list 1.. as i>x</#list>";
    expect(outcome(t)).toMatch(/steps/);
    const nested = "<#list 1..1000 as a><#list 1..1000 as b><#list 1..1000 as c></#list></#list></#list>";
    expect(outcome(nested)).toMatch(/steps/);
  });

  it("stops runaway output at the output budget", () => {
    const t = `<#assign s = "${"x".repeat(100)}"><#list 1..100000 as i>${$}{s}</#list>`;
    expect(outcome(t)).toMatch(/output/);
    expect(outcome(t.replace("1..100000", "1..10"))).toMatch(/^ok:x{1000}$/);
  });

  it("stops values that double in a loop before they fill memory", () => {
    expect(outcome(`<#assign s = "ab"><#list 1..40 as i><#assign s = s + s></#list>${$}{s?length}`)).toMatch(
      /Strings/,
    );
    expect(outcome("<#assign l = [1]><#list 1..40 as i><#assign l = l + l></#list>")).toMatch(/Sequences/);
    expect(
      outcome(`<#assign s = "abcdefghij"><#list 1..40 as i><#assign s = s?replace("a", s)></#list>`),
    ).toMatch(/Strings/);
    expect(outcome(`${$}{(1..5000000)?join(",")}`)).toMatch(/Sequences/);
  });

  it("stops unbounded macro recursion", () => {
    expect(outcome("<#macro m><@m/></#macro><@m/>")).toMatch(/nested more than/);
    expect(outcome("<#macro m><@m><#nested></@m></#macro><@m>x</@m>")).toMatch(/nested more than/);
  });

  it("refuses deep nesting as a syntax error instead of exhausting the stack", () => {
    expect(outcome(`${"<#if true>".repeat(5000)}x${"</#if>".repeat(5000)}`)).toMatch(/nested too deeply/);
    expect(outcome(`${$}{${"(".repeat(5000)}1${")".repeat(5000)}}`)).toMatch(/nested too deeply/);
    expect(outcome(`${$}{${"!".repeat(5000)}true}`)).toMatch(/nested too deeply/);
  });

  it("fails long operator chains cleanly", () => {
    expect(outcome(`${$}{1${"+1".repeat(200_000)}}`)).toMatch(/^(ok|error):/);
    expect(outcome(`${$}{data${".a".repeat(200_000)}}`, { a: {} })).toMatch(/^error:/);
  });

  it("expands a 2 MB template", () => {
    const unit = `<p>${$}{data.s} <#if data.on>on</#if></p>\n`;
    const template = unit.repeat(Math.ceil(2_000_000 / unit.length));
    const out = expandFreemarker(template, { s: "v", on: true });
    expect(out.length).toBe(Math.ceil(2_000_000 / unit.length) * "<p>v on</p>\n".length);
  });

  it("keeps control characters in text as they are (the translator rejects them later)", () => {
    expect(expandFreemarker(`a\u0001${$}{data.s}\u0000`, { s: "\u0002" })).toBe("a\u0001\u0002\u0000");
  });
});

describe("FreeMarker: budgets and #attempt", () => {
  it("does not let #attempt swallow an exceeded budget", () => {
    const t = "<#list 1..3 as i><#attempt><#list 1.. as j></#list><#recover>r</#attempt></#list>";
    expect(outcome(t)).toMatch(/steps/);
  });
});

describe("FreeMarker: generated well-formed templates", () => {
  // Expressions and directives built from a small grammar, so the renderer (not just the parser)
  // meets every kind of value: it must expand or fail with a TemplateError, never crash.
  const atoms = fc.constantFrom(
    "data.s",
    "data.n",
    "data.b",
    "data.xs",
    "data.h",
    "data.missing",
    "x",
    "1",
    "2.5",
    '"t"',
    "true",
    "[1, 2]",
    '{"k": 1}',
    "1..3",
  );
  const { expr } = fc.letrec((tie) => ({
    expr: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      atoms,
      fc
        .tuple(
          tie("expr"),
          fc.constantFrom("+", "-", "*", "/", "%", "==", "!=", "&&", "||", "gt", "lt"),
          tie("expr"),
        )
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc
        .tuple(
          tie("expr"),
          fc.constantFrom(
            "c",
            "size",
            "has_content",
            "upper_case",
            "string",
            "join(',')",
            "first",
            "keys",
            "then(1, 2)",
            "index",
          ),
        )
        .map(([a, bi]) => `${a}?${bi}`),
      fc.tuple(tie("expr"), tie("expr")).map(([a, b]) => `${a}!${b}`),
      tie("expr").map((a) => `(${a})??`),
      fc.tuple(tie("expr"), tie("expr")).map(([a, b]) => `${a}[${b}]`),
      tie("expr").map((a) => `!${a}`),
    ),
  })) as { expr: fc.Arbitrary<string> };
  const { body } = fc.letrec((tie) => ({
    body: fc.oneof(
      { depthSize: "small" },
      fc.constant("text "),
      expr.map((e) => `${$}{${e}}`),
      fc.tuple(expr, tie("body"), tie("body")).map(([c, a, b]) => `<#if ${c}>${a}<#else>${b}</#if>`),
      fc.tuple(expr, tie("body")).map(([s, a]) => `<#list ${s} as x>${a}<#sep>,</#list>`),
      expr.map((e) => `<#assign x = ${e}>`),
      fc.tuple(tie("body"), tie("body")).map(([a, b]) => `<#attempt>${a}<#recover>${b}</#attempt>`),
      fc.tuple(tie("body"), tie("body")).map(([a, b]) => a + b),
    ),
  })) as { body: fc.Arbitrary<string> };

  it("expands or fails cleanly", () => {
    const data = { s: "str", n: 42, b: true, xs: ["a", "b"], h: { k: "v" }, missing: null };
    let expanded = 0;
    fc.assert(
      fc.property(body, (template) => {
        const result = outcome(template, data);
        expect(result).toMatch(/^(ok|error):/);
        if (result.startsWith("ok:")) expanded++;
      }),
      { numRuns: 1500 },
    );
    expect(expanded).toBeGreaterThan(100);
  });
});
