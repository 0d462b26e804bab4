import { badRequest, notFound } from "../http/api-error.ts";
import { asObject, asUserId } from "../http/input.ts";
import { json } from "../http/replies.ts";
import type { RequestContext } from "../http/request-context.ts";
import type { Router } from "../http/router.ts";
import type { Pod } from "../runtime/pod.ts";
import type { UserRecord } from "../store/records.ts";
import {
  acceptConnection,
  CONNECTION_STATUSES,
  type ConnectionStatus,
  connectionBetween,
  connectionView,
  rejectConnection,
  removeConnection,
  requestConnection,
} from "./connection-book.ts";

/**
 * The pod's connection API (`/pod/v1/connection/…`, pod-api-public.yaml) for bots, and the dev API's
 * `POST /emulator/v1/connections` (a person asks someone, e.g. the bot, to connect) and
 * `POST /emulator/v1/connections/accept` (a person accepts a request, e.g. the bot's).
 */
export function registerConnectionRoutes(router: Router, pod: Pod): void {
  const { store } = pod;
  const userIdOf = async (ctx: RequestContext) =>
    store.requireUser(asUserId(asObject(await ctx.readJson()).userId, "userId"));

  router.add("GET", "/pod/v1/connection/list", (ctx) => {
    const caller = pod.sessions.authenticate(ctx, "pod");
    const wanted = statusFilter(ctx.query.get("status"));
    const only = ctx.query.get("userIds");
    const userIds = only
      ? new Set(only.split(",").map((id, i) => asUserId(id.trim(), `userIds[${i}]`)))
      : undefined;
    const views = [...store.connections.values()]
      .filter((record) => record.requesterId === caller.id || record.targetId === caller.id)
      .map((record) => connectionView(record, caller.id))
      .filter((view) => wanted.has(view.status as ConnectionStatus))
      .filter((view) => !userIds || userIds.has(view.userId as number));
    // Colleagues are connected implicitly: listed only when asked for by id and status ACCEPTED.
    if (userIds && wanted.has("ACCEPTED")) {
      for (const id of userIds) {
        const other = store.users.get(id);
        if (other && implicit(caller, other)) views.push({ userId: id, status: "ACCEPTED" });
      }
    }
    return json(views);
  });

  router.add("GET", "/pod/v1/connection/user/:uid/info", (ctx) => {
    const caller = pod.sessions.authenticate(ctx, "pod");
    const other = store.requireUser(asUserId(ctx.params.uid, "userId"));
    const record = connectionBetween(pod, caller.id, other.id);
    if (record) return json(connectionView(record, caller.id));
    if (implicit(caller, other)) return json({ userId: other.id, status: "ACCEPTED" });
    throw notFound(`No connection between ${caller.username} and ${other.username}`);
  });

  router.add("POST", "/pod/v1/connection/create", async (ctx) => {
    const caller = pod.sessions.authenticate(ctx, "pod");
    return json(connectionView(requestConnection(pod, caller, await userIdOf(ctx)), caller.id));
  });
  router.add("POST", "/pod/v1/connection/accept", async (ctx) => {
    const caller = pod.sessions.authenticate(ctx, "pod");
    return json(connectionView(acceptConnection(pod, caller, await userIdOf(ctx)), caller.id));
  });
  router.add("POST", "/pod/v1/connection/reject", async (ctx) => {
    const caller = pod.sessions.authenticate(ctx, "pod");
    return json(connectionView(rejectConnection(pod, caller, await userIdOf(ctx)), caller.id));
  });
  router.add("POST", "/pod/v1/connection/user/:uid/remove", (ctx) => {
    const caller = pod.sessions.authenticate(ctx, "pod");
    removeConnection(pod, caller, store.requireUser(asUserId(ctx.params.uid, "uid")));
    return json({ format: "TEXT", message: "Connection removed" });
  });

  // Dev API: a person (`as`, id or username) asks `userId` to connect, or accepts their request.
  const person = (value: unknown): UserRecord => {
    if (typeof value === "string" && !/^\d+$/.test(value)) {
      const user = store.userByUsername(value);
      if (!user) throw badRequest(`Unknown user ${JSON.stringify(value)} in "as"`, "UNKNOWN_USER");
      return user;
    }
    return store.requireUser(asUserId(value, "as"));
  };
  const devPair = async (ctx: RequestContext) => {
    const body = asObject(await ctx.readJson());
    return { as: person(body.as), other: person(body.userId) };
  };
  router.add("POST", "/emulator/v1/connections", async (ctx) => {
    const { as, other } = await devPair(ctx);
    return json(connectionView(requestConnection(pod, as, other), as.id), 201);
  });
  router.add("POST", "/emulator/v1/connections/accept", async (ctx) => {
    const { as, other } = await devPair(ctx);
    return json(connectionView(acceptConnection(pod, as, other), as.id));
  });
}

function implicit(a: UserRecord, b: UserRecord): boolean {
  return !a.external && !b.external;
}

/** `status` query: one status, or ALL; pending ones (both ways) by default, as the pod does. */
function statusFilter(value: string | null): Set<ConnectionStatus> {
  if (value === null || value === "") return new Set(["PENDING_INCOMING", "PENDING_OUTGOING"]);
  const upper = value.toUpperCase();
  if (upper === "ALL") return new Set(CONNECTION_STATUSES);
  if (!(CONNECTION_STATUSES as readonly string[]).includes(upper)) {
    throw badRequest(`"status" must be one of ${CONNECTION_STATUSES.join(", ")} or ALL`, "INVALID_PARAMETER");
  }
  return new Set([upper as ConnectionStatus]);
}
