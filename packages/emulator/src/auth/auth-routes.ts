import type { TLSSocket } from "node:tls";
import { ApiError } from "../http/api-error.ts";
import { asObject } from "../http/input.ts";
import { json } from "../http/replies.ts";
import type { RequestContext } from "../http/request-context.ts";
import type { Router } from "../http/router.ts";
import type { Pod } from "../runtime/pod.ts";
import { userV2 } from "../users/user-views.ts";
import { userForClientCertificate } from "./client-certificate.ts";
import { verifyLoginJwt } from "./login-jwt.ts";

const AGENT_VERSION = "Agent-25.8.1-sprig-emulator";

export function registerAuthRoutes(router: Router, pod: Pod): void {
  const rsaLogin = (kind: "session" | "keyManager") => async (ctx: RequestContext) => {
    const body = asObject((await ctx.readJson()) ?? {});
    const user = await verifyLoginJwt(body.token, pod.store, pod.clock.now());
    const record = pod.sessions.issue(user.id, kind);
    return json({ name: kind === "session" ? "sessionToken" : "keyManagerToken", token: record.token });
  };
  router.add("POST", "/login/pubkey/authenticate", rsaLogin("session"));
  router.add("POST", "/relay/pubkey/authenticate", rsaLogin("keyManager"));

  const certLogin = (kind: "session" | "keyManager") => (ctx: RequestContext) => {
    const user = userForClientCertificate(ctx.req.socket as TLSSocket, pod.store);
    const record = pod.sessions.issue(user.id, kind);
    return json({ name: kind === "session" ? "sessionToken" : "keyManagerToken", token: record.token });
  };
  router.add("POST", "/sessionauth/v1/authenticate", certLogin("session"));
  router.add("POST", "/keyauth/v1/authenticate", certLogin("keyManager"));

  router.add("POST", "/sessionauth/v1/logout", (ctx) => {
    const token = ctx.header("sessionToken");
    if (!token || !pod.sessions.resolve(token, "session"))
      throw new ApiError(401, "Invalid session", "UNAUTHORIZED");
    pod.sessions.end(token);
    return json({ message: "Logged out" }); // the authenticator's SuccessResponse: no `format`
  });

  router.add("GET", "/pod/v2/sessioninfo", (ctx) => json(userV2(pod.sessions.authenticate(ctx, "pod"))));

  // Health needs no session: deployment checks and bots call it before logging in.
  const health = () =>
    json({
      status: "UP",
      version: AGENT_VERSION.replace(/^Agent-/, ""),
      services: { pod: { status: "UP" }, key_manager: { status: "UP" }, datafeed: { status: "UP" } },
      users: {},
    });
  router.add("GET", "/agent/v3/health", health);
  // Extended: each service with its version, and the agent's own service users (how they log in).
  router.add("GET", "/agent/v3/health/extended", () => {
    const version = AGENT_VERSION.replace(/^Agent-/, "");
    const up = { status: "UP", version };
    return json({
      status: "UP",
      version,
      services: { pod: up, key_manager: up, datafeed: up, agentservice: up },
      users: {
        agentservice: { status: "UP", authType: "RSA" },
        ceservice: { status: "UP", authType: "RSA" },
      },
    });
  });

  // No session needed (as in the spec): the BDKs read the version before deciding how to log in.
  router.add("GET", "/agent/v1/info", (ctx) => {
    return json({
      ipAddress: "127.0.0.1",
      hostname: "localhost",
      serverFqdn: "localhost",
      version: AGENT_VERSION,
      url: `http://${ctx.header("host") ?? "localhost"}`,
      onPrem: true,
      mt: false,
      commitId: "sprig-emulator",
    });
  });
}
