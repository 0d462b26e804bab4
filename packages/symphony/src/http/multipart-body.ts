import { randomBytes } from "node:crypto";

/** A text field, or a file part (an attachment). */
export type MultipartPart =
  | { readonly name: string; readonly value: string }
  | {
      readonly name: string;
      readonly content: Uint8Array;
      readonly filename: string;
      readonly contentType: string;
    };

/** A `multipart/form-data` request body (RFC 7578), whole in memory: its header value and bytes. */
export interface MultipartBody {
  readonly contentType: string;
  readonly bytes: Buffer;
}

const CRLF = "\r\n";

/**
 * Encodes parts as `multipart/form-data`. Written by hand rather than through undici's `FormData`:
 * that one streams its body through WHATWG streams, which cost more CPU than the rest of a message
 * send, and every bot reply is one. A message is small and already in memory, so one buffer does.
 */
export function encodeMultipart(
  parts: readonly MultipartPart[],
  newBoundary: () => string = randomBoundary,
): MultipartBody {
  const boundary = boundaryNotIn(parts, newBoundary);
  const chunks: Buffer[] = [];
  let text = "";
  for (const part of parts) {
    text += `--${boundary}${CRLF}Content-Disposition: form-data; name="${quoted(part.name)}"`;
    if ("value" in part) {
      text += `${CRLF}${CRLF}${part.value}${CRLF}`;
      continue;
    }
    text += `; filename="${quoted(part.filename)}"${CRLF}Content-Type: ${headerSafe(part.contentType)}${CRLF}${CRLF}`;
    chunks.push(
      Buffer.from(text, "utf8"),
      Buffer.from(part.content.buffer, part.content.byteOffset, part.content.byteLength),
    );
    text = CRLF;
  }
  text += `--${boundary}--${CRLF}`;
  chunks.push(Buffer.from(text, "utf8"));
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
  };
}

/**
 * A boundary need not be secret, only absent from the body (which is checked), so one random
 * prefix per process plus a counter will do: `randomBytes` per send cost more than the encoding.
 */
const boundaryPrefix = `----sprig${randomBytes(9).toString("base64url")}`;
let boundaryCount = 0;

function randomBoundary(): string {
  boundaryCount = (boundaryCount + 1) % Number.MAX_SAFE_INTEGER;
  return `${boundaryPrefix}${boundaryCount.toString(36)}`;
}

/**
 * A boundary must not occur inside any part. A random one practically never does, but the parts
 * may come from anyone (attachments, user text), so it is checked, not assumed.
 */
function boundaryNotIn(parts: readonly MultipartPart[], newBoundary: () => string): string {
  for (let tries = 0; tries < 16; tries++) {
    const boundary = newBoundary();
    if (!parts.some((part) => occursIn(part, boundary))) return boundary;
  }
  throw new Error("no multipart boundary could be found that does not occur in the body");
}

function occursIn(part: MultipartPart, boundary: string): boolean {
  if ("value" in part) return part.value.includes(boundary);
  return Buffer.from(part.content.buffer, part.content.byteOffset, part.content.byteLength).includes(
    boundary,
  );
}

/** A name or file name inside quotes, escaped as the HTML standard's form encoder does. */
function quoted(value: string): string {
  return value.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A header value cannot hold a line break: one would start a header of the caller's making. */
function headerSafe(value: string): string {
  return value.replace(/[\r\n]/g, "");
}
