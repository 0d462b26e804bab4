/**
 * `teams(bot, options)`: a sprig bot as a Teams bot on the Teams SDK v2. The SDK's `App` receives
 * activities (JWT validation when credentials are configured) behind sprig's own request checks;
 * each activity becomes actions for `bot.handle`, and the HTTP answer waits until they are handled
 * (a 500 when a response could not be delivered, so the sender may retry). Responses go out
 * through each conversation's stored `serviceUrl`.
 *
 * Without credentials (no client id and secret in the options or `CLIENT_ID` / `CLIENT_SECRET`)
 * it runs in local development mode: the SDK is told to accept unauthenticated activities — only
 * then — and the server listens on 127.0.0.1 only.
 */
import { randomUUID } from "node:crypto";
import { App } from "@microsoft/teams.apps";
import type { ILogger } from "@microsoft/teams.common";
import type { Bot, Logger, User } from "@sprig/core";
import { User as Users } from "@sprig/core";
import { CardTemplates } from "../cards/templates.ts";
import { TEAMS_PLATFORM, TeamsConversations } from "../conversations/teams-conversations.ts";
import { activityToActions } from "../inbound/activity-to-action.ts";
import type { IncomingActivity } from "../inbound/incoming-activity.ts";
import { Connector, type ConnectorOptions } from "../outbound/connector.ts";
import { TeamsRenderer } from "../render/teams-renderer.ts";
import { MemoryStateStore, type StateStore } from "../state/state-store.ts";
import { GuardedHttpServer } from "./guarded-http-server.ts";
import { TeamsPlatform } from "./teams-platform.ts";

export interface TeamsCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tenantId?: string;
}

export interface TeamsOptions {
  /** App credentials; read from CLIENT_ID / CLIENT_SECRET / TENANT_ID when not given. */
  readonly credentials?: TeamsCredentials;
  /** Port to listen on (3978 by default; 0 for any free port). */
  readonly port?: number;
  /** Interface to listen on with credentials (all by default); always 127.0.0.1 without. */
  readonly host?: string;
  readonly messagingEndpoint?: `/${string}`;
  /** Where cards, conversations and delivered sends are kept (in memory by default). */
  readonly store?: StateStore;
  /** Folder of custom card templates (`<name>.json`). */
  readonly templates?: string;
  /** The bot's display name (its id comes from the credentials, or from the first activity). */
  readonly botName?: string;
  readonly logger?: Logger;
  /** A work response of a submitted form's type replaces the form's card (default true). */
  readonly updateFormInPlace?: boolean;
  readonly maxBodyBytes?: number;
  /** Retry policy and test seams of outbound calls. */
  readonly connector?: ConnectorOptions;
  readonly newId?: () => string;
  readonly now?: () => Date;
  /** Environment to read credentials from (process.env by default). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface TeamsBot {
  readonly platform: TeamsPlatform;
  /** True when running without credentials (local development). */
  readonly localMode: boolean;
  /** Listens; resolves with the messaging URL. */
  start(): Promise<string>;
  stop(): Promise<void>;
  readonly url: string | undefined;
}

/** Exposes the SDK's bot token to sprig's connector (the SDK's own proactive send needs its id). */
class SprigApp extends App {
  botToken(): Promise<string | undefined> {
    return this.getBotToken().then((token) => token?.toString());
  }
}

export function credentialsFrom(
  env: Readonly<Record<string, string | undefined>>,
): TeamsCredentials | undefined {
  const clientId = env.CLIENT_ID?.trim();
  const clientSecret = env.CLIENT_SECRET?.trim();
  if (!clientId || !clientSecret) return undefined;
  const tenantId = env.TENANT_ID?.trim();
  return { clientId, clientSecret, ...(tenantId ? { tenantId } : {}) };
}

// biome-ignore lint/suspicious/noExplicitAny: any bot, whatever its services.
export function teams(bot: Bot<any>, options: TeamsOptions = {}): TeamsBot {
  const credentials = options.credentials ?? credentialsFrom(options.env ?? process.env);
  const localMode = credentials === undefined;
  const store = options.store ?? new MemoryStateStore();
  const now = options.now ?? (() => new Date());
  const endpoint = options.messagingEndpoint ?? "/api/messages";
  const server = new GuardedHttpServer({
    host: localMode ? "127.0.0.1" : (options.host ?? "0.0.0.0"),
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
  });
  const app = new SprigApp({
    ...(credentials
      ? {
          clientId: credentials.clientId,
          clientSecret: credentials.clientSecret,
          ...(credentials.tenantId ? { tenantId: credentials.tenantId } : {}),
        }
      : {}),
    httpServerAdapter: server,
    messagingEndpoint: endpoint,
    // Only without credentials, never with them: local clients send no token.
    dangerouslyAllowUnauthenticatedRequests: localMode,
    logger: sdkLogger(options.logger ?? bot.log),
  });
  let botUser: User = Users.of(
    TEAMS_PLATFORM,
    credentials ? `28:${credentials.clientId}` : "28:sprig-bot",
    options.botName ?? "sprig",
  );
  const connector = new Connector({
    ...options.connector,
    ...(credentials ? { token: () => app.botToken() } : {}),
  });
  const conversations = new TeamsConversations(store, connector, () => botUser.id);
  const platform = new TeamsPlatform({
    platform: TEAMS_PLATFORM,
    botUser: () => botUser,
    store,
    connector,
    conversations,
    renderer: new TeamsRenderer(
      bot.works,
      TEAMS_PLATFORM,
      options.templates ? new CardTemplates(options.templates) : undefined,
    ),
    newId: options.newId ?? randomUUID,
    now,
    updateFormInPlace: options.updateFormInPlace ?? true,
  });
  bot.attach(platform);

  app.on("activity", async ({ activity }) => {
    const incoming = activity as unknown as IncomingActivity;
    // The bot's own id is the recipient of what it receives (Teams prefixes bots with "28:").
    if (incoming.recipient?.id && incoming.recipient.id !== botUser.id) {
      botUser = Users.of(TEAMS_PLATFORM, incoming.recipient.id, incoming.recipient.name ?? botUser.name);
    }
    const actions = await activityToActions(incoming, {
      platform: TEAMS_PLATFORM,
      botUser,
      store,
      conversations,
      works: bot.works,
      now,
    });
    for (const action of actions) await bot.handle(action);
  });

  let url: string | undefined;
  return {
    platform,
    localMode,
    get url() {
      return url;
    },
    async start() {
      await app.start(options.port ?? 3978);
      url = `http://${localMode ? "127.0.0.1" : "localhost"}:${server.port}${endpoint}`;
      return url;
    },
    async stop() {
      await app.stop();
      url = undefined;
    },
  };
}

/** The SDK logs through sprig's logger (so its redaction and level apply). */
function sdkLogger(log: Logger): ILogger {
  const text = (msg: unknown[]) =>
    msg
      .map((m) => (m instanceof Error ? m.message : typeof m === "string" ? m : JSON.stringify(m)))
      .join(" ");
  const logger: ILogger = {
    debug: (...msg) => log.debug({ sdk: "teams" }, text(msg)),
    trace: (...msg) => log.debug({ sdk: "teams" }, text(msg)),
    info: (...msg) => log.info({ sdk: "teams" }, text(msg)),
    warn: (...msg) => log.warn({ sdk: "teams" }, text(msg)),
    error: (...msg) => log.error({ sdk: "teams" }, text(msg)),
    log: (level, ...msg) => logger[level === "trace" ? "debug" : level](...msg),
    child: () => logger,
  };
  return logger;
}
