import type { AppConfig } from "../config/config-types.ts";
import { isSymphonyError, SymphonyError } from "../errors/symphony-error.ts";
import type { Clock } from "../http/clock.ts";
import { SymphonyHttpError } from "../http/http-error.ts";
import type { RestClient } from "../http/rest-client.ts";
import type { SessionTokens, TokenProvider } from "../http/session-tokens.ts";
import type { SecretRegistry } from "../logging/secret-registry.ts";
import { createBotJwt } from "./bot-jwt.ts";
import { performLogin } from "./login-call.ts";

/**
 * Whom to act for: a user id (number), a username (string), or a user object (a core `User`, a
 * `V4User`…) by its id.
 */
export type OboUser = number | string | { readonly id: string | number } | { readonly userId: number };

/** The path segment of the OBO login: `user/{id}` or `username/{name}`. */
export function oboTarget(who: OboUser): { path: string; describe: string } {
  if (typeof who === "string")
    return { path: `username/${encodeURIComponent(who)}`, describe: `username "${who}"` };
  const id = typeof who === "number" ? who : "userId" in who ? who.userId : who.id;
  if (!/^\d{1,19}$/.test(String(id))) {
    throw new SymphonyError(
      "CONFIG_INVALID_VALUE",
      `onBehalfOf needs a user id (digits), a username or a user; got id ${JSON.stringify(id)}.`,
    );
  }
  return { path: `user/${id}`, describe: `user id ${id}` };
}

/**
 * The extension app's own session (`POST /login/pubkey/app/authenticate`, a JWT whose `sub` is the
 * app id, signed with the app's key): shared by every OBO session of the connection, single flight.
 */
export class AppSession {
  #current: string | undefined;
  #pending: Promise<string> | undefined;

  constructor(
    private readonly client: RestClient,
    private readonly app: AppConfig,
    private readonly clock: Clock,
    private readonly secrets?: SecretRegistry,
  ) {}

  get appId(): string {
    return this.app.appId;
  }

  /** The app's session token, logging the app in first if there is none. */
  token(): Promise<string> {
    if (this.#current) return Promise.resolve(this.#current);
    this.#pending ??= this.#login().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  /** `stale` was refused: log in again (once for all who saw it refused). */
  async refresh(stale: string): Promise<string> {
    if (this.#current === stale) this.#current = undefined;
    return this.token();
  }

  async #login(): Promise<string> {
    const token = await performLogin(this.client, {
      service: "pod",
      path: "/login/pubkey/app/authenticate",
      body: { token: await createBotJwt(this.app.appId, this.app.privateKeyPem, this.clock.now()) },
      what: "app session token",
      refusedHint: `Check that app.appId ("${this.app.appId}") is the extension app's id on the pod and that the public key of app.privateKey is registered for it.`,
    });
    this.secrets?.addRotating(token);
    this.#current = token;
    return token;
  }
}

/**
 * A session on behalf of one user (`POST /login/pubkey/app/user/{id}/authenticate` or
 * `…/username/{name}/authenticate` with the app's session): the tokens of every call made as that
 * user. No key-manager token (the agent takes the delegated session alone). A 401 on a call logs in
 * again; a refused app session is renewed once on the way.
 */
export class OboSession implements TokenProvider {
  #current: SessionTokens | undefined;
  #pending: Promise<SessionTokens> | undefined;

  constructor(
    private readonly client: RestClient,
    private readonly app: AppSession,
    private readonly who: OboUser,
    private readonly secrets?: SecretRegistry,
  ) {}

  tokens(): Promise<SessionTokens> {
    return this.#current ? Promise.resolve(this.#current) : this.login();
  }

  async refresh(stale: SessionTokens): Promise<void> {
    if (this.#current && this.#current !== stale) return;
    this.#current = undefined;
    await this.login();
  }

  login(): Promise<SessionTokens> {
    this.#pending ??= this.#login().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #login(): Promise<SessionTokens> {
    const appToken = await this.app.token();
    let sessionToken: string;
    try {
      sessionToken = await this.#userLogin(appToken);
    } catch (error) {
      // The app's session may have expired since it was obtained: renew it once and ask again.
      if (!isSymphonyError(error, "AUTH_REJECTED") || !(error.cause instanceof SymphonyHttpError))
        throw error;
      if (error.cause.status !== 401) throw error;
      sessionToken = await this.#userLogin(await this.app.refresh(appToken));
    }
    this.secrets?.addRotating(sessionToken);
    this.#current = { sessionToken, keyManagerToken: "" };
    return this.#current;
  }

  #userLogin(appToken: string): Promise<string> {
    const target = oboTarget(this.who);
    return performLogin(this.client, {
      service: "pod",
      path: `/login/pubkey/app/${target.path}/authenticate`,
      sessionToken: appToken,
      what: `session on behalf of ${target.describe}`,
      refusedHint: `Check that ${target.describe} exists on the pod and that the extension app "${this.app.appId}" may act on their behalf (installed for them, with the OBO permissions).`,
    });
  }
}
