import { generateKeyPairSync } from "node:crypto";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { verifyUserJwt } from "../../src/index.ts";

// The claims a user JWT must carry, on a key of our own (the e2e test runs the pod's JWTs).
describe("verifyUserJwt: the claims", () => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const now = Date.UTC(2026, 0, 1);
  const sign = (claims: Record<string, unknown>, exp: number | null = now / 1000 + 60) => {
    const jwt = new SignJWT(claims).setProtectedHeader({ alg: "RS512" }).setAudience("portal");
    return (exp === null ? jwt : jwt.setExpirationTime(exp)).sign(privateKey);
  };
  const verify = async (jwt: string) =>
    verifyUserJwt(jwt, publicKey, { appId: "portal", now }).then(
      (claim) => claim,
      (error: { code: string; message: string }) => error,
    );

  it("returns the user claim as the pod wrote it (numeric sub and id)", async () => {
    const user = { id: 1001, displayName: "Alice", companyId: "7" };
    expect(await verify(await sign({ sub: 1001, user }))).toEqual(user);
  });

  it("a JWT without exp never expires: refused; without a user claim (or its id): refused", async () => {
    expect(await verify(await sign({ user: { id: 1 } }, null))).toMatchObject({
      code: "JWT_CLAIMS_INVALID",
      message: expect.stringContaining('"exp"'),
    });
    for (const claims of [{}, { user: "alice" }, { user: { id: "1" } }]) {
      expect(await verify(await sign(claims)), JSON.stringify(claims)).toMatchObject({
        code: "JWT_CLAIMS_INVALID",
        message: expect.stringContaining('"user" claim'),
      });
    }
  });

  it("not yet valid (nbf ahead): refused as a claim", async () => {
    const early = await new SignJWT({ user: { id: 1 } })
      .setProtectedHeader({ alg: "RS512" })
      .setAudience("portal")
      .setNotBefore(now / 1000 + 3600)
      .setExpirationTime(now / 1000 + 7200)
      .sign(privateKey);
    expect(await verify(early)).toMatchObject({ code: "JWT_CLAIMS_INVALID" });
  });
});
