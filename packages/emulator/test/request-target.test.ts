import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { requestTarget } from "../src/http/request-target.ts";

/** What WHATWG URL makes of a target: the reference the plain-path shortcut must agree with. */
function byUrl(raw: string) {
  try {
    const url = new URL(raw, "http://emulator.local");
    return { path: url.pathname, query: [...url.searchParams] };
  } catch {
    return undefined;
  }
}

describe("request target", () => {
  it("reads every target as WHATWG URL does: the same path, the same query parameters", () => {
    const piece = fc.constantFrom(
      "/",
      "//",
      ".",
      "..",
      "/./",
      "/../",
      "%2e",
      "%2F",
      "%",
      "?",
      "#",
      "&",
      "=",
      "+",
      " ",
      "a",
      "Z",
      "9",
      "_",
      "-",
      "~",
      "é",
      "\\",
      ":",
      "agent",
      "v4",
    );
    const target = fc.array(piece, { maxLength: 12 }).map((p) => `/${p.join("")}`);
    fc.assert(
      fc.property(target, (raw) => {
        const read = requestTarget(raw);
        expect(read && { path: read.path, query: [...new URLSearchParams(read.query)] }).toEqual(byUrl(raw));
      }),
      { numRuns: 3000 },
    );
  });

  it("leaves a target with characters beyond printable ASCII to URL (found by the property above)", () => {
    for (const raw of ["/?%2F%é", "/a?q=é", "/a?q=\u007f"]) {
      const read = requestTarget(raw);
      expect(read && { path: read.path, query: [...new URLSearchParams(read.query)] }).toEqual(byUrl(raw));
    }
  });

  it("splits a bot's plain target as it is", () => {
    expect(requestTarget("/agent/v4/stream/abc-_1/message/create")).toEqual({
      path: "/agent/v4/stream/abc-_1/message/create",
      query: "",
    });
    expect(requestTarget("/agent/v1/message/search?query=a%20b&limit=5")).toEqual({
      path: "/agent/v1/message/search",
      query: "?query=a%20b&limit=5",
    });
  });

  it("resolves what URL resolves: dot segments, a protocol-relative start, a fragment", () => {
    expect(requestTarget("/agent/../emulator/v1/reset")?.path).toBe("/emulator/v1/reset");
    expect(requestTarget("//evil/agent/v1/x")?.path).toBe("/agent/v1/x");
    expect(requestTarget("/a?b=1#c")).toEqual({ path: "/a", query: "?b=1" });
  });
});
