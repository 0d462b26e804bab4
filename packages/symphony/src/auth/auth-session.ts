import type { RestClient } from "../http/rest-client.ts";
import type { SessionTokens, TokenProvider } from "../http/session-tokens.ts";
import type { Logger } from "../logging/logger.ts";
import { silentLogger } from "../logging/logger.ts";
import type { SecretRegistry } from "../logging/secret-registry.ts";
import type { BotAuthenticator } from "./bot-authenticator.ts";
import { agentVersionAllowsSkd, sessionTokenAllowsSkd } from "./simplified-key-delivery.ts";

export interface AuthSessionOptions {
  readonly authenticator: BotAuthenticator;
  /** Used for the agent version check of simplified key delivery. */
  readonly client: RestClient;
  readonly logger?: Logger;
  /** Every token obtained is registered here so no log line can carry it. */
  readonly secrets?: SecretRegistry;
}

/**
 * The bot's session: logs in on first use, and again when a call is refused with 401 — once for
 * all the calls that were refused together (single flight).
 */
export class AuthSession implements TokenProvider {
  private current: SessionTokens | undefined;
  private pending: Promise<SessionTokens> | undefined;
  private logins = 0;

  constructor(private readonly options: AuthSessionOptions) {}

  /** How many times the bot logged in (initial login included). */
  get loginCount(): number {
    return this.logins;
  }

  async tokens(): Promise<SessionTokens> {
    return this.current ?? this.login();
  }

  async refresh(stale: SessionTokens): Promise<void> {
    if (this.current && this.current !== stale) return; // someone else already logged in again
    this.current = undefined;
    await this.login();
  }

  /** Logs in now (at startup, so a wrong key fails fast rather than on the first message). */
  login(): Promise<SessionTokens> {
    if (!this.pending) {
      this.pending = this.performLogin().finally(() => {
        this.pending = undefined;
      });
    }
    return this.pending;
  }

  private async performLogin(): Promise<SessionTokens> {
    const { authenticator, secrets } = this.options;
    const logger = this.options.logger ?? silentLogger();
    const sessionToken = await authenticator.authenticateSession();
    secrets?.addRotating(sessionToken);
    const keyManagerToken = (await this.simplifiedKeyDelivery(sessionToken))
      ? ""
      : await authenticator.authenticateKeyManager();
    secrets?.addRotating(keyManagerToken);
    this.current = { sessionToken, keyManagerToken };
    this.logins++;
    logger.info(
      { method: authenticator.method, simplifiedKeyDelivery: keyManagerToken === "", login: this.logins },
      "bot logged in",
    );
    return this.current;
  }

  private async simplifiedKeyDelivery(sessionToken: string): Promise<boolean> {
    if (!sessionTokenAllowsSkd(sessionToken)) return false;
    try {
      const info = await this.options.client.call<{ version?: unknown }>({
        service: "agent",
        method: "GET",
        path: "/agent/v1/info",
        auth: "session",
        tokens: { sessionToken, keyManagerToken: "" },
        reauthenticate: false,
        operation: "agent version check",
      });
      return agentVersionAllowsSkd(info?.version);
    } catch (error) {
      // Without the agent's version we cannot know it takes an empty key-manager token: do the safe thing.
      this.options.logger?.warn(
        { error: (error as Error).message },
        "agent version unknown: fetching a key-manager token",
      );
      return false;
    }
  }
}
