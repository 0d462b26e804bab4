import { isInstalledFor } from "../apps/app-service.ts";
import { ApiError, unauthorized } from "../http/api-error.ts";
import { asObject } from "../http/input.ts";
import { json } from "../http/replies.ts";
import type { RequestContext } from "../http/request-context.ts";
import type { Router } from "../http/router.ts";
import type { Pod } from "../runtime/pod.ts";
import type { AppRecord, UserRecord } from "../store/records.ts";
import { verifyAppJwt } from "./login-jwt.ts";

/**
 * Extension apps (`POST /emulator/v1/apps`): the app logs in with a JWT signed by its key (`sub` =
 * app id), then asks for a session on behalf of a user (OBO). That session acts as the user on every
 * pod and agent route, without a key-manager token (as the agent accepts delegated sessions).
 */
export function registerAppAuthRoutes(router: Router, pod: Pod): void {
  router.add("POST", "/login/pubkey/app/authenticate", async (ctx) => {
    const app = await verifyAppJwt(asObject((await ctx.readJson()) ?? {}).token, pod.store, pod.clock.now());
    return json({ name: "sessionToken", token: pod.sessions.issue(0, "app", app.appId).token });
  });

  const onBehalfOf = (find: (ctx: RequestContext) => UserRecord | undefined) => (ctx: RequestContext) => {
    const app = appOfSession(pod, ctx);
    const user = find(ctx);
    if (!user)
      throw new ApiError(401, `Invalid user: no user ${describeUser(ctx)} on this pod`, "UNKNOWN_USER");
    if (!isInstalledFor(app, user)) {
      throw new ApiError(
        403,
        `App ${app.appId} is not entitled to act on behalf of user ${user.id} (${user.username})`,
        "APP_NOT_ENTITLED",
      );
    }
    return json({ name: "sessionToken", token: pod.sessions.issue(user.id, "session", app.appId).token });
  };
  router.add(
    "POST",
    "/login/pubkey/app/user/:uid/authenticate",
    onBehalfOf((ctx) =>
      /^\d{1,16}$/.test(ctx.params.uid ?? "") ? pod.store.users.get(Number(ctx.params.uid)) : undefined,
    ),
  );
  router.add(
    "POST",
    "/login/pubkey/app/username/:username/authenticate",
    onBehalfOf((ctx) => pod.store.userByUsername(ctx.params.username ?? "")),
  );

  // The extension app's circle of trust: the app sends its own token and a JWT; the pod answers
  // with a Symphony token the app later shows to prove it talks to this pod.
  router.add("POST", "/login/v1/pubkey/app/authenticate/extensionApp", async (ctx) => {
    const body = asObject((await ctx.readJson()) ?? {});
    if (typeof body.appToken !== "string" || body.appToken === "")
      throw new ApiError(400, '"appToken" is required (the token the app generated)', "MISSING_FIELD");
    const app = await verifyAppJwt(body.authToken, pod.store, pod.clock.now());
    const record = pod.sessions.issue(0, "app", app.appId);
    return json({
      appId: app.appId,
      appToken: body.appToken,
      symphonyToken: record.token,
      expireAt: record.expiresAt,
    });
  });
}

function appOfSession(pod: Pod, ctx: RequestContext): AppRecord {
  const token = ctx.header("sessionToken");
  if (!token) throw unauthorized("Missing sessionToken header: send the app's session token");
  const session = pod.sessions.live(token, "app");
  const app = session?.appId === undefined ? undefined : pod.store.apps.get(session.appId);
  if (!app)
    throw unauthorized(
      "Invalid app session: the sessionToken is not an app's, or it expired; authenticate the app again",
    );
  return app;
}

function describeUser(ctx: RequestContext): string {
  return ctx.params.uid !== undefined
    ? `with id ${ctx.params.uid}`
    : `named ${JSON.stringify(ctx.params.username)}`;
}
