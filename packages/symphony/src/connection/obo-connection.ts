import { type AppSession, OboSession, type OboUser } from "../auth/obo-session.ts";
import type { RestClient } from "../http/rest-client.ts";
import { ConnectionsApi } from "../rest/connections-api.ts";
import { MessagesApi } from "../rest/messages-api.ts";
import { PresenceApi } from "../rest/presence-api.ts";
import { SessionApi } from "../rest/session-api.ts";
import { SignalsApi } from "../rest/signals-api.ts";
import { StreamsApi } from "../rest/streams-api.ts";
import { UsersApi } from "../rest/users-api.ts";
import type { UserV2 } from "../rest/wire-types.ts";

/**
 * The bot's services acting as one user (OBO, through the configured extension app): what is sent
 * here is sent by that user, what is read is what they may see. Made by `onBehalfOf(user)`.
 */
export class OboConnection {
  readonly messages: MessagesApi;
  readonly streams: StreamsApi;
  readonly users: UsersApi;
  readonly connections: ConnectionsApi;
  readonly presence: PresenceApi;
  readonly signals: SignalsApi;
  readonly sessionApi: SessionApi;
  readonly session: OboSession;
  #user: UserV2 | undefined;

  constructor(
    readonly client: RestClient,
    app: AppSession,
    who: OboUser,
    secrets?: ConstructorParameters<typeof OboSession>[3],
  ) {
    this.session = new OboSession(client, app, who, secrets);
    client.useTokens(this.session);
    this.messages = new MessagesApi(client);
    this.streams = new StreamsApi(client);
    this.users = new UsersApi(client);
    this.connections = new ConnectionsApi(client);
    this.presence = new PresenceApi(client);
    this.signals = new SignalsApi(client);
    this.sessionApi = new SessionApi(client);
  }

  /** Logs in on behalf of the user and learns who they are; refused credentials fail here. */
  async start(): Promise<UserV2> {
    await this.session.login();
    this.#user = await this.sessionApi.sessionInfo();
    return this.#user;
  }

  /** The user acted for, once started. */
  get user(): UserV2 | undefined {
    return this.#user;
  }
}
