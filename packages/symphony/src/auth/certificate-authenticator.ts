import type { RestClient } from "../http/rest-client.ts";
import type { BotAuthenticator } from "./bot-authenticator.ts";
import { performLogin } from "./login-call.ts";

/**
 * Certificate authentication: mutual TLS with an empty body. The client certificate itself is
 * attached by the session-auth and key-manager dispatchers (see http/dispatchers.ts).
 */
export class CertificateAuthenticator implements BotAuthenticator {
  readonly method = "certificate";

  constructor(
    private readonly client: RestClient,
    private readonly username: string,
  ) {}

  authenticateSession(): Promise<string> {
    return performLogin(this.client, {
      service: "sessionAuth",
      path: "/sessionauth/v1/authenticate",
      what: "session token",
      refusedHint: `Check that bot.certificate is the certificate the pod trusts for "${this.username}" (its common name must be the username).`,
    });
  }

  authenticateKeyManager(): Promise<string> {
    return performLogin(this.client, {
      service: "keyManager",
      path: "/keyauth/v1/authenticate",
      what: "key-manager token",
      refusedHint: `Check that bot.certificate is trusted by the key manager for "${this.username}".`,
    });
  }
}
