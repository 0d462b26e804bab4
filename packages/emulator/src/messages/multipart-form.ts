import { ApiError, badRequest } from "../http/api-error.ts";
import type { RequestContext } from "../http/request-context.ts";
import type { FilePart } from "./message-service.ts";

/** The parts of a message create/update request (agent `multipart/form-data`). */
export interface MessageForm {
  message: string;
  data?: string;
  version?: string;
  silent?: boolean;
  attachments: FilePart[];
  previews: FilePart[];
}

/**
 * Parses the multipart body with the platform's own parser (undici's `Request.formData()` in Node 20),
 * so there is no hand-written multipart code to get wrong.
 */
export async function readMessageForm(ctx: RequestContext, limit: number): Promise<MessageForm> {
  const type = ctx.header("content-type") ?? "";
  if (!/^multipart\/form-data\s*;\s*boundary=/i.test(type)) {
    throw new ApiError(
      415,
      `Unsupported content type "${type || "(none)"}": send multipart/form-data with a "message" part`,
      "UNSUPPORTED_MEDIA_TYPE",
    );
  }
  const body = await ctx.readBody(limit);
  let form: FormData;
  try {
    form = await new Request("http://emulator.local/", {
      method: "POST",
      headers: { "content-type": type },
      body,
    }).formData();
  } catch (error) {
    throw badRequest(`Malformed multipart body: ${(error as Error).message}`, "MALFORMED_MULTIPART");
  }
  const message = await textPart(form, "message");
  if (message === undefined) throw badRequest('The "message" part is required (MessageML)', "MISSING_FIELD");
  const silent = await textPart(form, "silent");
  return {
    message,
    data: await textPart(form, "data"),
    version: await textPart(form, "version"),
    silent: silent === undefined ? undefined : silent.toLowerCase() === "true",
    attachments: await fileParts(form, "attachment"),
    previews: await fileParts(form, "preview"),
  };
}

async function textPart(form: FormData, name: string): Promise<string | undefined> {
  const value = form.get(name);
  if (value === null) return undefined;
  return typeof value === "string" ? value : await value.text();
}

async function fileParts(form: FormData, name: string): Promise<FilePart[]> {
  const parts: FilePart[] = [];
  for (const value of form.getAll(name)) {
    if (typeof value === "string") {
      throw badRequest(`The "${name}" part must be a file (with a filename)`, "INVALID_FIELD");
    }
    parts.push({
      name: value.name || name,
      contentType: value.type,
      bytes: Buffer.from(await value.arrayBuffer()),
    });
  }
  return parts;
}
