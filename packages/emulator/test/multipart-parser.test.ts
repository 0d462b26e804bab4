import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boundaryOf, MultipartError, parseMultipart } from "../src/messages/multipart-parser.ts";

/** Encode with the platform (undici), parse with ours: the parts must come back unchanged. */
async function encode(form: FormData): Promise<{ body: Buffer; boundary: string }> {
  const response = new Response(form);
  const boundary = boundaryOf(response.headers.get("content-type") ?? "");
  if (!boundary) throw new Error("no boundary");
  return { body: Buffer.from(await response.arrayBuffer()), boundary };
}

describe("multipart parser", () => {
  it("round-trips whatever the platform's FormData encoder produces", async () => {
    const name = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/[%\\]/.test(s));
    const part = fc.oneof(
      fc.record({ kind: fc.constant("text" as const), name, value: fc.string({ maxLength: 200 }) }),
      fc.record({
        kind: fc.constant("file" as const),
        name,
        filename: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/[%\\]/.test(s)),
        bytes: fc.uint8Array({ maxLength: 300 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(part, { maxLength: 6 }), async (parts) => {
        const form = new FormData();
        for (const p of parts) {
          if (p.kind === "text") form.append(p.name, p.value);
          else form.append(p.name, new Blob([p.bytes], { type: "application/octet-stream" }), p.filename);
        }
        const { body, boundary } = await encode(form);
        const parsed = parseMultipart(body, boundary);
        expect(parsed.map((p) => p.name)).toEqual(
          parts.map((p) => p.name.replace(/\r\n|\r(?!\n)|(?<!\r)\n/g, "\r\n")),
        );
        parsed.forEach((p, i) => {
          const source = parts[i]!;
          if (source.kind === "text")
            expect(p.data.toString("utf8")).toBe(source.value.replace(/\r\n|\r(?!\n)|(?<!\r)\n/g, "\r\n"));
          else {
            expect(Buffer.compare(p.data, Buffer.from(source.bytes))).toBe(0);
            expect(p.filename).toBe(source.filename.replace(/\r\n|\r(?!\n)|(?<!\r)\n/g, "\r\n"));
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it("reads quoted and unquoted boundaries", () => {
    expect(boundaryOf('multipart/form-data; boundary="a b"')).toBe("a b");
    expect(boundaryOf("multipart/form-data; boundary=xyz; charset=utf-8")).toBe("xyz");
    expect(boundaryOf("multipart/form-data")).toBeUndefined();
  });

  it("rejects truncated or malformed bodies with a MultipartError", () => {
    const cases = [
      "",
      "--b",
      '--b\r\nContent-Disposition: form-data; name="m"\r\n\r\nhello',
      "--b\r\nno-colon\r\n\r\nx\r\n--b--",
      "--b\r\nX-Other: 1\r\n\r\nx\r\n--b--",
    ];
    for (const body of cases)
      expect(() => parseMultipart(Buffer.from(body), "b"), body).toThrow(MultipartError);
    expect(parseMultipart(Buffer.from("preamble\r\n--b--"), "b")).toEqual([]);
  });
});
