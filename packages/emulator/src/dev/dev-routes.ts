import { createApp, devAppView } from "../apps/app-service.ts";
import { EVENT_TYPES, payloadKeyOf } from "../events/event-factory.ts";
import type { FaultInjector } from "../faults/fault-injector.ts";
import { badRequest } from "../http/api-error.ts";
import { asObject, optionalBoolean, optionalString, requiredString, userIdList } from "../http/input.ts";
import { idParam } from "../http/path-ids.ts";
import { json } from "../http/replies.ts";
import type { RequestContext } from "../http/request-context.ts";
import type { Router } from "../http/router.ts";
import type { Pod } from "../runtime/pod.ts";
import type { UserRecord } from "../store/records.ts";
import {
  addMember,
  createRoom,
  defaultRoomAttributes,
  ensureConversation,
  removeMember,
  setOwner,
} from "../streams/stream-service.ts";
import { streamAttributes } from "../streams/stream-views.ts";
import { createUser, devUserView } from "../users/user-service.ts";
import { registerDevMessageRoutes } from "./dev-message-routes.ts";
import { devMembers, personFinder } from "./dev-people.ts";
import type { LiveEvents } from "./live-events.ts";

export interface DevControls {
  faults: FaultInjector;
  live: LiveEvents;
  reset(): Promise<void>;
}

/** `/emulator/v1`: what the web UI and tests use to act as people and to steer the pod. */
export function registerDevRoutes(router: Router, pod: Pod, controls: DevControls): void {
  const { store } = pod;
  const base = "/emulator/v1";

  const person = personFinder(store);
  const streamOf = (ctx: RequestContext) => store.requireStream(idParam(ctx.params.sid, "stream id"));
  const body = async (ctx: RequestContext) => asObject(await ctx.readJson());

  router.add("GET", `${base}/users`, () => json([...store.users.values()].map(devUserView)));
  router.add("POST", `${base}/users`, async (ctx) =>
    json(devUserView(createUser(pod, await ctx.readJson())), 201),
  );
  router.add("GET", `${base}/apps`, () => json([...store.apps.values()].map(devAppView)));
  router.add("POST", `${base}/apps`, async (ctx) =>
    json(devAppView(createApp(pod, await ctx.readJson())), 201),
  );
  router.add("GET", `${base}/users/:uid/events`, (ctx) => {
    const userId = person(ctx.params.uid, "uid").id;
    controls.live.open(
      ctx.res,
      userId,
      ctx.header("last-event-id") ?? ctx.query.get("lastEventId") ?? undefined,
    );
    return "handled";
  });
  router.add("GET", `${base}/users/:uid/streams`, (ctx) =>
    json(
      store.streamsOf(person(ctx.params.uid, "uid").id).map((stream) => ({
        ...streamAttributes(stream),
        members: devMembers(stream, store),
      })),
    ),
  );

  router.add("POST", `${base}/rooms`, async (ctx) => {
    const b = await body(ctx);
    const creator = person(b.creatorId, "creatorId");
    const attributes = { ...defaultRoomAttributes(requiredString(b, "name", 256)) };
    const description = optionalString(b, "description", 4000);
    if (description !== undefined) attributes.description = description;
    const memberIds = userIdList(b.memberIds, "memberIds");
    const ownerIds = userIdList(b.ownerIds, "ownerIds");
    for (const id of [...memberIds, ...ownerIds]) store.requireUser(id);
    const stream = createRoom(pod, creator, attributes);
    for (const id of new Set([...memberIds, ...ownerIds])) {
      if (id !== creator.id) addMember(pod, stream, creator, store.requireUser(id), ownerIds.includes(id));
    }
    return json({ streamId: stream.id }, 201);
  });

  router.add("POST", `${base}/ims`, async (ctx) => {
    const ids = userIdList((await body(ctx)).userIds, "userIds");
    if (ids.length < 2) throw badRequest('"userIds" needs at least two users', "INVALID_FIELD");
    const [first, ...others] = ids.map((id) => store.requireUser(id));
    return json(
      {
        streamId: ensureConversation(
          pod,
          first!,
          others.map((u) => u.id),
        ).id,
      },
      201,
    );
  });

  registerDevMessageRoutes(router, pod, base);

  router.add("POST", `${base}/streams/:sid/members`, async (ctx) => {
    const b = await body(ctx);
    const stream = streamOf(ctx);
    const user = person(b.userId, "userId");
    const actor = b.as === undefined ? ownerOf(stream.members, user) : person(b.as);
    const added = addMember(pod, stream, actor, user, optionalBoolean(b, "owner") ?? false);
    return json({ added });
  });
  router.add("DELETE", `${base}/streams/:sid/members/:uid`, (ctx) => {
    const stream = streamOf(ctx);
    const user = person(ctx.params.uid, "uid");
    return json({ removed: removeMember(pod, stream, user, user) });
  });
  const promotion = (path: string, owner: boolean) =>
    router.add("POST", `${base}/streams/:sid/members/:uid/${path}`, (ctx) => {
      const stream = streamOf(ctx);
      const user = person(ctx.params.uid, "uid");
      setOwner(pod, stream, ownerOf(stream.members, user), user, owner);
      return json({ owner });
    });
  promotion("promote", true);
  promotion("demote", false);

  function ownerOf(members: Array<{ userId: number; owner: boolean }>, fallback: UserRecord): UserRecord {
    const owner = members.find((m) => m.owner);
    return owner ? store.requireUser(owner.userId) : fallback;
  }

  /**
   * Deliver an event the emulator's own actions never cause (SHAREDPOST, CONNECTIONREQUESTED,
   * GENERICSYSTEMEVENT, …) to some people's feeds: `{type, initiator, payload, userIds, messageId?}`,
   * where `payload` is the body under the type's payload key. id, timestamp and the full initiator are filled in.
   */
  router.add("POST", `${base}/events`, async (ctx) => {
    const b = await body(ctx);
    const type = requiredString(b, "type", 64);
    if (!EVENT_TYPES.includes(type))
      throw badRequest(`Unknown event type ${type}; one of ${EVENT_TYPES.join(", ")}`, "INVALID_FIELD");
    const initiator = person(b.initiator, "initiator");
    const recipients = userIdList(b.userIds, "userIds").map((id) => store.requireUser(id).id);
    if (recipients.length === 0) throw badRequest('"userIds" names nobody to deliver to', "INVALID_FIELD");
    const payload = b.payload === undefined ? {} : asObject(b.payload, '"payload"');
    const event = pod.events.create(
      type,
      initiator,
      unwrapPayload(type, payload),
      optionalString(b, "messageId", 100),
    );
    pod.hub.publish(event, recipients);
    return json(event, 201);
  });

  router.add("GET", `${base}/faults`, () => json(controls.faults.list()));
  router.add("POST", `${base}/faults`, async (ctx) => json(controls.faults.add(await ctx.readJson()), 201));
  router.add("DELETE", `${base}/faults`, () => {
    controls.faults.clear();
    return json({ cleared: true });
  });
  router.add("POST", `${base}/sessions/expire`, () => {
    const expired = pod.sessions.expireAll();
    return json({ expired });
  });
  router.add("POST", `${base}/datafeed/duplicate`, async (ctx) => {
    const { count, kind = "same" } = await body(ctx);
    if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > 10_000) {
      throw badRequest('"count" must be an integer between 1 and 10000', "INVALID_FIELD");
    }
    if (kind !== "same" && kind !== "otherPod") {
      throw badRequest(
        '"kind" must be "same" (a redelivery) or "otherPod" (a new event id)',
        "INVALID_FIELD",
      );
    }
    pod.hub.duplicateNext(count as number, kind);
    return json({ duplicating: count, kind });
  });
  router.add("POST", `${base}/reset`, async () => {
    await controls.reset();
    return json({ reset: true });
  });
}

/**
 * `payload` is the body under the type's key (`{formMessageId, …}` for SYMPHONYELEMENTSACTION).
 * A payload given as a datafeed shows it (`{symphonyElementsAction: {…}}`) is taken as meant, not
 * wrapped a second time into an event no bot could read; anything else beside that key is refused.
 */
function unwrapPayload(type: string, payload: Record<string, unknown>): Record<string, unknown> {
  const key = payloadKeyOf(type);
  if (key === undefined || !(key in payload)) return payload;
  if (Object.keys(payload).length !== 1) {
    throw badRequest(
      `"payload" holds "${key}" beside other fields: give the body under "${key}" alone, or only the body`,
      "INVALID_FIELD",
    );
  }
  return asObject(payload[key], `"payload.${key}"`);
}
