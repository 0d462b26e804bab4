import { createPrivateKey } from "node:crypto";
import { SignJWT } from "jose";

/** The pod refuses an `exp` more than 5 minutes ahead; the BDKs use 240 s. */
export const BOT_JWT_LIFETIME_SECONDS = 240;

/**
 * The JWT a bot signs to log in: `{sub: username, exp: now + 240 s}`, RS512. Node's key parser
 * takes PKCS#1 and PKCS#8 PEM alike (jose's own importer only takes PKCS#8).
 */
export async function createBotJwt(username: string, privateKeyPem: string, nowMs: number): Promise<string> {
  const key = createPrivateKey(privateKeyPem);
  return new SignJWT({})
    .setProtectedHeader({ alg: "RS512" })
    .setSubject(username)
    .setExpirationTime(Math.floor(nowMs / 1000) + BOT_JWT_LIFETIME_SECONDS)
    .sign(key);
}
