import { badRequest } from "../http/api-error.ts";
import {
  asObject,
  asUserId,
  booleanParam,
  intParam,
  optionalBoolean,
  optionalString,
} from "../http/input.ts";
import { idParam } from "../http/path-ids.ts";
import { json } from "../http/replies.ts";
import type { RequestContext } from "../http/request-context.ts";
import type { Router } from "../http/router.ts";
import type { Pod } from "../runtime/pod.ts";
import type { PodStore } from "../store/pod-store.ts";
import type { MessageRecord, StreamRecord, UserRecord } from "../store/records.ts";
import { roomAttributeChanges, roomAttributesForCreate } from "./room-attributes-input.ts";
import { parseRoomSearchCriteria, searchRooms } from "./room-search.ts";
import {
  addMember,
  createRoom,
  ensureConversation,
  removeMember,
  setOwner,
  setRoomActive,
  updateRoom,
} from "./stream-service.ts";
import {
  memberInfo,
  streamAttributes,
  v1ImDetail,
  v1RoomDetail,
  v2StreamAttributes,
  v3RoomDetail,
} from "./stream-views.ts";

const STREAM_TYPES = new Set(["IM", "MIM", "ROOM", "POST"]);

export function registerStreamRoutes(router: Router, pod: Pod): void {
  const { store } = pod;

  const roomOf = (ctx: RequestContext) => store.requireStream(idParam(ctx.params.id, "room id"));

  router.add("POST", "/pod/v1/im/create", async (ctx) => {
    const user = pod.sessions.authenticate(ctx, "pod");
    const body = await ctx.readJson();
    if (!Array.isArray(body))
      throw badRequest("The body must be a JSON array of user ids, e.g. [7215545058313]", "INVALID_BODY");
    const ids = body.map((v, i) => asUserId(v, `[${i}]`));
    const others = ids.filter((id) => id !== user.id);
    for (const id of others) store.requireUser(id);
    return json({ id: ensureConversation(pod, user, others).id });
  });

  router.add("POST", "/pod/v3/room/create", async (ctx) => {
    const user = pod.sessions.authenticate(ctx, "pod");
    const stream = createRoom(pod, user, roomAttributesForCreate(asObject(await ctx.readJson())));
    return json(v3RoomDetail(stream));
  });

  router.add("POST", "/pod/v3/room/search", async (ctx) => {
    const user = pod.sessions.authenticate(ctx, "pod");
    const skip = intParam(ctx.query.get("skip"), "skip", 0);
    const limit = intParam(ctx.query.get("limit"), "limit", 50, 100);
    const body = await ctx.readJson();
    const criteria = parseRoomSearchCriteria(body);
    const found = searchRooms(
      store,
      user.id,
      criteria,
      booleanParam(ctx.query.get("includeNonDiscoverable"), "includeNonDiscoverable", false),
    );
    return json({
      count: found.length,
      skip,
      limit,
      // The criteria as understood: a null field is not given.
      query: Object.fromEntries(Object.entries(asObject(body)).filter(([, value]) => value !== null)),
      rooms: found.slice(skip, skip + limit).map(v3RoomDetail),
      facetedMatchCount: [],
    });
  });

  router.add("GET", "/pod/v3/room/:id/info", (ctx) => {
    const user = pod.sessions.authenticate(ctx, "pod");
    const stream = roomOf(ctx);
    store.requireMember(stream, user.id);
    if (stream.type !== "ROOM") throw badRequest(`Stream ${stream.id} is not a room`, "NOT_A_ROOM");
    return json(v3RoomDetail(stream));
  });

  router.add("POST", "/pod/v3/room/:id/update", async (ctx) => {
    const user = pod.sessions.authenticate(ctx, "pod");
    const stream = roomOf(ctx);
    const changes = roomAttributeChanges(asObject(await ctx.readJson()));
    if (changes.pinnedMessageId !== undefined)
      changes.pinnedMessageId = messageOf(stream, changes.pinnedMessageId).messageId;
    updateRoom(pod, stream, user, changes);
    return json(v3RoomDetail(stream));
  });

  /** A message to pin: it must be in the stream (and not suppressed). */
  const messageOf = (stream: StreamRecord, rawId: string): MessageRecord => {
    const message = store.message(idParam(rawId, "pinnedMessageId"));
    if (!message || message.streamId !== stream.id || message.suppressedAt !== undefined)
      throw badRequest(`No message ${rawId} in stream ${stream.id} to pin`, "UNKNOWN_MESSAGE");
    return message;
  };

  const imOf = (ctx: RequestContext, user: UserRecord) => {
    const stream = store.requireStream(idParam(ctx.params.id, "IM id"));
    store.requireMember(stream, user.id);
    if (stream.type === "ROOM") throw badRequest(`Stream ${stream.id} is a room, not an IM`, "NOT_AN_IM");
    return stream;
  };
  router.add("GET", "/pod/v1/im/:id/info", (ctx) =>
    json(v1ImDetail(imOf(ctx, pod.sessions.authenticate(ctx, "pod")))),
  );
  router.add("POST", "/pod/v1/im/:id/update", async (ctx) => {
    const user = pod.sessions.authenticate(ctx, "pod");
    const body = asObject(await ctx.readJson(), "IM attributes");
    const stream = imOf(ctx, user);
    const pinned = optionalString(body, "pinnedMessageId", 100);
    if (pinned !== undefined)
      stream.pinnedMessageId = pinned === "" ? undefined : messageOf(stream, pinned).messageId;
    pod.changed({ kind: "stream", stream });
    return json(v1ImDetail(stream));
  });

  router.add("POST", "/pod/v1/room/:id/setActive", (ctx) => {
    const user = pod.sessions.authenticate(ctx, "pod");
    const active = booleanParam(ctx.query.get("active"), "active");
    if (active === undefined)
      throw badRequest('Query parameter "active" is required (true or false)', "MISSING_PARAMETER");
    const stream = roomOf(ctx);
    setRoomActive(pod, stream, user, active);
    return json(v1RoomDetail(stream));
  });

  router.add("GET", "/pod/v2/room/:id/membership/list", (ctx) => {
    const user = pod.sessions.authenticate(ctx, "pod");
    const stream = roomOf(ctx);
    store.requireMember(stream, user.id);
    return json(stream.members.map(memberInfo));
  });

  const membership = (action: "add" | "remove" | "promoteOwner" | "demoteOwner", done: string) =>
    router.add("POST", `/pod/v1/room/:id/membership/${action}`, async (ctx) => {
      const actor = pod.sessions.authenticate(ctx, "pod");
      const stream = roomOf(ctx);
      const target = store.requireUser(asUserId(asObject(await ctx.readJson()).id, "id"));
      if (action === "add") addMember(pod, stream, actor, target);
      if (action === "remove") removeMember(pod, stream, actor, target);
      if (action === "promoteOwner") setOwner(pod, stream, actor, target, true);
      if (action === "demoteOwner") setOwner(pod, stream, actor, target, false);
      return json({ format: "TEXT", message: done });
    });
  membership("add", "Member added");
  membership("remove", "Member removed");
  membership("promoteOwner", "Member promoted to owner");
  membership("demoteOwner", "Member demoted from owner");

  router.add("POST", "/pod/v1/streams/list", async (ctx) => {
    const user = pod.sessions.authenticate(ctx, "pod");
    const skip = intParam(ctx.query.get("skip"), "skip", 0);
    const limit = intParam(ctx.query.get("limit"), "limit", 50, 1000);
    const streams = streamsMatching(store, user.id, await ctx.readJson());
    return json(streams.slice(skip, skip + limit).map(streamAttributes));
  });

  router.add("GET", "/pod/v2/streams/:sid/info", (ctx) => {
    const user = pod.sessions.authenticate(ctx, "pod");
    const stream = store.requireStream(idParam(ctx.params.sid, "stream id"));
    store.requireMember(stream, user.id);
    return json(v2StreamAttributes(stream));
  });
}

/** A user's streams that pass a `StreamFilter` (inactive ones only when asked), oldest first. */
export function streamsMatching(store: PodStore, userId: number, body: unknown): StreamRecord[] {
  const filter = asObject(body ?? {}, "Stream filter");
  const includeInactive = optionalBoolean(filter, "includeInactiveStreams") ?? false;
  const types = streamTypes(filter.streamTypes);
  return store
    .streamsOf(userId)
    .filter((s) => (includeInactive || s.active) && (types === undefined || types.has(s.type)))
    .sort((a, b) => a.createdAt - b.createdAt);
}

function streamTypes(value: unknown): Set<string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value))
    throw badRequest('"streamTypes" must be an array like [{"type":"ROOM"}]', "INVALID_FIELD");
  const types = new Set<string>();
  for (const item of value) {
    const type = item && typeof item === "object" ? (item as { type?: unknown }).type : undefined;
    if (typeof type !== "string" || !STREAM_TYPES.has(type)) {
      throw badRequest('Each stream type must be {"type": "IM" | "MIM" | "ROOM" | "POST"}', "INVALID_FIELD");
    }
    types.add(type);
  }
  return types.size === 0 ? undefined : types;
}
