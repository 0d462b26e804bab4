import { forbidden, notFound } from "../http/api-error.ts";
import { asObject, asUserId, booleanParam, intParam, userIdList } from "../http/input.ts";
import { json } from "../http/replies.ts";
import type { Router } from "../http/router.ts";
import type { Pod } from "../runtime/pod.ts";
import { PresenceBook } from "./presence-book.ts";

/** Presence (`/pod/v2/user/presence`, `/pod/v3/user/…/presence`, the presence feed), pod-api-public.yaml. */
export function registerPresenceRoutes(router: Router, pod: Pod): PresenceBook {
  const { store } = pod;
  const book = new PresenceBook(pod);
  const userAt = (raw: string | undefined) => {
    const user = store.users.get(asUserId(raw, "uid"));
    if (!user) throw notFound(`No user with id ${raw}`);
    return user;
  };

  router.add("GET", "/pod/v2/user/presence", (ctx) => json(book.of(pod.sessions.authenticate(ctx, "pod"))));
  router.add("POST", "/pod/v2/user/presence", async (ctx) => {
    const caller = pod.sessions.authenticate(ctx, "pod");
    const body = asObject(await ctx.readJson(), "Presence");
    return json(book.set(caller, body.category, booleanParam(ctx.query.get("soft"), "soft", false)));
  });
  router.add("GET", "/pod/v3/user/:uid/presence", (ctx) => {
    pod.sessions.authenticate(ctx, "pod");
    return json(book.of(userAt(ctx.params.uid), booleanParam(ctx.query.get("local"), "local", false)));
  });
  // Someone else's presence: only a service account may (on a pod, one with the admin role).
  router.add("POST", "/pod/v3/user/presence", async (ctx) => {
    const caller = pod.sessions.authenticate(ctx, "pod");
    const body = asObject(await ctx.readJson(), "User presence");
    const target = userAt(String(asUserId(body.userId, "userId")));
    if (target.id !== caller.id && !caller.bot)
      throw forbidden(`${caller.username} may not set the presence of ${target.username}`);
    return json(book.set(target, body.category, booleanParam(ctx.query.get("soft"), "soft", false)));
  });
  router.add("GET", "/pod/v2/users/presence", (ctx) => {
    pod.sessions.authenticate(ctx, "pod");
    const after = ctx.query.get("lastUserId");
    const from = after === null || after === "" ? 0 : asUserId(after, "lastUserId");
    const limit = intParam(ctx.query.get("limit"), "limit", 1000, 5000);
    const colleagues = [...store.users.values()]
      .filter((user) => !user.external && user.id > from)
      .sort((a, b) => a.id - b.id)
      .slice(0, limit);
    return json(colleagues.map((user) => book.of(user)));
  });
  router.add("POST", "/pod/v1/user/presence/register", async (ctx) => {
    pod.sessions.authenticate(ctx, "pod");
    for (const id of userIdList(await ctx.readJson(), "uidList")) userAt(String(id));
    return json({ format: "TEXT", message: "OK" });
  });

  router.add("POST", "/pod/v1/presence/feed/create", (ctx) =>
    json({ id: book.createFeed(pod.sessions.authenticate(ctx, "pod")) }),
  );
  router.add("GET", "/pod/v1/presence/feed/:feedId/read", (ctx) =>
    json(book.readFeed(pod.sessions.authenticate(ctx, "pod"), ctx.params.feedId ?? "")),
  );
  router.add("POST", "/pod/v1/presence/feed/:feedId/delete", (ctx) => {
    const id = ctx.params.feedId ?? "";
    book.deleteFeed(pod.sessions.authenticate(ctx, "pod"), id);
    return json({ id });
  });
  return book;
}
