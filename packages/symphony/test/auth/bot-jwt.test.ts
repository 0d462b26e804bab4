import { decodeProtectedHeader, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { agentVersionAllowsSkd, createBotJwt, sessionTokenAllowsSkd } from "../../src/index.ts";
import { botKeyPair } from "../fake-symphony/fake-pod.ts";

const keys = botKeyPair();

describe("the bot's login JWT", () => {
  it.each([
    ["PKCS#8", keys.pkcs8],
    ["PKCS#1", keys.pkcs1],
  ])("is RS512, subject = username, expiring 240 s after now, from a %s key", async (_format, pem) => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    const jwt = await createBotJwt("todo-bot", pem, now);
    expect(decodeProtectedHeader(jwt).alg).toBe("RS512");
    const { payload } = await jwtVerify(jwt, keys.publicKey, {
      algorithms: ["RS512"],
      currentDate: new Date(now),
    });
    expect(payload).toEqual({ sub: "todo-bot", exp: now / 1000 + 240 });
  });
});

describe("simplified key delivery rule", () => {
  const jwtWith = (claims: object) =>
    `${Buffer.from('{"alg":"HS256"}').toString("base64url")}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.sig`;

  it("applies only to a session token that is a JWT with canUseSimplifiedKeyDelivery: true", () => {
    expect(sessionTokenAllowsSkd(jwtWith({ canUseSimplifiedKeyDelivery: true }))).toBe(true);
    expect(sessionTokenAllowsSkd(jwtWith({ canUseSimplifiedKeyDelivery: "true" }))).toBe(false);
    expect(sessionTokenAllowsSkd(jwtWith({ sub: "x" }))).toBe(false);
    expect(sessionTokenAllowsSkd("opaque-session-token-1234")).toBe(false);
  });

  it.each([
    ["Agent-24.12.0-Linux", true],
    ["Agent-24.13.1-SNAPSHOT", true],
    ["Agent-25.1.0", true],
    ["Agent-24.11.9-Linux", false],
    ["Agent-23.12.0", false],
    ["24.12.0", false],
    [undefined, false],
  ])("needs an agent at 24.12 or later: %s → %s", (version, expected) => {
    expect(agentVersionAllowsSkd(version)).toBe(expected);
  });
});
