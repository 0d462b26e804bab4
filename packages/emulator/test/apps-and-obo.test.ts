import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../src/index.ts";
import {
  type Account,
  createAccount,
  createPerson,
  devJson,
  devPost,
  newKeyPair,
  sendMessage,
  sharedKeyPair,
  signJwt,
} from "./support/scripted-client.ts";

/** Extension apps: registration (dev API, seed), app authentication, and sessions on behalf of a user. */
describe("extension apps and OBO", () => {
  let emu: Emulator;
  let bot: Account;
  let alice: { id: number; username: string };
  let bob: { id: number; username: string };
  let outsider: { id: number };
  const keys = sharedKeyPair();

  const post = async (path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${emu.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const appLogin = async (appId = "expenses", key = keys.privateKey, exp = 240) =>
    post("/login/pubkey/app/authenticate", { token: await signJwt(appId, key, exp) });
  const appToken = async (appId = "expenses") => String((await appLogin(appId)).body.token);
  const obo = async (appSession: string, who: string) =>
    post(`/login/pubkey/app/${who}/authenticate`, undefined, { sessionToken: appSession });

  beforeAll(async () => {
    emu = await startEmulator();
    bot = await createAccount(emu.url, "obo-bot");
    alice = await createPerson(emu.url, "alice");
    bob = await createPerson(emu.url, "bob");
    outsider = await createPerson(emu.url, "outsider", { external: true });
    await devJson(emu.url, "/apps", { appId: "expenses", name: "Expenses", publicKey: keys.publicKeyPem });
    await devJson(emu.url, "/apps", { appId: "alice-only", publicKey: keys.publicKeyPem, users: ["alice"] });
  });
  afterAll(() => emu.close());

  it("the dev API registers an app like a user: 201 without its key; bad input is a coded 400", async () => {
    const listed = (await (await fetch(`${emu.url}/emulator/v1/apps`)).json()) as unknown[];
    expect(listed).toContainEqual({ appId: "expenses", name: "Expenses", hasPublicKey: true });
    expect(listed).toContainEqual({
      appId: "alice-only",
      name: "alice-only",
      userIds: [alice.id],
      hasPublicKey: true,
    });
    const refusals: Array<[unknown, string]> = [
      [{ appId: "expenses", publicKey: keys.publicKeyPem }, "DUPLICATE_APP"],
      [{ appId: "x", publicKey: "not a key" }, "INVALID_FIELD"],
      [{ appId: "has space", publicKey: keys.publicKeyPem }, "INVALID_FIELD"],
      [{ publicKey: keys.publicKeyPem }, "MISSING_FIELD"],
      [{ appId: "y" }, "MISSING_FIELD"],
      [{ appId: "z", publicKey: keys.publicKeyPem, users: ["nobody"] }, "UNKNOWN_USER"],
      [{ appId: "w", publicKey: keys.publicKeyPem, users: "alice" }, "INVALID_FIELD"],
    ];
    for (const [body, reason] of refusals) {
      const res = await devPost(emu.url, "/apps", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { reason: string }).reason, JSON.stringify(body)).toBe(reason);
    }
  });

  it("app authentication takes an RS512 JWT whose sub is the app id, signed with the app's key", async () => {
    const ok = await appLogin();
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ name: "sessionToken", token: expect.any(String) });
    const other = newKeyPair();
    const cases: Array<[string, Promise<string> | string]> = [
      ["unknown app", signJwt("no-such-app", keys.privateKey)],
      ["a user's name is not an app", signJwt(bot.username, keys.privateKey)],
      ["bad signature", signJwt("expenses", other.privateKey)],
      ["expired", signJwt("expenses", keys.privateKey, -60)],
      ["far future", signJwt("expenses", keys.privateKey, 3600)],
      ["RS256", signJwt("expenses", keys.privateKey, 240, "RS256")],
      ["garbage", "not.a.jwt"],
    ];
    for (const [name, token] of cases) {
      const res = await post("/login/pubkey/app/authenticate", { token: await token });
      expect(res.status, name).toBe(401);
      expect(res.body.code, name).toBe(401);
      expect(String(res.body.message), name).toMatch(/app|JWT|signature|expired/i);
    }
  });

  it("an OBO session, by user id or username, acts as that user on pod and agent routes (no key-manager token)", async () => {
    const app = await appToken();
    for (const who of [`user/${alice.id}`, "username/alice", "username/ALICE"]) {
      const res = await obo(app, who);
      expect(res.status, who).toBe(200);
      expect(res.body, who).toEqual({ name: "sessionToken", token: expect.any(String) });
      const info = await fetch(`${emu.url}/pod/v2/sessioninfo`, {
        headers: { sessionToken: String(res.body.token) },
      });
      expect(((await info.json()) as { id: number }).id, who).toBe(alice.id);
    }
    const session = {
      sessionToken: String((await obo(app, "username/alice")).body.token),
      keyManagerToken: "",
    };
    const im = await devJson<{ streamId: string }>(emu.url, "/ims", { userIds: [alice.id, bot.id] });
    const sent = await sendMessage(emu.url, session, im.streamId, "<messageML>expense filed</messageML>");
    expect(sent.status).toBe(200);
    const message = (await sent.json()) as { messageId: string; user: { userId: number } };
    expect(message.user.userId).toBe(alice.id);
    // Alice's own view (the web chat's dev API) shows it as hers.
    const page = (await (
      await fetch(`${emu.url}/emulator/v1/streams/${im.streamId}/messages?as=${alice.id}`)
    ).json()) as Array<{ messageId: string; user: { userId: number } }>;
    expect(page.find((m) => m.messageId === message.messageId)?.user.userId).toBe(alice.id);
  });

  it("refuses OBO without a valid app session, for an unknown user, and for users the app is not entitled to", async () => {
    const app = await appToken();
    const botSession = String(
      (await post("/login/pubkey/authenticate", { token: await signJwt(bot.username, keys.privateKey) })).body
        .token,
    );
    const oboSession = String((await obo(app, `user/${bob.id}`)).body.token);
    const cases: Array<[string, string | undefined, string, number]> = [
      ["no app session", undefined, `user/${alice.id}`, 401],
      ["a bot's session is not an app's", botSession, `user/${alice.id}`, 401],
      ["an OBO session is not an app's", oboSession, `user/${alice.id}`, 401],
      ["unknown token", "nope", `user/${alice.id}`, 401],
      ["unknown user id", app, "user/424242", 401],
      ["user id not a number", app, "user/alice", 401],
      ["unknown username", app, "username/nobody", 401],
      ["a person of another pod", app, `user/${outsider.id}`, 403],
    ];
    for (const [name, token, who, status] of cases) {
      const res = await obo(token ?? "", who);
      expect(res.status, name).toBe(status);
      expect(res.body.code, name).toBe(status);
    }
    const limited = await appToken("alice-only");
    expect((await obo(limited, "username/alice")).status).toBe(200);
    const refused = await obo(limited, "username/bob");
    expect(refused.status).toBe(403);
    expect(String(refused.body.message)).toContain("not entitled");
  });

  it("an app's own session is no user's session: pod and agent routes refuse it", async () => {
    const app = await appToken();
    const res = await fetch(`${emu.url}/pod/v2/sessioninfo`, { headers: { sessionToken: app } });
    expect(res.status).toBe(401);
  });

  it("extension-app authentication answers the app token with a Symphony token and its expiry (ms)", async () => {
    const authToken = await signJwt("expenses", keys.privateKey);
    const res = await post("/login/v1/pubkey/app/authenticate/extensionApp", {
      appToken: "app-made",
      authToken,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      appId: "expenses",
      appToken: "app-made",
      symphonyToken: expect.any(String),
      expireAt: expect.any(Number),
    });
    expect(Number(res.body.expireAt)).toBeGreaterThan(Date.now());
    const forged = await post("/login/v1/pubkey/app/authenticate/extensionApp", {
      appToken: "app-made",
      authToken: await signJwt("expenses", newKeyPair().privateKey),
    });
    expect(forged.status).toBe(401);
    const noAppToken = await post("/login/v1/pubkey/app/authenticate/extensionApp", { authToken });
    expect(noAppToken.status).toBe(400);
  });
});

describe("apps in seeds and across restarts", () => {
  it("a seed declares apps; a data dir keeps them", async () => {
    const keys = sharedKeyPair();
    const dataDir = mkdtempSync(join(tmpdir(), "sprig-emulator-apps-"));
    try {
      let emu = await startEmulator({
        dataDir,
        seed: {
          users: [{ username: "carol", id: 3003 }],
          apps: [{ appId: "seeded", name: "Seeded", publicKey: keys.publicKeyPem, users: ["carol"] }],
        },
      });
      await emu.close();
      emu = await startEmulator({ dataDir });
      try {
        const login = await fetch(`${emu.url}/login/pubkey/app/authenticate`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ token: await signJwt("seeded", keys.privateKey) }),
        });
        expect(login.status).toBe(200);
        const app = ((await login.json()) as { token: string }).token;
        const obo = await fetch(`${emu.url}/login/pubkey/app/user/3003/authenticate`, {
          method: "POST",
          headers: { sessionToken: app },
        });
        expect(obo.status).toBe(200);
      } finally {
        await emu.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
