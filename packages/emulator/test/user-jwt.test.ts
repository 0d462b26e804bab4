import { X509Certificate } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../src/index.ts";
import { createPerson, devJson, devPost, sharedKeyPair, signJwt } from "./support/scripted-client.ts";

/**
 * The extension-app flow's user JWT: the pod signs a JWT about the person using an app (the client's
 * `getJwt()`, played here by `POST /emulator/v1/apps/{appId}/jwt`), and serves the certificate that
 * checks it (`GET /pod/v1/podcert`, `GET /sessionauth/v1/app/pod/certificate`).
 */
describe("extension apps: the pod's user JWT and its certificate", () => {
  let emu: Emulator;
  let alice: { id: number; username: string };
  let bob: { id: number; username: string };
  const keys = sharedKeyPair();
  const dirs: string[] = [];

  const circleOfTrust = async (appId: string) => {
    const res = await fetch(`${emu.url}/login/v1/pubkey/app/authenticate/extensionApp`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ appToken: "front-end", authToken: await signJwt(appId, keys.privateKey) }),
    });
    expect(res.status).toBe(200);
  };
  const certificate = async (path = "/pod/v1/podcert") => {
    const res = await fetch(`${emu.url}${path}`);
    expect(res.status, path).toBe(200);
    return ((await res.json()) as { certificate: string }).certificate;
  };

  beforeAll(async () => {
    emu = await startEmulator({ log: () => undefined });
    alice = await createPerson(emu.url, "alice", { firstName: "Alice", lastName: "Tester", title: "Buyer" });
    bob = await createPerson(emu.url, "bob");
    await devJson(emu.url, "/apps", { appId: "expenses", publicKey: keys.publicKeyPem });
    await devJson(emu.url, "/apps", { appId: "alice-only", publicKey: keys.publicKeyPem, users: ["alice"] });
    await devJson(emu.url, "/apps", { appId: "never-authenticated", publicKey: keys.publicKeyPem });
    await circleOfTrust("expenses");
    await circleOfTrust("alice-only");
  });
  afterAll(async () => {
    await emu.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("a JWT about the user, signed by the pod: the pod certificate (both paths) verifies it", async () => {
    const { jwt } = await devJson<{ jwt: string }>(emu.url, "/apps/expenses/jwt", { user: "alice" });
    const pem = await certificate();
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(await certificate("/sessionauth/v1/app/pod/certificate")).toBe(pem);
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: "RS512", typ: "JWT" });
    const { payload } = await jwtVerify(jwt, new X509Certificate(pem).publicKey, {
      algorithms: ["RS512"],
      issuer: "Symphony Communication Services LLC.",
      audience: "expenses",
    });
    // The pod writes `sub` as the numeric user id; the `user` claim is the BDK's UserClaim.
    expect(payload.sub).toBe(alice.id);
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(payload.user).toEqual({
      id: alice.id,
      emailAddress: "alice@example.com",
      username: "alice@example.com",
      firstName: "Alice",
      lastName: "Tester",
      displayName: "Alice Tester",
      title: "Buyer",
      company: "sprig",
      avatarUrl: "../avatars/static/150/default.png",
      avatarSmallUrl: "../avatars/static/50/default.png",
    });
    // By user id as well; another app's JWT names that app as its audience.
    const byId = await devJson<{ jwt: string }>(emu.url, "/apps/alice-only/jwt", { user: alice.id });
    const other = await jwtVerify(byId.jwt, new X509Certificate(pem).publicKey);
    expect(other.payload.aud).toBe("alice-only");
  });

  it("refuses what a client would not give: unknown app or user, an app not installed for them, an app not authenticated", async () => {
    const cases: Array<[string, unknown, number, string]> = [
      ["/apps/nope/jwt", { user: "alice" }, 404, "UNKNOWN_APP"],
      ["/apps/expenses/jwt", { user: "nobody" }, 400, "UNKNOWN_USER"],
      ["/apps/expenses/jwt", {}, 400, "MISSING_FIELD"],
      ["/apps/alice-only/jwt", { user: "bob" }, 403, "APP_NOT_ENTITLED"],
      ["/apps/never-authenticated/jwt", { user: "alice" }, 409, "APP_NOT_AUTHENTICATED"],
    ];
    for (const [path, body, status, reason] of cases) {
      const res = await devPost(emu.url, path, body);
      const answer = (await res.json()) as { reason: string; message: string };
      expect(res.status, path).toBe(status);
      expect(answer.reason, path).toBe(reason);
    }
    expect(bob.id).toBeGreaterThan(0);
  });

  it("with a data dir, the pod keeps its certificate across a restart (JWTs already handed out stay valid)", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "sprig-pod-cert-"));
    dirs.push(dataDir);
    let pod = await startEmulator({ dataDir, log: () => undefined });
    const first = await (await fetch(`${pod.url}/pod/v1/podcert`)).json();
    await pod.close();
    pod = await startEmulator({ dataDir, log: () => undefined });
    const second = await (await fetch(`${pod.url}/pod/v1/podcert`)).json();
    await pod.close();
    expect(second).toEqual(first);
    // Another pod has another key.
    expect(await certificate()).not.toBe((first as { certificate: string }).certificate);
  });
});
