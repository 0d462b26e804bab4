import { badRequest } from "../http/api-error.ts";
import { empty, json } from "../http/replies.ts";
import type { Router } from "../http/router.ts";
import type { Pod } from "../runtime/pod.ts";
import type { UserRecord } from "../store/records.ts";
import { userV2 } from "./user-views.ts";

const MAX_LOOKUP = 100;

export function registerUserRoutes(router: Router, pod: Pod): void {
  const { store } = pod;

  /** `?uid=1,2` | `?email=a,b` | `?username=x,y`: exactly one list, at most 100 entries. */
  router.add("GET", "/pod/v3/users", (ctx) => {
    pod.sessions.authenticate(ctx, "pod");
    const given = (["uid", "email", "username"] as const).filter((k) => ctx.query.get(k));
    if (given.length !== 1)
      throw badRequest("Give exactly one of uid, email or username", "INVALID_PARAMETER");
    const key = given[0]!;
    const values = ctx.query
      .get(key)!
      .split(",")
      .map((v) => v.trim())
      .filter(Boolean);
    if (values.length > MAX_LOOKUP)
      throw badRequest(`At most ${MAX_LOOKUP} ${key} values per call`, "INVALID_PARAMETER");
    const users: Record<string, unknown>[] = [];
    const errors: Record<string, unknown>[] = [];
    for (const value of values) {
      const user = find(key, value);
      if (user) users.push(userV2(user));
      else
        errors.push(
          key === "email"
            ? { error: "invalid.format", email: value }
            : { error: "invalid.format", id: value },
        );
    }
    if (users.length === 0 && errors.length === 0) return empty(204);
    return json(errors.length > 0 ? { users, errors } : { users });
  });

  router.add("GET", "/pod/v2/user", (ctx) => {
    pod.sessions.authenticate(ctx, "pod");
    const given = (["uid", "email", "username"] as const).filter((k) => ctx.query.get(k));
    if (given.length !== 1)
      throw badRequest("Give exactly one of uid, email or username", "INVALID_PARAMETER");
    const key = given[0]!;
    if (key === "username" && ctx.query.get("local") !== "true") {
      throw badRequest("A username lookup needs local=true", "INVALID_PARAMETER");
    }
    const user = find(key, ctx.query.get(key)!);
    return user ? json(userV2(user)) : empty(204);
  });

  function find(key: "uid" | "email" | "username", value: string): UserRecord | undefined {
    if (key === "uid") return /^\d{1,16}$/.test(value) ? store.users.get(Number(value)) : undefined;
    if (key === "email") return store.userByEmail(value);
    return store.userByUsername(value);
  }
}
