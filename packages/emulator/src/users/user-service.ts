import { createPublicKey } from "node:crypto";
import { badRequest } from "../http/api-error.ts";
import { asObject, optionalBoolean, optionalString, requiredString } from "../http/input.ts";
import type { Pod } from "../runtime/pod.ts";
import type { UserRecord } from "../store/records.ts";

const USERNAME = /^[A-Za-z0-9._@-]{1,128}$/;

/** Adds a person or bot account; `id` may be fixed (seed files, matching fixtures). */
export function createUser(pod: Pod, input: unknown): UserRecord {
  const body = asObject(input, "User");
  const username = requiredString(body, "username", 128);
  if (!USERNAME.test(username))
    throw badRequest(`"username" may hold letters, digits and . _ @ - only`, "INVALID_FIELD");
  if (pod.store.userByUsername(username)) throw badRequest(`Username ${username} is taken`, "DUPLICATE_USER");
  let id: number;
  if (body.id === undefined || body.id === null) {
    id = pod.ids.userId((candidate) => pod.store.users.has(candidate));
  } else {
    const given = typeof body.id === "string" && /^\d{1,16}$/.test(body.id) ? Number(body.id) : body.id;
    if (typeof given !== "number" || !Number.isSafeInteger(given) || given <= 0) {
      throw badRequest('"id" must be a positive integer', "INVALID_FIELD");
    }
    if (pod.store.users.has(given)) throw badRequest(`User id ${given} is taken`, "DUPLICATE_USER");
    id = given;
  }
  const publicKey = optionalString(body, "publicKey", 20_000);
  if (publicKey !== undefined) {
    try {
      const key = createPublicKey(publicKey);
      if (key.asymmetricKeyType !== "rsa") throw new Error("not RSA");
    } catch {
      throw badRequest('"publicKey" must be an RSA public key in PEM form', "INVALID_FIELD");
    }
  }
  const email = optionalString(body, "email", 256);
  if (email !== undefined && pod.store.userByEmail(email))
    throw badRequest(`Email ${email} is taken`, "DUPLICATE_USER");
  const displayName = optionalString(body, "displayName", 256) ?? username;
  const user: UserRecord = {
    id,
    username,
    displayName,
    firstName: optionalString(body, "firstName", 128) ?? displayName.split(" ")[0],
    lastName:
      optionalString(body, "lastName", 128) ?? (displayName.split(" ").slice(1).join(" ") || undefined),
    email,
    company: optionalString(body, "company", 128),
    title: optionalString(body, "title", 128),
    bot: optionalBoolean(body, "bot") ?? false,
    publicKey,
  };
  if (optionalBoolean(body, "external")) user.external = true;
  if (optionalBoolean(body, "active") === false) user.deactivated = true;
  pod.store.users.set(user.id, user);
  pod.changed({ kind: "user", user });
  return user;
}

/** Public view for the dev API: everything but the key itself. */
export function devUserView(user: UserRecord): Record<string, unknown> {
  const { publicKey, ...rest } = user;
  return { ...rest, hasPublicKey: publicKey !== undefined };
}
