import { type KeyObject, randomBytes, timingSafeEqual, X509Certificate } from "node:crypto";
import type { AppConfig } from "../config/config-types.ts";
import { SymphonyError } from "../errors/symphony-error.ts";
import type { Clock } from "../http/clock.ts";
import type { RestClient } from "../http/rest-client.ts";
import type { SecretRegistry } from "../logging/secret-registry.ts";
import { createBotJwt } from "./bot-jwt.ts";
import { loginError } from "./login-call.ts";
import { type UserClaim, verifyUserJwt } from "./user-jwt.ts";

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
 * one this app obtained (and has not expired); `validateJwt(jwt)` checks the JWT the client gives the
 * front end about its user against the pod certificate, and answers who that user is.
 */
export class ExtensionAppAuthenticator {
  readonly #pairs = new Map<string, ExtensionAppTokens>();
  #podKey: Promise<KeyObject> | undefined;

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

  /**
   * The user claim of a JWT the pod signed for this app (the client's `getJwt()`, passed on by the
   * app's front end): checked against the pod certificate (`GET /pod/v1/podcert`, fetched once and
   * kept), RSA algorithms only, not expired, issued for this app. A refusal is a `SymphonyError`:
   * `JWT_EXPIRED`, `JWT_BAD_SIGNATURE`, `JWT_ALGORITHM_REFUSED` (`alg: none` too), `JWT_WRONG_AUDIENCE`,
   * `JWT_CLAIMS_INVALID` or `JWT_MALFORMED`; a pod certificate that cannot be had, `AUTH_FAILED`.
   */
  async validateJwt(jwt: string): Promise<UserClaim> {
    return verifyUserJwt(jwt, await this.#podCertificateKey(), {
      appId: this.app.appId,
      now: this.clock.now(),
    });
  }

  #podCertificateKey(): Promise<KeyObject> {
    this.#podKey ??= this.#fetchPodCertificateKey().catch((error: unknown) => {
      this.#podKey = undefined; // the next call tries again
      throw error;
    });
    return this.#podKey;
  }

  async #fetchPodCertificateKey(): Promise<KeyObject> {
    const body = await this.client
      .call<{ certificate?: unknown }>({
        service: "pod",
        method: "GET",
        path: "/pod/v1/podcert",
        auth: "none",
        operation: "get pod certificate",
      })
      .catch((error: unknown) => {
        throw new SymphonyError(
          "AUTH_FAILED",
          `Could not get the pod certificate (GET /pod/v1/podcert), which checks user JWTs: ${(error as Error).message}`,
          { cause: error },
        );
      });
    try {
      if (typeof body?.certificate !== "string") throw new Error("no certificate field");
      return new X509Certificate(body.certificate).publicKey;
    } catch (error) {
      throw new SymphonyError(
        "AUTH_FAILED",
        "The pod answered GET /pod/v1/podcert without a PEM certificate in `certificate`: user JWTs cannot be checked.",
        { cause: error },
      );
    }
  }
}
