import { badRequest } from "../http/api-error.ts";
import { asObject, booleanParam, intParam, optionalString } from "../http/input.ts";
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
    // Not given: everyone; true: active accounts only; false: deactivated ones only.
    const active = booleanParam(ctx.query.get("active"), "active");
    const users: Record<string, unknown>[] = [];
    const errors: Record<string, unknown>[] = [];
    for (const value of values) {
      const user = find(key, value);
      if (user && active !== undefined && active === !!user.deactivated) continue;
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
    if (key === "username" && !booleanParam(ctx.query.get("local"), "local", false)) {
      throw badRequest("A username lookup needs local=true", "INVALID_PARAMETER");
    }
    const user = find(key, ctx.query.get(key)!);
    return user ? json(userV2(user)) : empty(204);
  });

  /**
   * `POST /pod/v1/user/search`: `query` matched (case-insensitively) in names, username and email;
   * `filters` narrow by company, title, location and account type; `local=true` keeps colleagues.
   */
  router.add("POST", "/pod/v1/user/search", async (ctx) => {
    pod.sessions.authenticate(ctx, "pod");
    const skip = intParam(ctx.query.get("skip"), "skip", 0);
    const limit = intParam(ctx.query.get("limit"), "limit", 50, 1000);
    const local = booleanParam(ctx.query.get("local"), "local", false);
    const body = asObject(await ctx.readJson(), "User search query");
    if (typeof body.query !== "string")
      throw badRequest('"query" is required (a string; "" matches everyone)', "MISSING_FIELD");
    const query = (optionalString(body, "query", 256) ?? "").toLowerCase();
    const filters =
      body.filters === undefined || body.filters === null ? {} : asObject(body.filters, '"filters"');
    const accountTypes = filters.accountTypes ?? undefined;
    if (
      accountTypes !== undefined &&
      (!Array.isArray(accountTypes) || !accountTypes.every((t) => typeof t === "string"))
    )
      throw badRequest('"filters.accountTypes" must be an array like ["NORMAL", "SYSTEM"]', "INVALID_FIELD");
    const text = (key: string) => optionalString(filters, key, 256)?.toLowerCase();
    const [company, title, location] = [text("company"), text("title"), text("location")];
    const found = [...store.users.values()]
      .filter((user) => !user.deactivated && !(local && user.external))
      .filter((user) =>
        [user.displayName, user.firstName, user.lastName, user.username, user.email].some((field) =>
          field?.toLowerCase().includes(query),
        ),
      )
      .map((user) => ({ user, view: userV2(user) }))
      .filter(({ view }) => !company || String(view.company).toLowerCase() === company)
      .filter(({ user }) => !title || user.title?.toLowerCase() === title)
      .filter(({ view }) => !location || String(view.location ?? "").toLowerCase() === location)
      .filter(({ view }) => !accountTypes || (accountTypes as string[]).includes(String(view.accountType)))
      .sort((a, b) => a.user.id - b.user.id);
    return json({
      count: found.length,
      skip,
      limit,
      searchQuery: body,
      users: found.slice(skip, skip + limit).map(({ view }) => view),
    });
  });

  function find(key: "uid" | "email" | "username", value: string): UserRecord | undefined {
    if (key === "uid") return /^\d{1,16}$/.test(value) ? store.users.get(Number(value)) : undefined;
    if (key === "email") return store.userByEmail(value);
    return store.userByUsername(value);
  }
}
