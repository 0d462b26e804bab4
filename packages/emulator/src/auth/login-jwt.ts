import { createPublicKey, type KeyObject } from "node:crypto";
import { decodeJwt, errors as joseErrors, jwtVerify } from "jose";
import { ApiError } from "../http/api-error.ts";
import type { PodStore } from "../store/pod-store.ts";
import type { AppRecord, UserRecord } from "../store/records.ts";

/** The pod refuses a JWT whose `exp` lies more than 5 minutes ahead. */
const MAX_LIFETIME_SECONDS = 300;
/** Clock skew tolerated between the bot's machine and the pod. */
const SKEW_SECONDS = 5;

const keyCache = new Map<string, KeyObject>();

function publicKeyOf(pem: string): KeyObject {
  let key = keyCache.get(pem);
  if (!key) {
    key = createPublicKey(pem);
    keyCache.set(pem, key);
  }
  return key;
}

const unauthorized = (message: string) => new ApiError(401, message, "AUTHENTICATION_FAILED");

/** Who a JWT's `sub` names: an account (by username) or an extension app (by id). */
interface Signer {
  readonly what: "user" | "app";
  readonly name: string;
  readonly publicKey?: string;
}

const UNKNOWN_SUBJECT = { user: "no account with username", app: "no extension app with id" };

/**
 * RSA bot authentication: the JWT is RS512, `sub` is the account's username, `exp` at most
 * 5 minutes ahead, and the signature checks against the account's registered public key.
 */
export async function verifyLoginJwt(jwt: unknown, store: PodStore, nowMs: number): Promise<UserRecord> {
  let user: UserRecord | undefined;
  await verifySignedJwt(
    jwt,
    (sub) => {
      user = store.userByUsername(sub);
      return user && { what: "user", name: user.username, publicKey: user.publicKey };
    },
    "user",
    nowMs,
  );
  return user!;
}

/** App authentication (OBO, extension apps): the same JWT rules, `sub` being the app's id. */
export async function verifyAppJwt(jwt: unknown, store: PodStore, nowMs: number): Promise<AppRecord> {
  let app: AppRecord | undefined;
  await verifySignedJwt(
    jwt,
    (sub) => {
      app = store.apps.get(sub);
      return app && { what: "app", name: app.appId, publicKey: app.publicKey };
    },
    "app",
    nowMs,
  );
  return app!;
}

async function verifySignedJwt(
  jwt: unknown,
  find: (sub: string) => Signer | undefined,
  what: Signer["what"],
  nowMs: number,
): Promise<Signer> {
  if (typeof jwt !== "string" || jwt.length === 0)
    throw unauthorized('Missing token: send {"token": "<signed JWT>"}');
  let claims: ReturnType<typeof decodeJwt>;
  try {
    claims = decodeJwt(jwt);
  } catch {
    throw unauthorized("Invalid JWT: not a compact signed JWT");
  }
  const signer = typeof claims.sub === "string" ? find(claims.sub) : undefined;
  if (!signer) throw unauthorized(`Invalid ${what}: ${UNKNOWN_SUBJECT[what]} ${JSON.stringify(claims.sub)}`);
  if (!signer.publicKey) throw unauthorized(`Public key not imported for ${signer.what} ${signer.name}`);
  const nowSeconds = Math.floor(nowMs / 1000);
  if (typeof claims.exp !== "number") throw unauthorized("Invalid JWT: the exp claim is required");
  if (claims.exp > nowSeconds + MAX_LIFETIME_SECONDS + SKEW_SECONDS) {
    throw unauthorized("Invalid JWT: exp is more than 5 minutes in the future");
  }
  let key: KeyObject;
  try {
    key = publicKeyOf(signer.publicKey);
  } catch {
    throw unauthorized(`Public key of ${signer.what} ${signer.name} is not a valid RSA public key`);
  }
  try {
    await jwtVerify(jwt, key, {
      algorithms: ["RS512"],
      subject: signer.name,
      currentDate: new Date(nowMs),
      clockTolerance: SKEW_SECONDS,
    });
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw unauthorized("Invalid JWT: expired");
    if (error instanceof joseErrors.JOSEAlgNotAllowed)
      throw unauthorized("Invalid JWT: the algorithm must be RS512");
    throw unauthorized("Invalid JWT: signature does not match the registered public key");
  }
  return signer;
}
