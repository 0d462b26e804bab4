import type { Logger } from "../logging/logger.ts";
import type { ConnectionsApi } from "../rest/connections-api.ts";
import type { V4Event, V4User } from "../rest/wire-types.ts";

/** Someone asking to connect with the bot (an external user, before their first message). */
export interface ConnectionRequest {
  readonly user: V4User & { readonly userId: number };
  /** What the policy decided: accepted, rejected, or left pending (`"manual"`). */
  readonly decided: "accepted" | "rejected" | "pending";
  accept(): Promise<void>;
  reject(): Promise<void>;
}

export type ConnectionPolicy =
  | "accept-all"
  | "reject-all"
  | "manual"
  | ((user: ConnectionRequest["user"]) => boolean | Promise<boolean>);

export interface ConnectionOptions {
  /** What to do with a request: `"manual"` (default) leaves it to `onRequest` or a person. */
  readonly policy?: ConnectionPolicy;
  /** Called for every request to the bot, after the policy: see `decided`, or accept / reject. */
  readonly onRequest?: (request: ConnectionRequest) => unknown;
}

/**
 * Answers CONNECTIONREQUESTED events addressed to the bot with the configured policy, then hands the
 * request to `onRequest`. A failed answer fails the event, so the batch comes back and the answer
 * is tried again (the pod treats a second accept of an accepted request as done).
 */
export function connectionRequestHandler(
  options: ConnectionOptions,
  api: ConnectionsApi,
  botUserId: number | undefined,
  logger: Logger,
): (event: V4Event) => Promise<boolean> {
  return async (event) => {
    if (event.type !== "CONNECTIONREQUESTED") return false;
    const toUser = (event.payload?.connectionRequested as { toUser?: V4User } | undefined)?.toUser;
    const from = event.initiator?.user;
    if (typeof from?.userId !== "number" || (botUserId !== undefined && toUser?.userId !== botUserId))
      return false;
    const user = { ...from, userId: from.userId };
    const policy = options.policy ?? "manual";
    const verdict =
      policy === "accept-all"
        ? true
        : policy === "reject-all"
          ? false
          : policy === "manual"
            ? undefined
            : await policy(user);
    if (verdict === true) await api.accept(user.userId);
    else if (verdict === false) await api.reject(user.userId);
    const decided = verdict === undefined ? "pending" : verdict ? "accepted" : "rejected";
    logger.info({ userId: user.userId, decided }, "connection request");
    await options.onRequest?.({
      user,
      decided,
      accept: async () => void (await api.accept(user.userId)),
      reject: async () => void (await api.reject(user.userId)),
    });
    return true;
  };
}
