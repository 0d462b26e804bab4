import { Response } from "undici";
import { describe, expect, it } from "vitest";
import { encodeMultipart, type MultipartPart } from "../../src/http/multipart-body.ts";

/** Decodes with the platform's own multipart parser (undici's), the referee for our encoder. */
async function decode(parts: readonly MultipartPart[], newBoundary?: () => string) {
  const body = encodeMultipart(parts, newBoundary);
  const response = new Response(body.bytes, { headers: { "content-type": body.contentType } });
  return { body, form: await response.formData() };
}

describe("encodeMultipart", () => {
  it("encodes text fields that a standard parser reads back unchanged", async () => {
    const hostile = "<messageML>é ✓ 中文 --x\nline\r\nlast\r ${data} &amp;</messageML>";
    const { form } = await decode([
      { name: "message", value: hostile },
      { name: "data", value: '{"a":"\\"quoted\\""}' },
      { name: "version", value: "2.0" },
      { name: "empty", value: "" },
    ]);
    expect(form.get("message")).toBe(hostile);
    expect(form.get("data")).toBe('{"a":"\\"quoted\\""}');
    expect(form.get("version")).toBe("2.0");
    expect(form.get("empty")).toBe("");
  });

  it("carries every byte value of an attachment, with its name and type", async () => {
    const content = new Uint8Array(512).map((_, i) => i % 256);
    const { form } = await decode([
      { name: "message", value: "<messageML>file</messageML>" },
      { name: "attachment", content, filename: "report.bin", contentType: "application/pdf" },
      {
        name: "attachment",
        content: new Uint8Array([1, 2, 3]),
        filename: "b.txt",
        contentType: "text/plain",
      },
    ]);
    const files = form.getAll("attachment") as File[];
    expect(files.map((f) => f.name)).toEqual(["report.bin", "b.txt"]);
    expect(files[0]?.type).toBe("application/pdf");
    expect(new Uint8Array(await files[0]!.arrayBuffer())).toEqual(content);
    expect(new Uint8Array(await files[1]!.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it("takes a view of a larger buffer as exactly the bytes in view", async () => {
    const whole = new Uint8Array([9, 9, 1, 2, 3, 9, 9]);
    const { form } = await decode([
      { name: "attachment", content: whole.subarray(2, 5), filename: "v", contentType: "x/y" },
    ]);
    const file = form.get("attachment") as File;
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it("picks another boundary when the first occurs in a part (user text cannot end the part early)", async () => {
    const boundaries = ["--collide", "--fresh"];
    const value = "before\r\n----collide--\r\nafter";
    const { body, form } = await decode([{ name: "message", value }], () => boundaries.shift()!);
    expect(body.contentType).toBe("multipart/form-data; boundary=--fresh");
    expect(form.get("message")).toBe(value);
  });

  it("refuses to encode when every boundary it tries occurs in the body", () => {
    expect(() => encodeMultipart([{ name: "m", value: "xx" }], () => "x")).toThrow(/boundary/);
  });

  it("keeps a hostile file name and type inside their header (no injected header or part)", async () => {
    const { body, form } = await decode([
      {
        name: "attachment",
        content: new Uint8Array([65]),
        filename: 'evil".txt\r\nContent-Type: text/html\r\n\r\n<script>',
        contentType: "text/plain\r\nX-Injected: yes",
      },
    ]);
    const text = body.bytes.toString("latin1");
    expect(text).not.toMatch(/\r\nX-Injected/);
    expect(text).not.toMatch(/\r\nContent-Type: text\/html/);
    const file = form.get("attachment") as File;
    expect(file.name).toContain("evil");
    expect([...form.keys()]).toEqual(["attachment"]);
  });
});
