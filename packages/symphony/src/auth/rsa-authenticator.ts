import type { Clock } from "../http/clock.ts";
import type { RestClient } from "../http/rest-client.ts";
import type { BotAuthenticator } from "./bot-authenticator.ts";
import { createBotJwt } from "./bot-jwt.ts";
import { performLogin } from "./login-call.ts";

/** RSA authentication: a signed JWT to `/login` for the session, to `/relay` for the key manager. */
export class RsaAuthenticator implements BotAuthenticator {
  readonly method = "RSA";

  constructor(
    private readonly client: RestClient,
    private readonly username: string,
    private readonly privateKeyPem: string,
    private readonly clock: Clock,
  ) {}

  async authenticateSession(): Promise<string> {
    return performLogin(this.client, {
      service: "pod",
      path: "/login/pubkey/authenticate",
      body: { token: await this.jwt() },
      what: "session token",
      refusedHint: `Check that bot.username ("${this.username}") is the service account's username and that the public key of bot.privateKey is registered for it on the pod.`,
    });
  }

  async authenticateKeyManager(): Promise<string> {
    return performLogin(this.client, {
      service: "keyManager",
      path: "/relay/pubkey/authenticate",
      body: { token: await this.jwt() },
      what: "key-manager token",
      refusedHint: `Check that the key manager knows the public key of bot.privateKey for "${this.username}".`,
    });
  }

  private jwt(): Promise<string> {
    return createBotJwt(this.username, this.privateKeyPem, this.clock.now());
  }
}
