import type { RestClient } from "../http/rest-client.ts";
import type { V2Presence } from "./wire-types.ts";

/** The categories a pod knows. */
export type PresenceCategory =
  | "AVAILABLE"
  | "BUSY"
  | "DO_NOT_DISTURB"
  | "ON_THE_PHONE"
  | "BE_RIGHT_BACK"
  | "IN_A_MEETING"
  | "AWAY"
  | "OUT_OF_OFFICE"
  | "OFF_WORK"
  | "OFFLINE"
  | "UNDEFINED";

/** Presence (`/pod/v2/user/presence`, `/pod/v3/user/…/presence`) and presence feeds. */
export class PresenceApi {
  constructor(private readonly client: RestClient) {}

  /** The bot's own presence. */
  get(): Promise<V2Presence> {
    return this.call("GET", "/pod/v2/user/presence", "get own presence");
  }

  /** Someone's presence; `local: true` reads external users as OFFLINE. */
  of(userId: number, options: { local?: boolean } = {}): Promise<V2Presence> {
    return this.call("GET", `/pod/v3/user/${userId}/presence`, "get a user's presence", {
      query: { local: options.local },
    });
  }

  /** Sets the bot's presence; `soft: true` leaves a status chosen away from the desk (AWAY, OFFLINE…) as it is. */
  set(category: PresenceCategory, options: { soft?: boolean } = {}): Promise<V2Presence> {
    return this.call("POST", "/pod/v2/user/presence", "set own presence", {
      query: { soft: options.soft },
      json: { category },
    });
  }

  /** Sets another user's presence (on a pod, an admin role is needed). */
  setFor(userId: number, category: PresenceCategory, options: { soft?: boolean } = {}): Promise<V2Presence> {
    return this.call("POST", "/pod/v3/user/presence", "set a user's presence", {
      query: { soft: options.soft },
      json: { userId, category },
    });
  }

  /** Every colleague's presence, by ascending user id, from after `lastUserId` (paging). */
  all(options: { lastUserId?: number; limit?: number } = {}): Promise<V2Presence[]> {
    return this.call("GET", "/pod/v2/users/presence", "list presences", {
      query: { lastUserId: options.lastUserId, limit: options.limit },
    });
  }

  /** A presence feed: each read returns the changes since the previous one. */
  async createFeed(): Promise<string> {
    const created = await this.call<{ id: string }>(
      "POST",
      "/pod/v1/presence/feed/create",
      "create presence feed",
    );
    return created.id;
  }

  async readFeed(feedId: string): Promise<V2Presence[]> {
    const changes = await this.call<V2Presence[] | undefined>(
      "GET",
      `/pod/v1/presence/feed/${encodeURIComponent(feedId)}/read`,
      "read presence feed",
    );
    return changes ?? [];
  }

  async deleteFeed(feedId: string): Promise<void> {
    await this.call(
      "POST",
      `/pod/v1/presence/feed/${encodeURIComponent(feedId)}/delete`,
      "delete presence feed",
    );
  }

  private call<T = V2Presence>(
    method: "GET" | "POST",
    path: string,
    operation: string,
    extra: { query?: Record<string, string | number | boolean | undefined>; json?: unknown } = {},
  ): Promise<T> {
    return this.client.call<T>({ service: "pod", method, path, operation, ...extra });
  }
}
