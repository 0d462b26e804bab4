import { badRequest, forbidden } from "../http/api-error.ts";
import { asUserId, intParam } from "../http/input.ts";
import { idParam } from "../http/path-ids.ts";
import { empty, json } from "../http/replies.ts";
import type { RequestContext } from "../http/request-context.ts";
import type { Router } from "../http/router.ts";
import type { Pod } from "../runtime/pod.ts";
import type { UserRecord } from "../store/records.ts";
import { streamsMatching } from "../streams/stream-routes.ts";
import { streamAttributes, v2MemberInfo } from "../streams/stream-views.ts";
import { v2UserDetail } from "../users/user-views.ts";

/**
 * The admin routes a bot commonly calls (`/pod/…/admin/…`). On a pod they need an admin role
 * (User Provisioning, Content Management); here every service account has it and no person does.
 */
export function registerAdminRoutes(router: Router, pod: Pod): void {
  const { store } = pod;
  const admin = (ctx: RequestContext): UserRecord => {
    const caller = pod.sessions.authenticate(ctx, "pod");
    if (!caller.bot)
      throw forbidden(`${caller.username} has no admin role: admin calls are for service accounts here`);
    return caller;
  };
  const userAt = (raw: string | undefined) => {
    const user = store.users.get(asUserId(raw, "uid"));
    // The spec declares no 404 here: an unknown user is a bad request.
    if (!user) throw badRequest(`No user with id ${raw}`, "UNKNOWN_USER");
    return user;
  };

  router.add("GET", "/pod/v2/admin/user/:uid", (ctx) => {
    admin(ctx);
    return json(v2UserDetail(userAt(ctx.params.uid)));
  });

  router.add("POST", "/pod/v1/admin/user/:uid/streams/list", async (ctx) => {
    admin(ctx);
    const filter = await ctx.readJson();
    const user = userAt(ctx.params.uid);
    const skip = intParam(ctx.query.get("skip"), "skip", 0);
    const limit = intParam(ctx.query.get("limit"), "limit", 50, 1000);
    const page = streamsMatching(store, user.id, filter).slice(skip, skip + limit);
    return page.length === 0 ? empty(204) : json(page.map(streamAttributes));
  });

  router.add("GET", "/pod/v1/admin/stream/:id/membership/list", (ctx) => {
    admin(ctx);
    const stream = store.requireStream(idParam(ctx.params.id, "stream id"));
    const skip = intParam(ctx.query.get("skip"), "skip", 0);
    const limit = intParam(ctx.query.get("limit"), "limit", 100, 1000);
    const members = stream.members
      .slice(skip, skip + limit)
      .map((member) => v2MemberInfo(stream, member, store.users.get(member.userId)));
    return json({ count: stream.members.length, skip, limit, members });
  });
}
