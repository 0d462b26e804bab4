/** One part of a `multipart/form-data` body as the receiving side sees it. */
export interface MultipartField {
  readonly name: string;
  readonly filename?: string;
  readonly contentType?: string;
  /** The part's value (latin1, so bytes survive; only text fields are read back as text). */
  readonly value: string;
}

/**
 * The parts of a multipart body, read independently of the adapter's encoder (RFC 7578 / 2046):
 * what a server would find in it. Throws with the reason when the body is not well formed.
 */
export function multipartFields(contentType: string, body: Buffer): MultipartField[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const delimiter = boundary?.[1] ?? boundary?.[2];
  if (!delimiter) throw new Error(`multipart body without a boundary (content-type: ${contentType})`);
  const text = body.toString("latin1");
  const sections = text.split(`--${delimiter}`);
  if (sections[0] !== "") throw new Error("multipart body does not start with its boundary");
  const closing = sections.at(-1);
  if (closing === undefined || !closing.startsWith("--"))
    throw new Error("multipart body does not end with its closing boundary");
  return sections.slice(1, -1).map((section, i) => partOf(section, i));
}

function partOf(section: string, index: number): MultipartField {
  if (!section.startsWith("\r\n") || !section.endsWith("\r\n"))
    throw new Error(`multipart part ${index} is not framed by CRLF`);
  const inner = section.slice(2, -2);
  const split = inner.indexOf("\r\n\r\n");
  if (split < 0) throw new Error(`multipart part ${index} has no blank line after its headers`);
  const headers = new Map<string, string>();
  for (const line of inner.slice(0, split).split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get("content-disposition") ?? "";
  if (!/^form-data\s*;/i.test(disposition))
    throw new Error(`multipart part ${index} is not form-data (Content-Disposition: ${disposition})`);
  const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
  if (name === undefined) throw new Error(`multipart part ${index} has no name`);
  const filename = /;\s*filename="([^"]*)"/i.exec(disposition)?.[1];
  const contentType = headers.get("content-type");
  return {
    name,
    ...(filename === undefined ? {} : { filename }),
    ...(contentType === undefined ? {} : { contentType }),
    value: inner.slice(split + 4),
  };
}
