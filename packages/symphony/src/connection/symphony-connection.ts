import { AuthSession } from "../auth/auth-session.ts";
import type { BotAuthenticator } from "../auth/bot-authenticator.ts";
import { CertificateAuthenticator } from "../auth/certificate-authenticator.ts";
import { ExtensionAppAuthenticator } from "../auth/extension-app-authenticator.ts";
import { AppSession, type OboUser, oboTarget } from "../auth/obo-session.ts";
import { RsaAuthenticator } from "../auth/rsa-authenticator.ts";
import type { AppConfig, SymphonyConfig } from "../config/config-types.ts";
import type { DatafeedLoop, EventsHandler } from "../datafeed/datafeed-loop.ts";
import { DatafeedV1Loop } from "../datafeed/datafeed-v1-loop.ts";
import { DatafeedV2Loop } from "../datafeed/datafeed-v2-loop.ts";
import { DatahoseLoop } from "../datafeed/datahose-loop.ts";
import { SymphonyError } from "../errors/symphony-error.ts";
import { type Clock, systemClock } from "../http/clock.ts";
import type { RestClient } from "../http/rest-client.ts";
import { createLogger, type Logger } from "../logging/logger.ts";
import { scrubbingLogger } from "../logging/scrubbing-logger.ts";
import { SecretRegistry } from "../logging/secret-registry.ts";
import { AgentHealthApi } from "../rest/agent-health-api.ts";
import { ConnectionsApi } from "../rest/connections-api.ts";
import { DatafeedApi, type DatahoseFeed } from "../rest/datafeed-api.ts";
import { MessagesApi } from "../rest/messages-api.ts";
import { PresenceApi } from "../rest/presence-api.ts";
import { SessionApi } from "../rest/session-api.ts";
import { SignalsApi } from "../rest/signals-api.ts";
import { StreamsApi } from "../rest/streams-api.ts";
import { UsersApi } from "../rest/users-api.ts";
import type { UserV2 } from "../rest/wire-types.ts";
import { OboConnection } from "./obo-connection.ts";
import { SecretFreeRestClient } from "./secret-free-rest-client.ts";

export interface SymphonyConnectionOptions {
  /**
   * Defaults to a pino logger on stdout that blanks `secrets` out of every line. Any other logger
   * (ours with its own registry, core's, the author's) is wrapped so that the connection's secrets
   * are taken out of every call made through it.
   */
  readonly logger?: Logger;
  /** Every token and key of this connection is registered here (a fresh registry by default). */
  readonly secrets?: SecretRegistry;
  readonly clock?: Clock;
  /**
   * Aborts every call of the connection — logins, reads, sends, and the backoff waits between
   * retries — once it fires: how a shutdown stops a bot that is retrying against a failing pod.
   */
  readonly signal?: AbortSignal;
  /** Told of every REST call tried again after a failure (the health endpoint's metrics). */
  readonly onRetry?: (operation: string) => void;
}

/**
 * Everything the adapter needs to talk to one pod as one bot: the REST client, the session, the
 * API groups and the datafeed loop, wired from one resolved config.
 */
export class SymphonyConnection {
  readonly client: RestClient;
  readonly session: AuthSession;
  readonly messages: MessagesApi;
  readonly streams: StreamsApi;
  readonly users: UsersApi;
  readonly connections: ConnectionsApi;
  readonly presence: PresenceApi;
  readonly signals: SignalsApi;
  readonly datafeed: DatafeedApi;
  readonly sessionApi: SessionApi;
  /** The agent's health checks (BDK `HealthService`); the bot's own endpoint is `symphony(bot, {health})`. */
  readonly agentHealth: AgentHealthApi;
  readonly logger: Logger;
  /** The tokens and keys of this connection, as they are now (tokens are added at every login). */
  readonly secrets: SecretRegistry;
  private bot: UserV2 | undefined;
  private readonly clock: Clock;
  readonly #options: SymphonyConnectionOptions;
  #app: AppSession | undefined;
  #extensionApp: ExtensionAppAuthenticator | undefined;
  /** OBO connections by whom they act for, so a user's session is made once. */
  readonly #obo = new Map<string, Promise<OboConnection>>();

  constructor(
    readonly config: SymphonyConfig,
    options: SymphonyConnectionOptions = {},
  ) {
    this.#options = options;
    const secrets = options.secrets ?? new SecretRegistry();
    this.secrets = secrets;
    registerConfigSecrets(config, secrets);
    this.logger = options.logger ? scrubbingLogger(options.logger, secrets) : createLogger({ secrets });
    warnOfUnusedKeys(config, this.logger);
    const clock = options.clock ?? systemClock;
    this.clock = clock;
    this.client = new SecretFreeRestClient({
      config,
      logger: this.logger,
      clock,
      secrets,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    });
    this.session = new AuthSession({
      authenticator: authenticatorFor(config, this.client, clock),
      client: this.client,
      logger: this.logger,
      secrets,
    });
    this.client.useTokens(this.session);
    this.messages = new MessagesApi(this.client);
    this.streams = new StreamsApi(this.client);
    this.users = new UsersApi(this.client);
    this.connections = new ConnectionsApi(this.client);
    this.presence = new PresenceApi(this.client);
    this.signals = new SignalsApi(this.client);
    this.datafeed = new DatafeedApi(this.client);
    this.sessionApi = new SessionApi(this.client);
    this.agentHealth = new AgentHealthApi(this.client);
  }

  /** Logs in and learns who the bot is (as the BDKs start); fails fast on wrong credentials. */
  async start(): Promise<UserV2> {
    await this.session.login();
    this.bot = await this.sessionApi.sessionInfo();
    this.logger.info({ botId: this.bot.id, username: this.bot.username }, "connected to Symphony");
    return this.bot;
  }

  /** The bot's own user, once started. */
  get botInfo(): UserV2 | undefined {
    return this.bot;
  }

  /** A datafeed loop of the configured version, skipping the bot's own messages. */
  createDatafeedLoop(onEvents: EventsHandler, options: { finalAckTimeoutMs?: number } = {}): DatafeedLoop {
    const loopOptions = {
      api: this.datafeed,
      onEvents,
      retry: this.config.datafeed.retry,
      logger: this.logger,
      clock: this.clock,
      ...(this.bot?.id === undefined ? {} : { botUserId: this.bot.id }),
      ...(this.config.datafeed.tag === undefined ? {} : { tag: this.config.datafeed.tag }),
      ...(this.config.datafeed.lostReadWaitMs === undefined
        ? {}
        : { lostReadWaitMs: this.config.datafeed.lostReadWaitMs }),
      ...options,
    };
    return this.config.datafeed.version === "v1"
      ? new DatafeedV1Loop(loopOptions)
      : new DatafeedV2Loop(loopOptions);
  }

  /**
   * A datahose loop (every event of the pod of `eventTypes`, a paid add-on on real pods): the tag
   * defaults to the BDK's, `datahose-<bot username>`; instances with the same tag and filters share
   * the feed. Run it alongside, or instead of, the datafeed.
   */
  createDatahoseLoop(
    onEvents: EventsHandler,
    feed: Omit<DatahoseFeed, "tag"> & { readonly tag?: string },
    options: { finalAckTimeoutMs?: number } = {},
  ): DatahoseLoop {
    return new DatahoseLoop({
      api: this.datafeed,
      onEvents,
      retry: this.config.datafeed.retry,
      logger: this.logger,
      clock: this.clock,
      feed: { ...feed, tag: feed.tag ?? `datahose-${this.config.bot.username}` },
      ...options,
    });
  }

  /**
   * The same services acting as `user` (an id, a username, or a user object), through the config's
   * extension app (`app.appId`, `app.privateKey`): logs in on behalf of that user now, so a refusal
   * (unknown user, app not entitled) fails here. One session per user, reused; renewed on a 401.
   */
  onBehalfOf(user: OboUser): Promise<OboConnection> {
    const { path } = oboTarget(user);
    const key = path.toLowerCase();
    let obo = this.#obo.get(key);
    if (!obo) {
      obo = this.#openObo(user);
      this.#obo.set(key, obo);
      obo.catch(() => this.#obo.delete(key));
    }
    return obo;
  }

  /**
   * The extension app's circle of trust (the BDK's `ExtensionAppAuthenticator`), for the config's
   * app: `appAuthenticate()` and `validateTokens(appToken, symphonyToken)`. Made once.
   */
  get extensionApp(): ExtensionAppAuthenticator {
    this.#extensionApp ??= new ExtensionAppAuthenticator(
      this.client,
      this.#appConfig("Extension app authentication"),
      this.clock,
      this.secrets,
    );
    return this.#extensionApp;
  }

  #appConfig(what: string): AppConfig {
    const app = this.config.app;
    if (!app) {
      throw new SymphonyError(
        "CONFIG_MISSING_KEY",
        `${what} needs the extension app in the config: "app.appId" and "app.privateKey.path" (as in the BDK's app section).`,
      );
    }
    return app;
  }

  async #openObo(user: OboUser): Promise<OboConnection> {
    const app = this.#appConfig("Acting on behalf of a user");
    this.#app ??= new AppSession(this.client, app, this.clock, this.secrets);
    const client = new SecretFreeRestClient({
      config: this.config,
      logger: this.logger,
      clock: this.clock,
      secrets: this.secrets,
      shareConnectionsOf: this.client,
      ...(this.#options.signal ? { signal: this.#options.signal } : {}),
      ...(this.#options.onRetry ? { onRetry: this.#options.onRetry } : {}),
    });
    const connection = new OboConnection(client, this.#app, user, this.secrets);
    await connection.start();
    return connection;
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

function authenticatorFor(config: SymphonyConfig, client: RestClient, clock: Clock): BotAuthenticator {
  const { username, auth } = config.bot;
  return auth.kind === "rsa"
    ? new RsaAuthenticator(client, username, auth.privateKeyPem, clock)
    : new CertificateAuthenticator(client, username);
}

function registerConfigSecrets(config: SymphonyConfig, secrets: SecretRegistry): void {
  const { auth } = config.bot;
  secrets.add(config.app?.privateKeyPem);
  if (auth.kind === "rsa") secrets.add(auth.privateKeyPem);
  else secrets.add(auth.password);
  for (const service of Object.values(config.services)) secrets.add(service.proxy?.password);
}

/** One warning for the whole config: a typo otherwise reads as a default silently applied. */
function warnOfUnusedKeys(config: SymphonyConfig, logger: Logger): void {
  const unused = config.unusedKeys;
  if (!unused) return;
  const parts = [
    unused.unknown.length > 0 ? `unknown (misspelt?): ${unused.unknown.join(", ")}` : "",
    unused.bdkOnly.length > 0 ? `BDK keys sprig does not use: ${unused.bdkOnly.join(", ")}` : "",
  ].filter((part) => part !== "");
  logger.warn(
    { unknownKeys: unused.unknown, bdkKeysNotUsed: unused.bdkOnly },
    `config keys ignored — ${parts.join("; ")}`,
  );
}
