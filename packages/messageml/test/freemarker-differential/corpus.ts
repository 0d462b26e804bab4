import { readFileSync } from "node:fs";
import fc from "fast-check";
import type { TemplateCase } from "./real-freemarker.ts";

/** The data model every hand-written template sees as `data` and `entity`. */
export const DATA: Record<string, unknown> = {
  s: "Hello World",
  e: "",
  sp: "  padded  ",
  n: 42,
  neg: -7,
  zero: 0,
  // biome-ignore lint/suspicious/noApproximativeNumericConstant: five decimals on purpose, to see them rounded
  d: 3.14159,
  half: 0.0025,
  q: 0.125,
  big: 12987981109743,
  tiny: 1e-7,
  huge: 1e21,
  ratio: 0.30000000000000004,
  t: true,
  f: false,
  nul: null,
  list: [3, 1, 2],
  names: ["bob", "alice", "Carol"],
  empty: [],
  mixed: [1, "a", true],
  nested: { a: { b: { c: "deep" } } },
  map: { x: 1, y: 2, z: 3 },
  emptyMap: {},
  rows: [
    { name: "pear", price: 2.5, qty: 3, done: true },
    { name: "apple", price: 1.25, qty: 10, done: false },
    { name: "fig", price: 10, qty: 1, done: true },
  ],
  html: `<b class="x">Tom & Jerry's</b>`,
  url: "a b&c=d/é",
  numstr: "12.5",
  boolstr: "true",
  csv: "a,b,,c",
  text: "line1\nline2",
};

function read(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), "utf8");
}

/** Hand-written: one template a line, and templates of several lines between `~~~~` lines. */
function handWritten(): TemplateCase[] {
  const oneLiners = ["one-liners.ftl", "directives.ftl"]
    .flatMap((file) => read(file).split("\n"))
    .filter((line) => line !== "" && !line.startsWith("## "));
  const multiLine = read("multi-line.ftl").split("\n~~~~\n");
  return [...oneLiners, ...multiLine].map((template) => ({ template, data: DATA }));
}

const SEED = 20261207;
const sample = <T>(arb: fc.Arbitrary<T>, numRuns: number): T[] => fc.sample(arb, { seed: SEED, numRuns });

/** Decimal numbers as a template literal writes them (up to 8 integer and 7 fraction digits). */
const decimalText = fc
  .tuple(
    fc.boolean(),
    fc.stringMatching(/^(0|[1-9][0-9]{0,7})$/),
    fc.option(fc.stringMatching(/^[0-9]{1,7}$/), { nil: undefined }),
  )
  .map(([negative, whole, fraction]) => `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`);

const NUMBER_FORMATS = [
  "${x}",
  "${x?c}",
  "#{x}",
  "#{x; m2}",
  '${x?string("0.00")}',
  '${x?string("#,##0")}',
  '${x?string("#,##0.##")}',
  "${x?round} ${x?floor} ${x?ceiling} ${x?int}",
  "${x?abs?c}",
];

/** Numbers from the data (Java Integer, Long or Double) and from literals (BigDecimal), formatted. */
function numbers(): TemplateCase[] {
  return sample(fc.tuple(decimalText, fc.constantFrom(...NUMBER_FORMATS), fc.boolean()), 120).map(
    ([text, format, literal]) => ({
      template: format.replaceAll("x", literal ? `(${text})` : "data.x"),
      data: { x: Number(text) },
    }),
  );
}

/** Arithmetic and comparison on literals and data numbers, in BigDecimal as FreeMarker computes. */
function arithmetic(): TemplateCase[] {
  const operator = fc.constantFrom("+", "-", "*", "/", "%", "<", "<=", "==", "!=");
  return sample(fc.tuple(decimalText, operator, decimalText, fc.boolean(), fc.boolean()), 120).map(
    ([a, op, b, aLiteral, bLiteral]) => {
      const left = aLiteral ? `(${a})` : "data.a";
      const right = bLiteral ? `(${b})` : "data.b";
      const printed = ["<", "<=", "==", "!="].includes(op) ? "?c" : "";
      const template = `${"${"}(${left} ${op} ${right})${printed}} ${"${"}(${left} ${op} ${right})${printed === "" ? "?c" : ""}}`;
      return { template, data: { a: Number(a), b: Number(b) } };
    },
  );
}

const STRING_BUILTINS = [
  "upper_case",
  "lower_case",
  "cap_first",
  "uncap_first",
  "capitalize",
  "trim",
  "length",
  "html",
  "xml",
  "js_string",
  "json_string",
  'url("UTF-8")',
  'contains("a")',
  'starts_with("a")',
  'ends_with(" ")',
  'index_of("b")',
  'replace("a", "[x]")',
  'split(" ")?join("|")',
  "substring(1)",
  'left_pad(12, ".")',
  'right_pad(12, ".")',
  "word_list?size",
  'keep_after("a")',
  'matches("[a-z ]+")?c',
  "has_content?c",
];

/** String built-ins on strings with spaces, markup characters, accents and line breaks. */
function strings(): TemplateCase[] {
  const text = fc.stringMatching(/^[ aAbBz<>&"'é\n\t0-9]{0,12}$/);
  return sample(fc.tuple(text, fc.constantFrom(...STRING_BUILTINS)), 110).map(([value, builtin]) => ({
    template: `[${"${"}data.v?${builtin}}]`,
    data: { v: value },
  }));
}

/** Lines of text, interpolations, comments and nested blocks: FreeMarker's white-space stripping. */
function whitespace(): TemplateCase[] {
  const indent = fc.constantFrom("", "  ", "\t", " \t ");
  const trail = fc.constantFrom("", " ", "  \t");
  const leaf = fc.constantFrom(
    "text",
    "${data.s}",
    "<#-- note -->",
    '<#assign v = "a">',
    "<#t>x",
    "x<#rt>",
    "<#lt>x",
    "a <#if data.t>b</#if>",
    "<#if data.f>no</#if>",
  );
  const { block } = fc.letrec<{ block: string[]; line: string[] }>((tie) => ({
    block: fc.array(tie("line"), { minLength: 1, maxLength: 4 }).map((lines) => lines.flat()),
    line: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.tuple(indent, leaf, trail).map(([i, l, t]) => [`${i}${l}${t}`]),
      fc
        .tuple(
          indent,
          fc.constantFrom("<#if data.t>", "<#list data.names as n>", "<#if data.f>"),
          tie("block"),
          trail,
        )
        .map(([i, open, inner, t]) => {
          const close = open.startsWith("<#if") ? "</#if>" : "</#list>";
          return [`${i}${open}${t}`, ...inner, `${i}${close}${t}`];
        }),
    ),
  }));
  return sample(block, 90).map((lines) => ({ template: `${lines.join("\n")}\n`, data: DATA }));
}

/** Sequence built-ins on lists of numbers or strings. */
function sequences(): TemplateCase[] {
  const list = fc.oneof(
    fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 6 }),
    fc.array(fc.stringMatching(/^[a-cA-C]{0,3}$/), { maxLength: 6 }),
  );
  const builtin = fc.constantFrom(
    "size",
    'join(",")',
    'reverse?join(",")',
    'sort?join(",")',
    "first",
    "last",
    "chunk(2)?size",
    "seq_contains(1)?c",
    'seq_contains("a")?c',
    "seq_index_of(1)",
    "has_content?c",
  );
  return sample(fc.tuple(list, builtin), 60).map(([items, b]) => ({
    template: `${"${"}data.l?${b}}`,
    data: { l: items },
  }));
}

/** Hand-written templates first, then generated ones (same seed every run, so failures reproduce). */
export function corpus(): TemplateCase[] {
  return [...handWritten(), ...numbers(), ...arithmetic(), ...strings(), ...whitespace(), ...sequences()];
}
