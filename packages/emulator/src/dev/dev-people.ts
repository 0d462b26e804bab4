import { badRequest } from "../http/api-error.ts";
import { asUserId } from "../http/input.ts";
import type { PodStore } from "../store/pod-store.ts";
import type { StreamRecord, UserRecord } from "../store/records.ts";

/** The dev API names a person by user id or by username (`as`, `uid`, `creatorId`, …). */
export function personFinder(store: PodStore): (value: unknown, key?: string) => UserRecord {
  return (value, key = "as") => {
    if (typeof value === "string" && !/^\d+$/.test(value)) {
      const user = store.userByUsername(value);
      if (!user) throw badRequest(`Unknown user ${JSON.stringify(value)} in "${key}"`, "UNKNOWN_USER");
      return user;
    }
    if (value === undefined || value === null || value === "")
      throw badRequest(`"${key}" is required: the user id or username of the person acting`, "MISSING_FIELD");
    return store.requireUser(asUserId(value, key));
  };
}

/** The members of a stream as the web chat shows them: enough to name an IM and mark a room's owners. */
export function devMembers(stream: StreamRecord, store: PodStore) {
  return stream.members.map((m) => {
    const user = store.users.get(m.userId);
    return {
      id: m.userId,
      username: user?.username,
      displayName: user?.displayName ?? String(m.userId),
      owner: m.owner,
    };
  });
}
