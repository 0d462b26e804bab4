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
  return formOf(parts);
}

/** One pass over the parts (a repeated text part: the first counts); files are checked once `message` is there. */
function formOf(parts: MultipartPart[]): MessageForm {
  let message: string | undefined;
  let data: string | undefined;
  let version: string | undefined;
  let silent: string | undefined;
  const attachments: MultipartPart[] = [];
  const previews: MultipartPart[] = [];
  const sids: string[] = [];
  for (const part of parts) {
    switch (part.name) {
      case "message":
        message ??= part.data.toString("utf8");
        break;
      case "data":
        data ??= part.data.toString("utf8");
        break;
      case "version":
        version ??= part.data.toString("utf8");
        break;
      case "silent":
        silent ??= part.data.toString("utf8");
        break;
      case "attachment":
        attachments.push(part);
        break;
      case "preview":
        previews.push(part);
        break;
      case "sids":
        for (const sid of part.data.toString("utf8").split(",")) {
          const trimmed = sid.trim();
          if (trimmed) sids.push(trimmed);
        }
        break;
    }
  }
  if (message === undefined) throw badRequest('The "message" part is required (MessageML)', "MISSING_FIELD");
  return {
    message,
    data,
    version,
    silent: booleanParam(silent ?? null, "silent"),
    attachments: attachments.map(asFile),
    previews: previews.map(asFile),
    sids,
  };
}

function asFile(part: MultipartPart): FilePart {
  if (part.filename === undefined)
    throw badRequest(`The "${part.name}" part must be a file (with a filename)`, "INVALID_FIELD");
  return {
    name: part.filename || part.name,
    contentType: part.contentType ?? "application/octet-stream",
    bytes: part.data,
  };
}
