import { generateKeyPairSync } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  type Clock,
  isSymphonyError,
  SymphonyConnection,
  silentLogger,
  systemClock,
} from "../../src/index.ts";
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

const keys = (() => {
  const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privateKeyPem: pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: pair.publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
})();

async function podWithApp(): Promise<TestPod> {
  const started = await startTestPod({ rooms: [] });
  pod = started;
  const res = await fetch(`${started.emulator.url}/emulator/v1/apps`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ appId: "portal", publicKey: keys.publicKeyPem }),
  });
  expect(res.status).toBe(201);
  return started;
}

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
    const app = connect(p, keys.privateKeyPem, clock).extensionApp;
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
