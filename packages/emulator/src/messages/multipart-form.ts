import { ApiError, badRequest } from "../http/api-error.ts";
import { booleanParam } from "../http/input.ts";
import type { RequestContext } from "../http/request-context.ts";
import type { FilePart } from "./message-service.ts";
import { boundaryOf, type MultipartPart, parseMultipart } from "./multipart-parser.ts";

/** The parts of a message create/update request (agent `multipart/form-data`). */
export interface MessageForm {
  message: string;
  data?: string;
  version?: string;
  silent?: boolean;
  attachments: FilePart[];
  previews: FilePart[];
  /** Blast only: the streams to post to (`sids`, comma-separated, or repeated parts). */
  sids: string[];
}

/** Reads the multipart body of a message create/update: `message` required, repeatable files. */
export async function readMessageForm(ctx: RequestContext, limit: number): Promise<MessageForm> {
  const type = ctx.header("content-type") ?? "";
  const boundary = /^multipart\/form-data\s*;/i.test(type) ? boundaryOf(type) : undefined;
  if (!boundary) {
    throw new ApiError(
      415,
      `Unsupported content type "${type || "(none)"}": send multipart/form-data with a "message" part`,
      "UNSUPPORTED_MEDIA_TYPE",
    );
  }
  const body = await ctx.readBody(limit);
  let parts: MultipartPart[];
  try {
    parts = parseMultipart(body, boundary);
  } catch (error) {
    throw badRequest(`Malformed multipart body: ${(error as Error).message}`, "MALFORMED_MULTIPART");
  }
  const text = (name: string) => {
    const part = parts.find((p) => p.name === name);
    return part?.data.toString("utf8");
  };
  const message = text("message");
  if (message === undefined) throw badRequest('The "message" part is required (MessageML)', "MISSING_FIELD");
  const silent = text("silent");
  return {
    message,
    data: text("data"),
    version: text("version"),
    silent: booleanParam(silent ?? null, "silent"),
    attachments: files(parts, "attachment"),
    previews: files(parts, "preview"),
    sids: parts
      .filter((p) => p.name === "sids")
      .flatMap((p) => p.data.toString("utf8").split(","))
      .map((sid) => sid.trim())
      .filter(Boolean),
  };
}

function files(parts: MultipartPart[], name: string): FilePart[] {
  return parts
    .filter((p) => p.name === name)
    .map((p) => {
      if (p.filename === undefined)
        throw badRequest(`The "${name}" part must be a file (with a filename)`, "INVALID_FIELD");
      return {
        name: p.filename || name,
        contentType: p.contentType ?? "application/octet-stream",
        bytes: p.data,
      };
    });
}
