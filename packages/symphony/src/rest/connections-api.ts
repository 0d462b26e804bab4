import type { RestClient } from "../http/rest-client.ts";

export type ConnectionStatus = "PENDING_INCOMING" | "PENDING_OUTGOING" | "ACCEPTED" | "REJECTED";

/** `UserConnection`: the bot's connection with one user, as the bot sees it. */
export interface UserConnection {
  readonly userId?: number;
  readonly status?: ConnectionStatus;
  readonly firstRequestedAt?: number;
  readonly updatedAt?: number;
  readonly requestCounter?: number;
}

/**
 * Connections (`/pod/v1/connection/…`): an external user and the bot need one before they can talk.
 * Colleagues on the bot's pod are connected implicitly.
 */
export class ConnectionsApi {
  constructor(private readonly client: RestClient) {}

  /** Pending requests both ways by default; `"ALL"` or one status; optionally only some users. */
  list(
    options: { status?: ConnectionStatus | "ALL"; userIds?: readonly number[] } = {},
  ): Promise<UserConnection[]> {
    return this.client.call<UserConnection[]>({
      service: "pod",
      method: "GET",
      path: "/pod/v1/connection/list",
      query: { status: options.status, userIds: options.userIds?.join(",") },
      operation: "list connections",
    });
  }

  info(userId: number): Promise<UserConnection> {
    return this.client.call({
      service: "pod",
      method: "GET",
      path: `/pod/v1/connection/user/${userId}/info`,
      operation: "read a connection",
    });
  }

  create(userId: number): Promise<UserConnection> {
    return this.change("create", userId, "ask a user to connect");
  }

  /** Accepts the request `userId` sent the bot. */
  accept(userId: number): Promise<UserConnection> {
    return this.change("accept", userId, "accept a connection request");
  }

  /** Turns down the request `userId` sent the bot. */
  reject(userId: number): Promise<UserConnection> {
    return this.change("reject", userId, "reject a connection request");
  }

  async remove(userId: number): Promise<void> {
    await this.client.call({
      service: "pod",
      method: "POST",
      path: `/pod/v1/connection/user/${userId}/remove`,
      operation: "remove a connection",
    });
  }

  private change(verb: "create" | "accept" | "reject", userId: number, operation: string) {
    return this.client.call<UserConnection>({
      service: "pod",
      method: "POST",
      path: `/pod/v1/connection/${verb}`,
      json: { userId },
      operation,
    });
  }
}
