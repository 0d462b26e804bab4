import { SignJWT } from "jose";
import { personFinder } from "../dev/dev-people.ts";
import { ApiError } from "../http/api-error.ts";
import { asObject } from "../http/input.ts";
import { json } from "../http/replies.ts";
import type { Router } from "../http/router.ts";
import type { Pod } from "../runtime/pod.ts";
import type { UserRecord } from "../store/records.ts";
import { isInstalledFor } from "./app-service.ts";
import type { PodSigningKey } from "./pod-signing-key.ts";

/** What the pod writes in `iss` (as the developer docs and the BDK's tests show it). */
const ISSUER = "Symphony Communication Services LLC.";
const USER_JWT_LIFETIME_SECONDS = 60 * 60;

/**
 * The extension-app flow's last step. On a pod, the client hands an app's front end a JWT about the
 * person using it (`extended-user-info`'s `getJwt()`), signed by the pod; the app's back end checks
 * it with the pod certificate (`GET /pod/v1/podcert`, or `/sessionauth/v1/app/pod/certificate` for
 * certificate-authenticated apps) — BDK-Java's `validateJwt`. Here the dev API plays the client:
 * `POST /emulator/v1/apps/{appId}/jwt {"user": id or username}`.
 */
export function registerUserJwtRoutes(
  router: Router,
  pod: Pod,
  signingKey: () => Promise<PodSigningKey>,
): void {
  const certificate = async () => json({ certificate: (await signingKey()).certificatePem });
  router.add("GET", "/pod/v1/podcert", certificate);
  router.add("GET", "/sessionauth/v1/app/pod/certificate", certificate);

  const person = personFinder(pod.store);
  router.add("POST", "/emulator/v1/apps/:appId/jwt", async (ctx) => {
    const app = pod.store.apps.get(ctx.params.appId ?? "");
    if (!app)
      throw new ApiError(404, `No app ${JSON.stringify(ctx.params.appId)} on this pod`, "UNKNOWN_APP");
    const user = person(asObject((await ctx.readJson()) ?? {}).user, "user");
    if (!isInstalledFor(app, user))
      throw new ApiError(
        403,
        `App ${app.appId} is not installed for user ${user.id} (${user.username}): the client gives it no JWT`,
        "APP_NOT_ENTITLED",
      );
    // The client answers getJwt() only once the app completed its circle of trust (the docs' "known issue").
    if (!hasAppSession(pod, app.appId))
      throw new ApiError(
        409,
        `App ${app.appId} has not authenticated: call POST /login/v1/pubkey/app/authenticate/extensionApp first (the client gives a JWT only after the circle of trust)`,
        "APP_NOT_AUTHENTICATED",
      );
    const now = Math.floor(pod.clock.now() / 1000);
    // `sub` is the numeric user id, as the pod writes it (not a string, as RFC 7519 would have it).
    const jwt = await new SignJWT({ sub: user.id, user: userClaim(user) } as Record<string, unknown>)
      .setProtectedHeader({ alg: "RS512", typ: "JWT" })
      .setIssuer(ISSUER)
      .setAudience(app.appId)
      .setIssuedAt(now)
      .setExpirationTime(now + USER_JWT_LIFETIME_SECONDS)
      .sign((await signingKey()).privateKey);
    return json({ jwt });
  });
}

/** The `user` claim: the person's profile; `username` holds the email address, as since client 1.55.3. */
function userClaim(user: UserRecord): Record<string, unknown> {
  return {
    id: user.id,
    emailAddress: user.email,
    username: user.email ?? user.username,
    firstName: user.firstName,
    lastName: user.lastName,
    displayName: user.displayName,
    title: user.title,
    company: user.company ?? (user.external ? undefined : "sprig"),
    avatarUrl: "../avatars/static/150/default.png",
    avatarSmallUrl: "../avatars/static/50/default.png",
  };
}

function hasAppSession(pod: Pod, appId: string): boolean {
  const now = pod.clock.now();
  for (const session of pod.store.sessions.values()) {
    if (session.kind === "app" && session.appId === appId && session.expiresAt > now) return true;
  }
  return false;
}
