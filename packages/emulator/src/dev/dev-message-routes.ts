import { submitForm } from "../forms/form-submission.ts";
import { ApiError, badRequest, forbidden } from "../http/api-error.ts";
import { asObject, optionalString, requiredString } from "../http/input.ts";
import { idParam } from "../http/path-ids.ts";
import { json, jsonText } from "../http/replies.ts";
import type { RequestContext } from "../http/request-context.ts";
import type { Router } from "../http/router.ts";
import { type FilePart, postMessage, suppressMessage, updateMessage } from "../messages/message-service.ts";
import { v4Message } from "../messages/message-views.ts";
import type { Pod } from "../runtime/pod.ts";
import type { MessageRecord, StreamRecord } from "../store/records.ts";
import { personFinder } from "./dev-people.ts";
import { messagePage, pageLimit } from "./message-page.ts";
import { textToMessageML } from "./text-to-messageml.ts";

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** `/emulator/v1/streams/:sid/messages…`: people post, page, edit, delete, download and press buttons. */
export function registerDevMessageRoutes(router: Router, pod: Pod, base: string): void {
  const { store } = pod;
  const person = personFinder(store);
  const streamOf = (ctx: RequestContext) => store.requireStream(idParam(ctx.params.sid, "stream id"));
  const messageIn = (stream: StreamRecord, rawId: string | undefined): MessageRecord => {
    const message = store.message(idParam(rawId, "message id"));
    if (!message || message.streamId !== stream.id)
      throw badRequest(`No message ${rawId} in stream ${stream.id}`, "UNKNOWN_MESSAGE");
    return message;
  };
  /** `?as=` names a member of the stream (403 NOT_A_MEMBER otherwise). */
  const memberAs = (ctx: RequestContext, stream: StreamRecord) => {
    const user = person(ctx.query.get("as") ?? undefined);
    store.requireMember(stream, user.id);
    return user;
  };
  const ownMessage = (ctx: RequestContext, stream: StreamRecord, authorId: number) => {
    const message = messageIn(stream, ctx.params.mid);
    if (message.userId !== authorId)
      throw forbidden(
        `Message ${message.messageId} is someone else's: only its author may change it`,
        "NOT_AUTHOR",
      );
    return message;
  };
  /** `text` (typed, turned into MessageML as the client does) or `messageML`, and optional `data`. */
  const content = (b: Record<string, unknown>) => {
    const text = optionalString(b, "text", 100_000);
    const messageML = optionalString(b, "messageML", 2_000_000);
    if ((text === undefined) === (messageML === undefined))
      throw badRequest('Give exactly one of "text" or "messageML"', "INVALID_FIELD");
    const data =
      b.data === undefined || b.data === null
        ? undefined
        : typeof b.data === "string"
          ? b.data
          : JSON.stringify(b.data);
    return { messageML: messageML ?? textToMessageML(text!, store), data };
  };
  const withForms = (m: MessageRecord) => ({ ...v4Message(m, store), submittedForms: m.submittedForms });

  router.add("POST", `${base}/streams/:sid/messages`, async (ctx) => {
    // Files travel as Base64 inside the JSON body: this route reads as much as a multipart create
    // does, plus Base64's third. (readJson then parses the body read here.)
    await ctx.readBody(Math.ceil((pod.settings.maxMultipartBodyBytes * 4) / 3));
    const b = asObject(await ctx.readJson());
    const author = person(b.as);
    const stream = streamOf(ctx);
    const attachments = fileParts(b.attachments, pod.settings.maxAttachmentBytes);
    const fromDesktopClient = !author.bot;
    return jsonText(
      postMessage(pod, { stream, author, ...content(b), attachments, fromDesktopClient }).viewJson,
      201,
    );
  });

  router.add("GET", `${base}/streams/:sid/messages`, (ctx) => {
    const stream = streamOf(ctx);
    if (ctx.query.has("as")) memberAs(ctx, stream);
    const cursor = (name: string) => {
      const raw = ctx.query.get(name);
      return raw === null ? undefined : idParam(raw, `"${name}" message id`);
    };
    const page = messagePage(store.streamMessages.get(stream.id) ?? [], {
      limit: pageLimit(ctx.query.get("limit")),
      before: cursor("before"),
      after: cursor("after"),
    });
    return json(page.map(withForms));
  });

  router.add("PUT", `${base}/streams/:sid/messages/:mid`, async (ctx) => {
    const b = asObject(await ctx.readJson());
    const author = person(b.as);
    const stream = streamOf(ctx);
    const original = ownMessage(ctx, stream, author.id);
    const fromDesktopClient = !author.bot;
    return jsonText(
      updateMessage(pod, original, { stream, author, ...content(b), fromDesktopClient }).viewJson,
    );
  });

  router.add("DELETE", `${base}/streams/:sid/messages/:mid`, (ctx) => {
    const stream = streamOf(ctx);
    const author = memberAs(ctx, stream);
    const message = suppressMessage(pod, ownMessage(ctx, stream, author.id), author);
    return json({ messageId: message.messageId, suppressed: true, suppressionDate: message.suppressedAt });
  });

  router.add("GET", `${base}/streams/:sid/messages/:mid/attachments/:aid`, (ctx) => {
    const stream = streamOf(ctx);
    memberAs(ctx, stream);
    const message = messageIn(stream, ctx.params.mid);
    if (message.suppressedAt !== undefined)
      throw badRequest("The message was suppressed; its attachments are gone", "MESSAGE_SUPPRESSED");
    const wanted = idParam(ctx.params.aid, "attachment id");
    const attachment = message.attachments.find((a) => a.id === wanted);
    if (!attachment)
      throw new ApiError(
        404,
        `No attachment ${wanted} in message ${message.messageId}`,
        "UNKNOWN_ATTACHMENT",
      );
    const bytes = Buffer.from(attachment.contentBase64, "base64");
    ctx.res.writeHead(200, {
      "content-type": attachment.contentType,
      "content-length": bytes.length,
      "content-disposition": contentDisposition(attachment.name),
      "x-content-type-options": "nosniff",
    });
    ctx.res.end(bytes);
    return "handled";
  });

  router.add("POST", `${base}/streams/:sid/messages/:mid/form`, async (ctx) => {
    const b = asObject(await ctx.readJson());
    const submitter = person(b.as);
    const stream = streamOf(ctx);
    const message = messageIn(stream, ctx.params.mid);
    const values = b.values === undefined ? {} : asObject(b.values, '"values"');
    const event = submitForm(pod, stream, message, submitter, {
      formId: requiredString(b, "formId", 256),
      action: requiredString(b, "action", 256),
      values,
    });
    return json(event, 201);
  });
}

/** `attachments: [{name, contentType, contentBase64}]`, at most `limit` bytes together (the agent's 25 MB). */
function fileParts(value: unknown, limit: number): FilePart[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw badRequest('"attachments" must be an array of {name, contentType, contentBase64}', "INVALID_FIELD");
  let total = 0;
  return value.map((item, i) => {
    const file = asObject(item, `"attachments[${i}]"`);
    const name = requiredString(file, "name", 255);
    const contentType = optionalString(file, "contentType", 255) ?? "application/octet-stream";
    const base64 = requiredString(file, "contentBase64", Number.MAX_SAFE_INTEGER).replace(/\s+/g, "");
    if (!BASE64.test(base64))
      throw badRequest(`"attachments[${i}].contentBase64" is not Base64`, "INVALID_FIELD");
    const bytes = Buffer.from(base64, "base64");
    total += bytes.length;
    if (total > limit) {
      throw badRequest(
        `Attachments of one message may hold at most ${limit} bytes together; "${name}" goes past that`,
        "ATTACHMENT_TOO_LARGE",
      );
    }
    return { name, contentType, bytes };
  });
}

/** Quoted ASCII name for old clients, RFC 5987 `filename*` with the exact name for everyone else. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
