/**
 * Bad input never escapes as anything but a MessageMLError: random mutations of the upstream
 * examples, deep nesting, 2 MB messages, control characters, entities with missing data.
 * (Time per byte is measured in bench/src/messageml-translate.ts, not here.)
 */
import { readdirSync } from "node:fs";
import { hasShared, readShared, sharedPath } from "@sprig/shared-data";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MessageMLError, translateMessageML } from "../../src/index.ts";
import { testUsers } from "./users.ts";

/** Translate; a result or a MessageMLError are both fine, anything else fails the test. */
function outcome(input: string, data?: unknown): "ok" | "error" {
  try {
    translateMessageML(input, { data: data as Record<string, unknown>, userLookup: testUsers });
    return "ok";
  } catch (e) {
    if (e instanceof MessageMLError) return "error";
    throw e;
  }
}

const SIGNIFICANT = [
  "<",
  ">",
  "&",
  '"',
  "'",
  "/",
  "=",
  ";",
  "#",
  "${",
  "<#",
  "</",
  "<!--",
  "]]>",
  "\u0000",
  "\n",
  " ",
  "a",
  "-",
];

function mutate(source: string, ops: [number, number, number][]): string {
  let s = source;
  for (const [kind, at, extra] of ops) {
    const i = s.length === 0 ? 0 : at % s.length;
    if (kind === 0) s = s.slice(0, i) + s.slice(i + 1 + (extra % 8));
    else if (kind === 1) s = s.slice(0, i) + SIGNIFICANT[extra % SIGNIFICANT.length] + s.slice(i);
    else if (kind === 2) s = s.slice(0, i) + s.slice(i, i + (extra % 40)) + s.slice(i);
    else s = s.slice(i) + s.slice(0, i);
  }
  return s;
}

describe.skipIf(!hasShared())("random mutations of the examples", () => {
  const dir = "messageml-examples/examples";
  const sources = hasShared()
    ? readdirSync(sharedPath(dir))
        .filter((f) => f.endsWith(".xml"))
        .map((f) => readShared(dir, f))
    : [];

  it("give a result or a MessageMLError, never another exception", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Math.max(0, sources.length - 1) }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.nat(), fc.nat()), {
          minLength: 1,
          maxLength: 6,
        }),
        (which, ops) => {
          expect(["ok", "error"]).toContain(outcome(mutate(sources[which] as string, ops)));
        },
      ),
      { numRuns: 400, seed: 20261121 },
    );
  });

  it("the PresentationML of every mutated message that passes translates again", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Math.max(0, sources.length - 1) }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.nat(), fc.nat()), {
          minLength: 1,
          maxLength: 3,
        }),
        (which, ops) => {
          let first: ReturnType<typeof translateMessageML>;
          try {
            first = translateMessageML(mutate(sources[which] as string, ops), { userLookup: testUsers });
          } catch (e) {
            if (e instanceof MessageMLError) return;
            throw e;
          }
          expect(outcome(first.presentationML, first.entityJSON)).toBe("ok");
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe("hostile shapes", () => {
  it("any string at all", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (s) => {
        expect(["ok", "error"]).toContain(outcome(s));
        expect(["ok", "error"]).toContain(outcome(`<messageML>${s}</messageML>`));
      }),
      { numRuns: 500, seed: 42 },
    );
  });

  it("deep nesting is refused with a clear error instead of exhausting the stack", () => {
    const deep = `<messageML>${"<b>".repeat(100_000)}x${"</b>".repeat(100_000)}</messageML>`;
    const error = (() => {
      try {
        translateMessageML(deep);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(MessageMLError);
    expect((error as MessageMLError).message).toBe(
      "Invalid messageML: The element nesting is deeper than 1000 levels.",
    );
  });

  it("nesting within the limit translates", () => {
    const ok = `<messageML>${"<span>".repeat(900)}x${"</span>".repeat(900)}</messageML>`;
    expect(translateMessageML(ok).presentationML).toContain("x");
  });

  it("a 2 MB message translates", () => {
    const unit = '<p>Hello <b>world</b> &amp; <hash tag="tag"/> <a href="https://x.org">x</a></p>';
    const body = unit.repeat(Math.ceil((2 * 1024 * 1024) / unit.length));
    const result = translateMessageML(`<messageML>${body}</messageML>`);
    expect(result.presentationML.length).toBeGreaterThan(2 * 1024 * 1024);
    expect(Object.keys(result.entityJSON).length).toBe(Math.ceil((2 * 1024 * 1024) / unit.length));
  });

  it("2 MB of unclosed markup is an XML error", () => {
    expect(outcome(`<messageML>${"<p>a".repeat(500_000)}`)).toBe("error");
  });

  it("2 MB of sibling ui-actions pointing at one dialog stays an error, not a hang", () => {
    const action = '<ui-action action="open-dialog" target-id="d"><button>x</button></ui-action>';
    expect(outcome(`<messageML>${action.repeat(25_000)}</messageML>`)).toBe("error");
  });

  it("every control character is refused", () => {
    for (let c = 0; c < 0x20; c++) {
      const input = `<messageML>a${String.fromCharCode(c)}b</messageML>`;
      expect(outcome(input)).toBe(c === 9 || c === 10 || c === 13 ? "ok" : "error");
    }
  });

  it("entities with missing or odd data", () => {
    const span = (id: string) =>
      `<messageML><span class="entity" data-entity-id="${id}">x</span></messageML>`;
    const cases: [string, unknown][] = [
      [span("a"), {}],
      [span("a"), { a: null }],
      [span("a"), { a: [] }],
      [span("a"), { a: { type: "com.symphony.user.mention" } }],
      [span("a"), { a: { type: "com.symphony.user.mention", id: [] } }],
      [span("a"), { a: { type: "com.symphony.user.mention", id: [{ value: { x: 1 } }] } }],
      [span("a"), { a: { type: "org.symphonyoss.taxonomy", id: [{ value: null }] } }],
      [span("a"), { a: { type: 42, id: [{ value: "x" }] } }],
      [span("a"), { x: { a: { type: "t" } }, y: { a: { type: "t" } } }],
      [span(""), {}],
      ['<messageML><div class="entity" data-entity-id="deep">x</div></messageML>', { wrap: { deep: {} } }],
      ['<messageML><span class="entity">x</span></messageML>', {}],
      [span("a"), "not json"],
      [span("a"), "[]"],
      [span("a"), '"{\\"a\\":{}}"'],
    ];
    for (const [input, data] of cases) expect(["ok", "error"]).toContain(outcome(input, data));
  });

  it("entity JSON nested beyond 1000 levels is refused, as Jackson does", () => {
    let data: Record<string, unknown> = { target: { type: "t", version: "1.0" } };
    for (let i = 0; i < 50_000; i++) data = { [`k${i}`]: data };
    const input = '<messageML><div class="entity" data-entity-id="target">x</div></messageML>';
    expect(() => translateMessageML(input, { data })).toThrow(
      "Error parsing EntityJSON: Document nesting depth (1001) exceeds the maximum allowed (1000)",
    );
    const json = `${'{"k":'.repeat(50_000)}{"target":{}}${"}".repeat(50_000)}`;
    expect(() => translateMessageML(input, { data: json })).toThrow(MessageMLError);
  });

  it("entity JSON found deep inside other objects (within the limit)", () => {
    let data: Record<string, unknown> = { target: { type: "t", version: "1.0" } };
    for (let i = 0; i < 900; i++) data = { [`k${i}`]: data };
    expect(outcome('<messageML><div class="entity" data-entity-id="target">x</div></messageML>', data)).toBe(
      "ok",
    );
  });
});
