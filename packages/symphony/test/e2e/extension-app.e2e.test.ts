import { generateKeyPairSync } from "node:crypto";
import { decodeJwt, SignJWT } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import {
  type Clock,
  isSymphonyError,
  SymphonyConnection,
  silentLogger,
  systemClock,
} from "../../src/index.ts";
import { appKeys, registerApp } from "./support/extension-app.ts";
import { startTestPod, type TestPod } from "./support/test-pod.ts";

// The extension app's circle of trust against the emulator: the app authenticates with its key and
// an app token, keeps the Symphony token the pod answers, and validates pairs its front end shows.

let pod: TestPod | undefined;
const connections: SymphonyConnection[] = [];
afterEach(async () => {
  for (const connection of connections.splice(0)) await connection.close();
  await pod?.close();
  pod = undefined;
});

async function podWithApp(...appIds: string[]): Promise<TestPod> {
  const started = await startTestPod({ rooms: [] });
  pod = started;
  for (const appId of ["portal", ...appIds]) {
    await registerApp(started, { appId });
  }
  return started;
}

/** What the client's `getJwt()` gives the app's front end about `user` (the emulator's dev API plays the client). */
async function userJwt(p: TestPod, appId: string, user: string): Promise<string> {
  const res = await fetch(`${p.emulator.url}/emulator/v1/apps/${appId}/jwt`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ user }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { jwt: string }).jwt;
}

async function refusal(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  return promise.then(
    () => ({ message: "accepted" }),
    (error: { code?: string; message: string }) => error,
  );
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

function connect(p: TestPod, privateKeyPem: string, clock?: Clock): SymphonyConnection {
  const connection = new SymphonyConnection(
    { ...p.config, app: { appId: "portal", privateKeyPem } },
    { logger: silentLogger(), ...(clock ? { clock } : {}) },
  );
  connections.push(connection);
  return connection;
}

describe("extension app authentication", () => {
  it("appAuthenticate gets a Symphony token; validateTokens accepts that pair only, until it expires", async () => {
    const p = await podWithApp();
    let offset = 0;
    const clock: Clock = { ...systemClock, now: () => systemClock.now() + offset };
    const app = connect(p, appKeys.privateKeyPem, clock).extensionApp;
    const tokens = await app.appAuthenticate("front-end-token");
    expect(tokens).toMatchObject({ appId: "portal", appToken: "front-end-token" });
    expect(tokens.symphonyToken.length).toBeGreaterThan(10);
    expect(app.validateTokens("front-end-token", tokens.symphonyToken)).toBe(true);
    expect(app.validateTokens("front-end-token", `${tokens.symphonyToken}x`)).toBe(false);
    expect(app.validateTokens("another", tokens.symphonyToken)).toBe(false);
    const generated = await app.appAuthenticate();
    expect(generated.appToken).toMatch(/^[0-9a-f]{64}$/);
    expect(app.validateTokens(generated.appToken, generated.symphonyToken)).toBe(true);
    offset = tokens.expireAt - systemClock.now() + 1;
    expect(app.validateTokens("front-end-token", tokens.symphonyToken)).toBe(false);
  });

  it("a key the pod does not know for the app: AUTH_REJECTED naming app.appId; no app section: CONFIG_MISSING_KEY", async () => {
    const p = await podWithApp();
    const wrong = generateKeyPairSync("rsa", { modulusLength: 2048 })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    const error = await connect(p, wrong)
      .extensionApp.appAuthenticate()
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(isSymphonyError(error, "AUTH_REJECTED")).toBe(true);
    expect(String((error as Error).message)).toContain("app.appId");
    const bare = new SymphonyConnection(p.config, { logger: silentLogger() });
    connections.push(bare);
    expect(() => bare.extensionApp).toThrow(/app\.appId/);
  });
});

describe("extension app: validateJwt, the user JWT the pod signs", () => {
  it("answers the user claim of a JWT the pod signed for this app, after the circle of trust", async () => {
    const p = await podWithApp();
    const app = connect(p, appKeys.privateKeyPem).extensionApp;
    await app.appAuthenticate();
    const claim = await app.validateJwt(await userJwt(p, "portal", "alice"));
    const alice = (await p.dev.users()).find((u) => u.username === "alice");
    expect(claim).toMatchObject({
      id: alice?.id,
      displayName: "alice",
      emailAddress: "alice@example.com",
      username: "alice@example.com",
    });
    // The certificate is fetched once: with the pod's certificate route failing, the next JWT still passes.
    await p.dev.addFault({ path: "/pod/v1/podcert", status: 500, times: 100 });
    expect((await app.validateJwt(await userJwt(p, "portal", "bob"))).displayName).toBe("bob");
  });

  it("refuses, each with its code: expired, forged or altered, another algorithm, alg none, another app's, not a JWT", async () => {
    const p = await podWithApp("other-app");
    let offset = 0;
    const clock: Clock = { ...systemClock, now: () => systemClock.now() + offset };
    const app = connect(p, appKeys.privateKeyPem, clock).extensionApp;
    await app.appAuthenticate();
    const jwt = await userJwt(p, "portal", "alice");
    const claims = decodeJwt(jwt);
    const [header, , signature] = jwt.split(".");
    const certificate = (
      (await (await fetch(`${p.emulator.url}/pod/v1/podcert`)).json()) as { certificate: string }
    ).certificate;
    const forger = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const other = new SymphonyConnection(
      { ...p.config, app: { appId: "other-app", privateKeyPem: appKeys.privateKeyPem } },
      { logger: silentLogger() },
    );
    connections.push(other);
    await other.extensionApp.appAuthenticate();

    const cases: Array<[string, string | Promise<string>, string]> = [
      [
        "signed by another key",
        new SignJWT(claims).setProtectedHeader({ alg: "RS512" }).sign(forger),
        "JWT_BAD_SIGNATURE",
      ],
      [
        "claims altered (another user), the pod's signature kept",
        `${header}.${base64url({ ...claims, user: { ...(claims.user as object), id: 1 } })}.${signature}`,
        "JWT_BAD_SIGNATURE",
      ],
      [
        "HS256 keyed with the public certificate",
        new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).sign(Buffer.from(certificate)),
        "JWT_ALGORITHM_REFUSED",
      ],
      [
        "alg none, no signature",
        `${base64url({ alg: "none", typ: "JWT" })}.${base64url(claims)}.`,
        "JWT_ALGORITHM_REFUSED",
      ],
      ["issued by the pod for another app", userJwt(p, "other-app", "alice"), "JWT_WRONG_AUDIENCE"],
      ["not a JWT", "not-a-jwt", "JWT_MALFORMED"],
    ];
    for (const [name, token, code] of cases) {
      const error = await refusal(app.validateJwt(await token));
      expect(error.code, name).toBe(code);
      expect(error.message, name).toMatch(/^The user JWT is refused: /);
    }
    expect((await app.validateJwt(jwt)).id).toBe((claims.user as { id: number }).id);
    offset = ((claims.exp ?? 0) + 1) * 1000 - systemClock.now();
    const expired = await refusal(app.validateJwt(jwt));
    expect(expired.code).toBe("JWT_EXPIRED");
    expect(expired.message).toContain("fresh one");
  });

  it("no pod certificate to be had: AUTH_FAILED, and the next call asks again", async () => {
    const p = await podWithApp();
    const app = connect(p, appKeys.privateKeyPem).extensionApp;
    await app.appAuthenticate();
    const jwt = await userJwt(p, "portal", "alice");
    await p.dev.addFault({ path: "/pod/v1/podcert", status: 500, times: 100 });
    const error = await refusal(app.validateJwt(jwt));
    expect(error.code).toBe("AUTH_FAILED");
    expect(error.message).toContain("GET /pod/v1/podcert");
    await p.dev.clearFaults();
    expect((await app.validateJwt(jwt)).displayName).toBe("alice");
  });
});
