/**
 * A parser for a fully buffered `multipart/form-data` body (RFC 7578). Node 20's own parser
 * (`Request.formData()`) builds WHATWG streams and Request objects per call, ~190 µs for a one-part
 * message: most of the emulator's CPU per message. This one slices the buffer in place (a few µs).
 * It is checked against the platform's encoder in test/multipart-parser.test.ts.
 */
export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export class MultipartError extends Error {}

/** The boundary parameter of a multipart content type, or undefined. */
export function boundaryOf(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const partEnd = Buffer.from(`\r\n--${boundary}`);
  const parts: MultipartPart[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) throw new MultipartError("no boundary delimiter in the body");
  for (;;) {
    at += delimiter.length;
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return parts; // "--": closing delimiter
    if (!body.subarray(at, at + 2).equals(CRLF)) throw new MultipartError("malformed delimiter line");
    const headersStart = at + 2;
    const headersEnd = body.indexOf(HEADER_END, headersStart);
    if (headersEnd < 0) throw new MultipartError("part headers never end");
    const next = body.indexOf(partEnd, headersEnd + 4);
    if (next < 0) throw new MultipartError("missing closing boundary");
    parts.push(
      partOf(body.subarray(headersStart, headersEnd).toString("utf8"), body.subarray(headersEnd + 4, next)),
    );
    at = next + 2;
  }
}

function partOf(headerText: string, data: Buffer): MultipartPart {
  let name: string | undefined;
  let filename: string | undefined;
  let contentType: string | undefined;
  for (const line of headerText.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new MultipartError(`malformed part header "${line.slice(0, 80)}"`);
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === "content-type") contentType = value;
    if (key === "content-disposition") {
      name = parameter(value, "name");
      filename = parameter(value, "filename");
    }
  }
  if (name === undefined) throw new MultipartError("a part has no Content-Disposition name");
  return { name, filename, contentType, data };
}

const PARAMETERS: Record<string, RegExp> = {
  name: /(?:^|;)\s*name=(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/i,
  filename: /(?:^|;)\s*filename=(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/i,
};

/** `name="x"` (quoted, with the escapes browsers and undici produce) or `name=x`. */
function parameter(header: string, key: "name" | "filename"): string | undefined {
  const match = PARAMETERS[key]!.exec(header);
  if (!match) return undefined;
  if (match[2] !== undefined) return match[2];
  // Escapes are rare (a name or filename with a quote or a line break): most values are taken as they are.
  if (!/[\\%]/.test(match[1]!)) return match[1];
  return match[1]!.replace(/\\(.)/g, "$1").replace(/%0D/gi, "\r").replace(/%0A/gi, "\n").replace(/%22/g, '"');
}
