/**
 * Elements `pattern` attributes are Java regexes. Differential test against the real
 * `java.util.regex.Pattern` (`java/RegexOracle.java`, run as a single-file source program): for
 * each pattern of the corpus, the same accept / refuse, and for each sample value the same
 * whole-value match. Without Java the comparison is skipped with a message; under CI=true it fails.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compileJavaRegex, translateMessageML } from "../../src/index.ts";

/** Pattern → sample values (each matched whole, as Java's `matches()`). */
const CORPUS: ReadonlyArray<readonly [string, readonly string[]]> = [
  // Issue 14: valid on a pod, refused by sprig before.
  ["(?i)^[a-z]+$", ["ABC", "abc", "aBc", "a1", ""]],
  ["a++", ["a", "aa", ""]],
  ["a++a", ["aaa"]],
  ["(?>a+)a", ["aaa", "a"]],
  ["(?>ab|a)c", ["abc", "ac"]],
  ["a*+b", ["aab", "b", "a"]],
  ["a?+a", ["a", "aa"]],
  ["a{1,3}+a", ["aaa", "aaaa"]],
  ["[a-z]{2,}+[a-z]", ["abc"]],
  // Issue 14: refused by Java, accepted before.
  ["[]", []],
  ["a{,3}", []],
  ["[^]", []],
  ["{", []],
  ["x{a}", []],
  ["a{2,1}", []],
  ["a{", []],
  ["a{1", []],
  // Ordinary patterns of forms.
  ["[0-9]{3}-[0-9]{4}", ["555-1234", "5551234", "555-12345"]],
  ["\\d+", ["123", "12a", "", "٣"]],
  ["\\w+@\\w+\\.com", ["ann@example.com", "ann@ex-ample.com"]],
  ["[A-Z][a-z]*", ["Ann", "ann", "A"]],
  ["^\\S+$", ["abc", "a b", ""]],
  ["\\s*", [" \t\n", "\u000b", "\u00a0", ""]],
  ["[A-Z]{3}", ["EUR", "eur", "EURO"]],
  ["(EUR|USD|GBP)", ["EUR", "JPY", "EURUSD"]],
  ["[^<>]*", ["plain", "<b>"]],
  ["\\p{Upper}\\p{Lower}+", ["Hello", "hello", "Éa"]],
  ["\\p{Alpha}+", ["abc", "é"]],
  ["\\p{L}+", ["abcé", "a1"]],
  ["\\p{Lu}\\p{Ll}*", ["Émile", "émile"]],
  ["\\p{IsLatin}+", ["abc", "αβγ"]],
  ["\\p{IsGreek}+", ["αβγ", "abc"]],
  ["\\p{javaLowerCase}+", ["abc", "aBc", "é"]],
  ["\\p{Punct}", ["!", "a", "¡"]],
  ["\\P{Digit}+", ["abc", "a1"]],
  ["\\p{IsAlphabetic}+", ["abcé", "a1"]],
  ["\\p{sc=Latin}+", ["abc"]],
  ["\\p{Foo}", []],
  ["\\p{IsFoo}", []],
  // Inline flags, scoped and not.
  ["(?i)abc", ["ABC", "aBc", "abd"]],
  ["(?i)é", ["É", "é"]],
  ["(?iu)é", ["É", "é"]],
  ["(?i:a)b", ["ab", "Ab", "aB"]],
  ["a(?i)b", ["aB", "AB"]],
  ["(?i)a(?-i)b", ["Ab", "AB"]],
  ["((?i)a)b", ["Ab", "AB"]],
  ["(?i)[a-c]+", ["ABC", "abc", "abd"]],
  ["(?i)[^a]", ["A", "b"]],
  ["(?i)\\p{Lower}", ["A", "a", "1"]],
  ["(?s).", ["\n", "a"]],
  [".", ["\n", "\r", "\u0085", "\u2028", "a"]],
  ["(?d).", ["\r", "\n"]],
  ["(?m)^a$", ["a"]],
  ["(?x) a b # comment", ["ab", "a b"]],
  ["(?x)[a b]+", ["ab", "a b"]],
  ["(?U)\\w+", ["é", "abc"]],
  ["\\w+", ["é", "abc_1"]],
  ["(?q)", []],
  ["(?", []],
  ["(?c)a", []],
  // Anchors and boundaries.
  ["a$", ["a", "a\n"]],
  ["^a", ["a"]],
  ["\\Aa\\z", ["a"]],
  ["a\\Z", ["a", "a\n"]],
  ["\\bfoo\\b", ["foo"]],
  ["a\\Bb", ["ab"]],
  // Escapes.
  ["\\x41", ["A"]],
  ["\\x{1F600}", ["😀"]],
  ["\\x{110000}", []],
  ["\\x4", []],
  ["\\u00e9", ["é", "e"]],
  ["\\u00e", []],
  ["\\uD83D\\uDE00", ["😀"]],
  ["\\0101", ["A"]],
  ["\\08", []],
  ["\\cA", ["\u0001"]],
  ["\\t\\n", ["\t\n"]],
  ["\\e", ["\u001b"]],
  ["\\y", []],
  ["\\i", []],
  ["a\\", []],
  ["\\.", [".", "a"]],
  ["\\-\\_\\<", ["-_<"]],
  ["\\h+", [" \t", "\u00a0", "\n"]],
  ["\\v", ["\n", "\u000b", " "]],
  ["\\R", ["\r\n", "\n", "\r", "a"]],
  ["\\Qa.b\\E", ["a.b", "axb"]],
  ["\\Qa.b", ["a.b"]],
  ["\\Qab\\E+", ["abbb", "abab"]],
  ["\\Q\\E", [""]],
  ["\\Q(\\E", ["("]],
  ["\\N{LATIN SMALL LETTER A}", []],
  // Character classes.
  ["[abc]+", ["abc", "abd"]],
  ["[]a]+", ["a]", "b"]],
  ["[^]a]", ["b", "]"]],
  ["[a-]+", ["a-", "b"]],
  ["[-a]", ["-"]],
  ["[z-a]", []],
  ["[a-\\d]", []],
  ["[a", []],
  ["[\\b]", []],
  ["[a-z&&[^aeiou]]+", ["bcd", "bad"]],
  ["[[a]&&[b]]", ["a"]],
  ["[a&&]", ["a"]],
  ["[&&a]", ["a", "&"]],
  ["[a[b]c]", ["b", "d"]],
  ["[a-c[x-z]]+", ["abxz", "m"]],
  ["[\\d\\s]+", ["1 2", "a"]],
  ["[^\\d]", ["a", "1"]],
  ["[\\p{L}&&[^a]]", ["b", "a"]],
  ["[\\Q]\\E]", ["]"]],
  ["[\\x41-\\x43]+", ["ABC", "D"]],
  ["[.]", [".", "a"]],
  ["[|]", ["|"]],
  ["[\\w-]+", ["a-b", "a b"]],
  // Groups and backreferences.
  ["(a)\\1", ["aa", "ab"]],
  ["(a)(b)\\2", ["abb"]],
  ["\\1", [""]],
  ["\\2(a)", ["a"]],
  ["(a)\\2", ["a"]],
  ["(a)\\10", ["aa0", "a0"]],
  ["(?<word>ab)\\k<word>", ["abab", "ab"]],
  ["(?<a1>x)\\k<a1>", ["xx"]],
  ["(?<1a>x)", []],
  ["(?<a>x)(?<a>y)", []],
  ["\\k<b>", []],
  ["(?<a>x", []],
  ["(a", []],
  ["a)", []],
  ["()", [""]],
  ["(?:ab)+", ["abab", "aba"]],
  ["(?=a)a", ["a"]],
  ["(?!b)a", ["a"]],
  ["(?<=a)b", []],
  ["a(?<=a)b", ["ab"]],
  ["a(?<!x)b", ["ab"]],
  ["(?<=a+)b", []],
  // Quantifiers.
  ["a??", ["a", ""]],
  ["a{2}", ["aa", "a"]],
  ["a{2,}", ["aaaa", "a"]],
  ["a{2,3}", ["aaa", "aaaa"]],
  ["a{2}+", ["aa"]],
  ["a*{2}", ["", "aa"]],
  ["a{2}{3}", ["aa", "aaaaaa", "aa{3}"]],
  ["a{2}*", ["", "aa", "aaaa", "aaa"]],
  ["a*?{2}", ["aa"]],
  ["a+*", []],
  ["a**", []],
  ["*a", []],
  ["+", []],
  ["?", []],
  ["a|*", []],
  ["a|b|", ["", "a"]],
  ["|", [""]],
  // Literals that are metacharacters elsewhere.
  ["x}", ["x}"]],
  ["]", ["]"]],
  ["a-b", ["a-b"]],
  ["ǅ", ["ǅ"]],
  ["😀+", ["😀😀"]],
  ["[😀-😂]", ["😁"]],
];

const ORACLE = fileURLToPath(new URL("./java/RegexOracle.java", import.meta.url));

/** Java's answers for the corpus, or undefined when Java cannot run here. */
function askJava(): Array<{ ok: boolean; bits: string; reason: string }> | undefined {
  const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
  const input = CORPUS.map(([pattern, values]) => [pattern, ...values].map(b64).join("\t")).join("\n");
  const run = spawnSync("java", [ORACLE], { input: `${input}\n`, encoding: "utf8", timeout: 120_000 });
  if (run.error || run.status !== 0) return undefined;
  return run.stdout
    .trimEnd()
    .split("\n")
    .map((line) => {
      const [status, detail = ""] = line.split("\t");
      return {
        ok: status === "ok",
        bits: status === "ok" ? detail : "",
        reason: status === "ok" ? "" : detail,
      };
    });
}

const java = askJava();
if (!java) {
  const message =
    "java (JDK 11+, with jdk.compiler) is not installed: the differential test against java.util.regex is skipped";
  if (process.env.CI === "true") throw new Error(`${message} — CI must have it (default-jdk-headless).`);
  console.warn(`\n[sprig] ${message}.\n`);
}

describe.skipIf(!java)("Elements patterns read as java.util.regex reads them", () => {
  it(`has a corpus of over 100 patterns`, () => {
    expect(CORPUS.length).toBeGreaterThan(100);
    expect(java).toHaveLength(CORPUS.length);
  });

  for (const [index, [pattern, values]] of CORPUS.entries()) {
    it(`${JSON.stringify(pattern)}`, () => {
      const oracle = java![index]!;
      const ours = compileJavaRegex(pattern);
      if (!oracle.ok) {
        expect(ours, `Java refuses it: ${oracle.reason}`).toMatchObject({ kind: "refused" });
        return;
      }
      expect(
        ours.kind,
        `Java accepts it${ours.kind === "refused" ? `; we said ${ours.reason}` : ""}`,
      ).not.toBe("refused");
      if (ours.kind !== "ok") return; // accepted, but not enforceable here (said why)
      const bits = values.map((value) => (ours.regex.test(value) ? "1" : "0")).join("");
      expect(bits, `matches of ${JSON.stringify(values)} (1 = matches)`).toBe(oracle.bits);
    });
  }
});

describe("the pattern attribute of a form field", () => {
  const field = (pattern: string) =>
    `<messageML><form id="f"><text-field name="t" pattern="${pattern}" pattern-error-message="no"/><button name="b">Go</button></form></messageML>`;

  it("takes what Java takes, and refuses what Java refuses, with the agent's message", () => {
    expect(() => translateMessageML(field("(?i)^[a-z]+$"))).not.toThrow();
    expect(() => translateMessageML(field("a++"))).not.toThrow();
    expect(() => translateMessageML(field("[]"))).toThrow('The regex "[]" is not valid');
    expect(() => translateMessageML(field("a{,3}"))).toThrow('The regex "a{,3}" is not valid');
  });

  it("says why a pattern Java takes cannot be enforced here", () => {
    expect(compileJavaRegex("\\G")).toMatchObject({
      kind: "untranslatable",
      reason: expect.stringContaining("\\G"),
    });
    expect(compileJavaRegex("\\p{InGreek}")).toMatchObject({ kind: "untranslatable" });
  });
});
