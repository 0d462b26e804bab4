import { escapeText } from "@sprig/messageml";
import { ApiError, badRequest, notFound } from "../http/api-error.ts";
import { asObject, optionalString, requiredString } from "../http/input.ts";
import { idParam } from "../http/path-ids.ts";
import { json } from "../http/replies.ts";
import type { Router } from "../http/router.ts";
import type { Pod } from "../runtime/pod.ts";
import type { UserRecord } from "../store/records.ts";
import { postMessage } from "./message-service.ts";
import { readMessageForm } from "./multipart-form.ts";

/** What `/pod/v1/files/allowedTypes` lists: the extensions a pod accepts by default. */
export const ALLOWED_FILE_TYPES = [
  ".bmp",
  ".csv",
  ".doc",
  ".docx",
  ".gif",
  ".htm",
  ".html",
  ".ics",
  ".jpeg",
  ".jpg",
  ".json",
  ".key",
  ".log",
  ".md",
  ".mov",
  ".mp3",
  ".mp4",
  ".numbers",
  ".odp",
  ".ods",
  ".odt",
  ".pages",
  ".pdf",
  ".png",
  ".ppt",
  ".pptx",
  ".rtf",
  ".svg",
  ".tif",
  ".tiff",
  ".tsv",
  ".txt",
  ".wav",
  ".xls",
  ".xlsm",
  ".xlsx",
  ".xml",
  ".zip",
];

/**
 * Message operations beyond create / update / read: read status, blast to several streams, sharing an
 * article, and the attachment types the pod accepts.
 */
export function registerMessageOperationRoutes(router: Router, pod: Pod): void {
  const { store } = pod;

  /** `MessageStatus`: the emulator delivers at once and has no read receipts, so every member is "delivered". */
  router.add("GET", "/pod/v1/message/:mid/status", (ctx) => {
    const caller = pod.sessions.authenticate(ctx, "pod");
    const message = store.message(idParam(ctx.params.mid, "message id"));
    if (!message) throw notFound(`No message ${ctx.params.mid}`);
    const stream = store.requireStream(message.streamId);
    store.requireMember(stream, caller.id);
    const statusUser = (userId: number) => {
      const user = store.users.get(userId);
      return {
        userId: String(userId),
        firstName: user?.firstName,
        lastName: user?.lastName,
        displayName: user?.displayName,
        email: user?.email,
        userName: user?.username,
        timestamp: String(message.timestamp),
      };
    };
    return json({
      author: statusUser(message.userId),
      read: [],
      delivered: stream.members.filter((m) => m.userId !== message.userId).map((m) => statusUser(m.userId)),
      sent: [],
    });
  });

  /** The same message into each stream; a stream that refuses it is reported in `errors`, the rest still get it. */
  router.add("POST", "/agent/v4/message/blast", async (ctx) => {
    const author = pod.sessions.authenticate(ctx, "agent");
    const form = await readMessageForm(ctx, pod.settings.maxMultipartBodyBytes);
    if (form.sids.length === 0)
      throw badRequest('The "sids" part is required: the stream ids, comma-separated', "MISSING_FIELD");
    const messages: unknown[] = [];
    const errors: Record<string, unknown> = {};
    for (const raw of new Set(form.sids)) {
      try {
        const stream = store.requireStream(idParam(raw, "stream id"));
        const { view } = postMessage(pod, {
          stream,
          author,
          messageML: form.message,
          data: form.data,
          attachments: form.attachments,
          previews: form.previews,
        });
        messages.push(view);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        errors[raw] = error.body(false);
      }
    }
    return json({ messages, errors });
  });

  /** Shares an article (`ShareContent`) as a message from the caller: a card with the title, summary and link. */
  router.add("POST", "/agent/v3/stream/:sid/share", async (ctx) => {
    const author = pod.sessions.authenticate(ctx, "agent");
    const stream = store.requireStream(idParam(ctx.params.sid, "stream id"));
    const body = asObject(await ctx.readJson(), "Share content");
    const type = optionalString(body, "type", 100) ?? "com.symphony.sharing.article";
    if (type !== "com.symphony.sharing.article")
      throw badRequest(
        `Only "com.symphony.sharing.article" can be shared, not ${JSON.stringify(type)}`,
        "INVALID_FIELD",
      );
    const { record } = postMessage(pod, {
      stream,
      author,
      messageML: articleMessageML(asObject(body.content, '"content"')),
    });
    return json(v2Message(record.messageId, record.timestamp, stream.id, author, record.presentationML));
  });

  router.add("GET", "/pod/v1/files/allowedTypes", (ctx) => {
    pod.sessions.authenticate(ctx, "pod");
    return json(ALLOWED_FILE_TYPES);
  });
}

/** `ShareArticle` as MessageML: every field is text (escaped; never markup or a template). */
function articleMessageML(article: Record<string, unknown>): string {
  for (const key of ["appId", "author", "publisher", "title"]) requiredString(article, key, 1000);
  const field = (key: string) => escapeText(optionalString(article, key, 10_000) ?? "");
  const url = optionalString(article, "articleUrl", 2000);
  if (url !== undefined && !/^https?:\/\//i.test(url))
    throw badRequest('"content.articleUrl" must be an http(s) URL', "INVALID_FIELD");
  const summary = field("summary") || field("message");
  return [
    `<messageML><card accent="tempo-bg-color--blue"><header><b>${field("title")}</b>`,
    field("subTitle") ? ` — ${field("subTitle")}` : "",
    `<br/>${field("publisher")}, ${field("author")}</header><body>`,
    summary,
    url ? `<br/><a href="${escapeText(url)}"/>` : "",
    "</body></card></messageML>",
  ].join("");
}

function v2Message(
  id: string,
  timestamp: number,
  streamId: string,
  author: UserRecord,
  message: string,
): Record<string, unknown> {
  return {
    id,
    timestamp: String(timestamp),
    v2messageType: "V2Message",
    streamId,
    message,
    fromUserId: author.id,
    attachments: [],
  };
}
