import type { RestClient } from "../http/rest-client.ts";
import type { UserSearchFilter, UserSearchResults, UserV2, V2UserDetail, V2UserList } from "./wire-types.ts";

/** The pod accepts at most this many entries in one lookup. */
export const MAX_USERS_PER_LOOKUP = 100;

export type UserLookup =
  | { readonly ids: readonly (number | string)[] }
  | { readonly emails: readonly string[] }
  | { readonly usernames: readonly string[] };

/** User lookup (`/pod/v3/users`). */
export class UsersApi {
  constructor(private readonly client: RestClient) {}

  /** Looks users up by one kind of key, in pages of 100; users not found are simply absent. */
  async lookup(by: UserLookup, options: { local?: boolean; active?: boolean } = {}): Promise<UserV2[]> {
    const [param, values] =
      "ids" in by
        ? ["uid", by.ids.map(String)]
        : "emails" in by
          ? ["email", by.emails]
          : ["username", by.usernames];
    const found: UserV2[] = [];
    for (let start = 0; start < values.length; start += MAX_USERS_PER_LOOKUP) {
      const page = values.slice(start, start + MAX_USERS_PER_LOOKUP);
      const list = await this.client.call<V2UserList | undefined>({
        service: "pod",
        method: "GET",
        path: "/pod/v3/users",
        // A username lookup only works with local=true.
        query: {
          [param]: page.join(","),
          local: options.local ?? param === "username",
          active: options.active,
        },
        operation: "look up users",
      });
      found.push(...(list?.users ?? []));
    }
    return found;
  }

  /** The user with this email address, if any (a colleague or an external user). */
  async byEmail(email: string): Promise<UserV2 | undefined> {
    return (await this.lookup({ emails: [email] }))[0];
  }

  /** The colleague with this username, if any (usernames are looked up on the bot's own pod only). */
  async byUsername(username: string): Promise<UserV2 | undefined> {
    return (await this.lookup({ usernames: [username] }))[0];
  }

  /**
   * `POST /pod/v1/user/search`: people whose name, username or email contains `query`, narrowed by
   * `filters`; `local: true` keeps the bot's own pod. One page (`limit` 50 by default).
   */
  async search(
    query: string,
    options: { filters?: UserSearchFilter; local?: boolean; skip?: number; limit?: number } = {},
  ): Promise<UserSearchResults> {
    const results = await this.client.call<UserSearchResults | undefined>({
      service: "pod",
      method: "POST",
      path: "/pod/v1/user/search",
      query: { local: options.local, skip: options.skip, limit: options.limit },
      json: { query, ...(options.filters ? { filters: options.filters } : {}) },
      operation: "search users",
    });
    return results ?? { count: 0, users: [] };
  }

  /**
   * `GET /pod/v2/admin/user/{uid}` (BDK `getUserDetail`): the admin view of an account — attributes,
   * status (ENABLED / DISABLED), roles. Needs the User Provisioning role; without it, 403.
   */
  adminDetail(userId: number | string): Promise<V2UserDetail> {
    return this.client.call<V2UserDetail>({
      service: "pod",
      method: "GET",
      path: `/pod/v2/admin/user/${encodeURIComponent(String(userId))}`,
      operation: "admin user detail",
    });
  }
}
