import type { User, Vars } from "@sprig/core";
import {
  ErrorCode,
  inlineTokens,
  matchPattern,
  mention,
  message,
  parsePattern,
  User as Users,
  word,
} from "@sprig/core";
import { describe, expect, expectTypeOf, it } from "vitest";

const alice = Users.of("test", "u1", "alice");

function tokens(...parts: Parameters<typeof message>) {
  return inlineTokens(message(...parts));
}
function match(pattern: string, ...parts: Parameters<typeof message>) {
  return matchPattern(parsePattern(pattern), tokens(...parts));
}

describe("pattern parsing", () => {
  it("reads literals and typed variables", () => {
    const p = parsePattern("/assign {items:number...} {to:mention} {note?}");
    expect(p.elements).toEqual([
      { type: "literal", text: "assign" },
      { type: "variable", name: "items", kind: "number", arity: "many" },
      { type: "variable", name: "to", kind: "mention", arity: "one" },
      { type: "variable", name: "note", kind: "word", arity: "optional" },
    ]);
  });

  it.each([
    ["", /empty/],
    ["{x} new", /must start with a command word/],
    ["new {x:colour}", /"colour" is not a variable kind/],
    ["new {x} {x}", /variable "x" appears twice/],
    ["new {bad name}", /is not a variable/],
    ["new {x", /is not a variable/],
  ])("refuses %j with a coded error that says why", (source, why) => {
    expect(() => parsePattern(source)).toThrow(why);
    try {
      parsePattern(source);
    } catch (error) {
      expect((error as { code: string }).code).toBe(ErrorCode.InvalidPattern);
    }
  });
});

describe("pattern matching", () => {
  it("matches literals case-insensitively, with or without a leading slash", () => {
    expect(match("new", "/NEW")).toEqual({});
    expect(match("/new", "new")).toEqual({});
    expect(match("show all", "/show ALL")).toEqual({});
  });

  it("needs the whole message: no prefix matching", () => {
    expect(match("new", "/new list")).toBeUndefined();
    expect(match("new list", "/new")).toBeUndefined();
  });

  it("compares words exactly, not just their letters", () => {
    expect(match("help", "/he-lp")).toBeUndefined();
    expect(match("help", "/helpme")).toBeUndefined();
  });

  it("captures typed variables", () => {
    expect(match("delete {items:number...}", "/delete 2 3")).toEqual({ items: [2, 3] });
    expect(match("delete {items:number...}", "/delete two")).toBeUndefined();
    expect(match("delete {items:number...}", "/delete")).toBeUndefined();
    expect(match("assign {n:number} {to:mention}", word("/assign"), word("1"), mention(alice))).toEqual({
      n: 1,
      to: alice,
    });
    expect(match("assign {n:number} {to:mention}", "/assign 1 alice")).toBeUndefined();
  });

  it("optional and zero-or-more variables may be absent", () => {
    expect(match("complete {items:number...} {by:mention?}", "/complete 1 2")).toEqual({ items: [1, 2] });
    expect(match("list {tags:hashtag...?}", "/list")).toEqual({ tags: [] });
    expect(match("echo {words...}", "/echo hello there world")).toEqual({
      words: ["hello", "there", "world"],
    });
  });

  it("gives back greedy tokens when a later element needs them", () => {
    expect(match("move {items...} {to}", "/move a b c")).toEqual({ items: ["a", "b"], to: "c" });
    expect(match("move {items...} to {place}", "/move a b to c")).toEqual({ items: ["a", "b"], place: "c" });
  });

  it("reads hashtags and cashtags from their own tokens", () => {
    const parts = [
      word("/tag"),
      { kind: "hashtag", tag: "urgent" } as const,
      { kind: "cashtag", tag: "AAPL" } as const,
    ];
    expect(match("tag {t:hashtag} {s:cashtag}", ...parts)).toEqual({ t: "urgent", s: "AAPL" });
  });

  it("never treats a quoted or code-block command as a command", () => {
    const quoted = inlineTokens({
      kind: "message",
      children: [{ kind: "blockquote", children: [{ kind: "paragraph", children: [word("/new")] }] }],
    });
    expect(quoted).toEqual([]);
  });
});

describe("pattern types", () => {
  it("types variables from the pattern string", () => {
    expectTypeOf<Vars<"delete {items:number...}">>().toEqualTypeOf<{ items: number[] }>();
    expectTypeOf<Vars<"assign {items:number...} {to:mention}">>().toEqualTypeOf<{
      items: number[];
      to: User;
    }>();
    expectTypeOf<Vars<"echo {words...}">>().toEqualTypeOf<{ words: string[] }>();
    expectTypeOf<Vars<"new">>().toEqualTypeOf<{}>();
    expectTypeOf<Vars<"greet {name?}">>().toEqualTypeOf<{ name?: string | undefined }>();
    expectTypeOf<Vars<"every {n:number} {unit:word}">>().toEqualTypeOf<{ n: number; unit: string }>();
    expectTypeOf<Vars<"tag {t:hashtag...?}">>().toEqualTypeOf<{ t: string[] }>();
  });
});
