import { badRequest, forbidden } from "../http/api-error.ts";
import { asObject, intParam } from "../http/input.ts";
import { idParam } from "../http/path-ids.ts";
import { empty, json, jsonText } from "../http/replies.ts";
import type { RequestContext } from "../http/request-context.ts";
import type { Router } from "../http/router.ts";
import type { Pod } from "../runtime/pod.ts";
import type { MessageRecord, StreamRecord, UserRecord } from "../store/records.ts";
import { parseSearchQuery, parseSearchQueryString, searchMessages } from "./message-search.ts";
import { type NewMessage, postMessage, suppressMessage, updateMessage } from "./message-service.ts";
import { v4Message } from "./message-views.ts";
import { type MessageForm, readMessageForm } from "./multipart-form.ts";

export function registerMessageRoutes(router: Router, pod: Pod): void {
  const { store } = pod;

  const visibleMessage = (user: UserRecord, rawId: string | null | undefined): MessageRecord => {
    const message = store.message(idParam(rawId, "message id"));
    if (!message) throw badRequest(`Message ${rawId} not found`, "UNKNOWN_MESSAGE");
    const stream = store.requireStream(message.streamId);
    store.requireMember(stream, user.id);
    return message;
  };

  router.add("POST", "/agent/v4/stream/:sid/message/create", async (ctx) => {
    const user = pod.sessions.authenticate(ctx, "agent");
    const stream = store.requireStream(idParam(ctx.params.sid, "stream id"));
    const form = await readMessageForm(ctx, pod.settings.maxMultipartBodyBytes);
    // No silent here: the agent's create declares none (only update does), so it is ignored.
    return jsonText(postMessage(pod, newMessage(stream, user, form)).viewJson);
  });

  router.add("POST", "/agent/v4/stream/:sid/message/:mid/update", async (ctx) => {
    const user = pod.sessions.authenticate(ctx, "agent");
    const stream = store.requireStream(idParam(ctx.params.sid, "stream id"));
    const original = visibleMessage(user, ctx.params.mid);
    const form = await readMessageForm(ctx, pod.settings.maxMultipartBodyBytes);
    const updated = updateMessage(pod, original, { ...newMessage(stream, user, form), silent: form.silent });
    return jsonText(updated.viewJson);
  });

  router.add("GET", "/agent/v4/stream/:sid/message", (ctx) => {
    const user = pod.sessions.authenticate(ctx, "agent");
    const stream = store.requireStream(idParam(ctx.params.sid, "stream id"));
    store.requireMember(stream, user.id);
    if (ctx.query.get("since") === null)
      throw badRequest('Query parameter "since" is required (epoch milliseconds)', "INVALID_PARAMETER");
    const since = intParam(ctx.query.get("since"), "since", 0);
    const until = intParam(ctx.query.get("until"), "until", Number.MAX_SAFE_INTEGER);
    const skip = intParam(ctx.query.get("skip"), "skip", 0);
    const limit = intParam(ctx.query.get("limit"), "limit", 50, 500);
    const page = (store.streamMessages.get(stream.id) ?? [])
      .filter(
        (m) =>
          m.timestamp >= since &&
          m.timestamp <= until &&
          m.suppressedAt === undefined &&
          m.replacedBy === undefined,
      )
      .slice(skip, skip + limit);
    return page.length === 0 ? empty(204) : json(page.map((m) => v4Message(m, store)));
  });

  const search = (ctx: RequestContext, query: ReturnType<typeof parseSearchQuery>) => {
    const user = pod.sessions.authenticate(ctx, "agent");
    const skip = intParam(ctx.query.get("skip"), "skip", 0);
    const limit = intParam(ctx.query.get("limit"), "limit", 50, 500);
    let found = searchMessages(store, user.id, query);
    if (ctx.query.get("sortDir") !== "ASC") found = found.reverse();
    const page = found.slice(skip, skip + limit);
    return page.length === 0 ? empty(204) : json(page.map((m) => v4Message(m, store)));
  };
  router.add("GET", "/agent/v1/message/search", (ctx) => {
    pod.sessions.authenticate(ctx, "agent");
    return search(ctx, parseSearchQueryString(ctx.query.get("query")));
  });
  router.add("POST", "/agent/v1/message/search", async (ctx) => {
    pod.sessions.authenticate(ctx, "agent");
    return search(ctx, parseSearchQuery(asObject(await ctx.readJson())));
  });

  // After the search routes: the first matching route wins, and "search" would match ":id".
  router.add("GET", "/agent/v1/message/:id", (ctx) => {
    const user = pod.sessions.authenticate(ctx, "agent");
    return json(v4Message(visibleMessage(user, ctx.params.id), store));
  });

  router.add("POST", "/pod/v1/admin/messagesuppression/:id/suppress", (ctx) => {
    const user = pod.sessions.authenticate(ctx, "pod");
    const message = visibleMessage(user, ctx.params.id);
    const stream = store.requireStream(message.streamId);
    const isOwner = stream.members.some((m) => m.userId === user.id && m.owner);
    if (message.userId !== user.id && !isOwner)
      throw forbidden("Only the author or a room owner can suppress a message");
    suppressMessage(pod, message, user);
    return json({ messageId: message.messageId, suppressed: true, suppressionDate: message.suppressedAt });
  });

  router.add("GET", "/agent/v1/stream/:sid/attachment", (ctx) => {
    const user = pod.sessions.authenticate(ctx, "agent");
    const streamId = idParam(ctx.params.sid, "stream id");
    const message = visibleMessage(user, ctx.query.get("messageId"));
    if (message.streamId !== streamId)
      throw badRequest(`Message ${message.messageId} is not in stream ${streamId}`, "UNKNOWN_MESSAGE");
    const fileId = ctx.query.get("fileId");
    if (!fileId) throw badRequest('Query parameter "fileId" is required', "INVALID_PARAMETER");
    const wanted = idParam(fileId, "file id");
    for (const attachment of message.attachments) {
      if (attachment.id === wanted)
        return { status: 200, text: attachment.contentBase64, contentType: "application/octet-stream" };
      const preview = attachment.previews.find((p) => p.id === wanted);
      if (preview)
        return { status: 200, text: preview.contentBase64, contentType: "application/octet-stream" };
    }
    throw badRequest(`No attachment ${fileId} in message ${message.messageId}`, "UNKNOWN_ATTACHMENT");
  });

  router.add("GET", "/pod/v1/streams/:sid/attachments", (ctx) => {
    const user = pod.sessions.authenticate(ctx, "pod");
    const stream = store.requireStream(idParam(ctx.params.sid, "stream id"));
    store.requireMember(stream, user.id);
    const limit = intParam(ctx.query.get("limit"), "limit", 50, 100);
    const items = (store.streamMessages.get(stream.id) ?? [])
      .filter((m) => m.suppressedAt === undefined)
      .flatMap((m) =>
        m.attachments.map((a) => ({
          messageId: m.messageId,
          ingestionDate: m.timestamp,
          userId: m.userId,
          fileId: a.id,
          name: a.name,
          size: a.size,
          "content-type": a.contentType,
          previews: a.previews.map((p) => ({ fileId: p.id, width: Number(p.dimension) })),
        })),
      );
    return json(items.slice(0, limit));
  });
}

/** What create and update both read from the form; `silent` is update's alone, so it is left out. */
function newMessage(stream: StreamRecord, author: UserRecord, form: MessageForm): NewMessage {
  return {
    stream,
    author,
    messageML: form.message,
    data: form.data,
    attachments: form.attachments,
    previews: form.previews,
  };
}
