import type { KeyObject } from "node:crypto";
import { errors, jwtVerify } from "jose";
import { SymphonyError, type SymphonyErrorCode } from "../errors/symphony-error.ts";

/**
 * The person a pod-signed user JWT is about: its `user` claim (BDK-Java's `UserClaim`). Since client
 * 1.55.3 `username` holds the email address.
 */
export interface UserClaim {
  readonly id: number;
  readonly emailAddress?: string;
  readonly username?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly displayName?: string;
  readonly title?: string;
  readonly company?: string;
  readonly companyId?: string;
  readonly location?: string;
  readonly avatarUrl?: string;
  readonly avatarSmallUrl?: string;
}

/**
 * RSA signatures only: the pod signs with its certificate's RSA key. Naming them shuts out
 * `alg: none` and the HMAC trick (a token "signed" with the public certificate as the secret).
 */
const ALGORITHMS = ["RS256", "RS384", "RS512"];

/**
 * Checks a user JWT against the pod's key: signature, algorithm, expiry (required), and that it was
 * issued for this app (`aud`; BDK-Java does not look, but a JWT handed to another app must not open
 * this one). Returns the `user` claim, or throws a `SymphonyError` whose code says why.
 */
export async function verifyUserJwt(
  jwt: string,
  podKey: KeyObject,
  expected: { readonly appId: string; readonly now: number },
): Promise<UserClaim> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(jwt, podKey, {
      algorithms: ALGORITHMS,
      audience: expected.appId,
      requiredClaims: ["exp"],
      currentDate: new Date(expected.now),
    }));
  } catch (error) {
    const [code, reason] = refusal(error);
    throw new SymphonyError(code, `The user JWT is refused: ${reason}.`, { cause: error });
  }
  const user = payload.user;
  if (typeof user !== "object" || user === null || typeof (user as { id?: unknown }).id !== "number") {
    throw new SymphonyError(
      "JWT_CLAIMS_INVALID",
      'The user JWT is refused: it has no "user" claim with a numeric id (is it a pod\'s user JWT?).',
    );
  }
  return user as UserClaim;
}

function refusal(error: unknown): [SymphonyErrorCode, string] {
  if (error instanceof errors.JWTExpired)
    return ["JWT_EXPIRED", "it has expired; the app's front end should ask the client for a fresh one"];
  if (error instanceof errors.JOSEAlgNotAllowed)
    return [
      "JWT_ALGORITHM_REFUSED",
      `its algorithm is not one the pod signs with (${ALGORITHMS.join(", ")})`,
    ];
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return [
      "JWT_BAD_SIGNATURE",
      "its signature does not match the pod certificate (forged, or from another pod)",
    ];
  if (error instanceof errors.JWTClaimValidationFailed) {
    return error.claim === "aud"
      ? ["JWT_WRONG_AUDIENCE", "it was issued for another app (its aud claim is not this app's id)"]
      : ["JWT_CLAIMS_INVALID", `its "${error.claim}" claim is not acceptable (${error.reason})`];
  }
  return ["JWT_MALFORMED", "it is not a signed JWT (three Base64url parts: header, claims, signature)"];
}
