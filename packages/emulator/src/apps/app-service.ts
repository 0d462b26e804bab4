import { createPublicKey } from "node:crypto";
import { badRequest } from "../http/api-error.ts";
import { asObject, asUserId, optionalString, requiredString } from "../http/input.ts";
import type { Pod } from "../runtime/pod.ts";
import type { AppRecord, UserRecord } from "../store/records.ts";

const APP_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Registers an extension app (`{appId, name, publicKey, users?}`, shaped like a user): it then
 * authenticates with that key and may act on behalf of `users` (ids or usernames; every colleague
 * on the pod when absent).
 */
export function createApp(pod: Pod, input: unknown): AppRecord {
  const body = asObject(input, "App");
  const appId = requiredString(body, "appId", 128);
  if (!APP_ID.test(appId))
    throw badRequest(`"appId" may hold letters, digits and . _ - only`, "INVALID_FIELD");
  if (pod.store.apps.has(appId)) throw badRequest(`App id ${appId} is taken`, "DUPLICATE_APP");
  const publicKey = requiredString(body, "publicKey", 20_000);
  try {
    if (createPublicKey(publicKey).asymmetricKeyType !== "rsa") throw new Error("not RSA");
  } catch {
    throw badRequest('"publicKey" must be an RSA public key in PEM form', "INVALID_FIELD");
  }
  const app: AppRecord = { appId, name: optionalString(body, "name", 256) ?? appId, publicKey };
  if (body.users !== undefined && body.users !== null) {
    if (!Array.isArray(body.users))
      throw badRequest('"users" must be an array of user ids or usernames', "INVALID_FIELD");
    app.userIds = body.users.map((ref, i) => {
      const user =
        typeof ref === "string" && !/^\d+$/.test(ref)
          ? pod.store.userByUsername(ref)
          : pod.store.users.get(asUserId(ref, `users[${i}]`));
      if (!user) throw badRequest(`"users[${i}]": no user ${JSON.stringify(ref)}`, "UNKNOWN_USER");
      return user.id;
    });
  }
  pod.store.apps.set(appId, app);
  pod.changed({ kind: "app", app });
  return app;
}

/** Public view for the dev API: everything but the key itself. */
export function devAppView(app: AppRecord): Record<string, unknown> {
  const { publicKey, ...rest } = app;
  return { ...rest, hasPublicKey: true };
}

/** An app is installed for the users listed, else for every colleague (not external people). */
export function isInstalledFor(app: AppRecord, user: UserRecord): boolean {
  return app.userIds ? app.userIds.includes(user.id) : !user.external;
}
