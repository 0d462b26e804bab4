import { randomBytes, timingSafeEqual } from "node:crypto";
import type { AppConfig } from "../config/config-types.ts";
import { SymphonyError } from "../errors/symphony-error.ts";
import type { Clock } from "../http/clock.ts";
import type { RestClient } from "../http/rest-client.ts";
import type { SecretRegistry } from "../logging/secret-registry.ts";
import { createBotJwt } from "./bot-jwt.ts";
import { loginError } from "./login-call.ts";

/** The circle of trust's answer: the app's token, the pod's token for it, and when they expire. */
export interface ExtensionAppTokens {
  readonly appId: string;
  readonly appToken: string;
  readonly symphonyToken: string;
  /** Epoch milliseconds. */
  readonly expireAt: number;
}

/**
 * An extension app's side of Symphony's circle of trust (the BDK's `ExtensionAppAuthenticator`):
 * `appAuthenticate()` sends an app token with a JWT signed by the app's key to
 * `POST /login/v1/pubkey/app/authenticate/extensionApp` and keeps the Symphony token the pod answers;
 * `validateTokens(appToken, symphonyToken)` later tells whether a pair shown by the front end is
 * one this app obtained (and has not expired).
 */
export class ExtensionAppAuthenticator {
  readonly #pairs = new Map<string, ExtensionAppTokens>();

  constructor(
    private readonly client: RestClient,
    private readonly app: AppConfig,
    private readonly clock: Clock,
    private readonly secrets?: SecretRegistry,
  ) {}

  /** Authenticates the app with `appToken` (a fresh random one by default); the pair is remembered. */
  async appAuthenticate(appToken: string = randomBytes(32).toString("hex")): Promise<ExtensionAppTokens> {
    this.secrets?.addRotating(appToken);
    const body = await this.client
      .call<Partial<ExtensionAppTokens>>({
        service: "pod",
        method: "POST",
        path: "/login/v1/pubkey/app/authenticate/extensionApp",
        json: {
          appToken,
          authToken: await createBotJwt(this.app.appId, this.app.privateKeyPem, this.clock.now()),
        },
        auth: "none",
        reauthenticate: false,
        operation: "extension app authentication",
      })
      .catch((error: unknown) => {
        // The same refusal wording as every login (AUTH_REJECTED on 401/403, with what to check).
        throw loginError(error, {
          service: "pod",
          path: "/login/v1/pubkey/app/authenticate/extensionApp",
          what: "extension app's Symphony token",
          refusedHint: `Check that app.appId ("${this.app.appId}") is the extension app's id on the pod and that the public key of app.privateKey is registered for it.`,
        });
      });
    if (typeof body?.symphonyToken !== "string" || typeof body.expireAt !== "number") {
      throw new SymphonyError(
        "AUTH_FAILED",
        "Extension app authentication answered without a symphonyToken and expireAt.",
      );
    }
    this.secrets?.addRotating(body.symphonyToken);
    const tokens: ExtensionAppTokens = {
      appId: body.appId ?? this.app.appId,
      appToken,
      symphonyToken: body.symphonyToken,
      expireAt: body.expireAt,
    };
    this.#pairs.set(appToken, tokens);
    return tokens;
  }

  /** True when this app obtained exactly this pair and it has not expired. */
  validateTokens(appToken: string, symphonyToken: string): boolean {
    const known = this.#pairs.get(appToken);
    if (!known) return false;
    if (known.expireAt <= this.clock.now()) {
      this.#pairs.delete(appToken);
      return false;
    }
    const [a, b] = [Buffer.from(known.symphonyToken), Buffer.from(symphonyToken)];
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
