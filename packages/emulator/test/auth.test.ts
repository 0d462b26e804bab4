import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../src/index.ts";
import {
  type Account,
  createAccount,
  createFeed,
  createPerson,
  login,
  newKeyPair,
  rest,
  signJwt,
} from "./support/scripted-client.ts";

describe("authentication and sessions", () => {
  let emu: Emulator;
  let bot: Account;

  const authenticate = (token: unknown, path = "/login/pubkey/authenticate") =>
    fetch(`${emu.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token }),
    });

  beforeAll(async () => {
    emu = await startEmulator({ sessionTtlMs: 300 });
    bot = await createAccount(emu.url, "auth-bot");
    await createPerson(emu.url, "nokey");
  });
  afterAll(() => emu.close());

  it("accepts an RS512 JWT signed with the registered key and returns {name, token}", async () => {
    const res = await authenticate(await signJwt(bot.username, bot.privateKey));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: "sessionToken", token: expect.any(String) });
    const km = await authenticate(await signJwt(bot.username, bot.privateKey), "/relay/pubkey/authenticate");
    expect(await km.json()).toMatchObject({ name: "keyManagerToken" });
  });

  it("refuses a wrong key, an unknown user, an account without key, expired and far-future JWTs, other algorithms", async () => {
    const other = newKeyPair();
    const cases: Array<[string, Promise<string> | string]> = [
      ["wrong key", signJwt(bot.username, other.privateKey)],
      ["unknown user", signJwt("nobody", bot.privateKey)],
      ["no key", signJwt("nokey", bot.privateKey)],
      ["expired", signJwt(bot.username, bot.privateKey, -60)],
      ["far future", signJwt(bot.username, bot.privateKey, 3600)],
      ["RS256", signJwt(bot.username, bot.privateKey, 240, "RS256")],
      ["garbage", "not.a.jwt"],
      ["empty", ""],
    ];
    for (const [name, token] of cases) {
      const res = await authenticate(await token);
      expect(res.status, name).toBe(401);
      const body = (await res.json()) as { code: number; message: string };
      expect(body.code, name).toBe(401);
      expect(body.message.length, name).toBeGreaterThan(5);
    }
  });

  it("a session expires after its TTL (401 everywhere) and a fresh login works again", async () => {
    const session = await login(emu.url, bot);
    expect((await rest(emu.url, session, "GET", "/pod/v2/sessioninfo")).status).toBe(200);
    await new Promise((r) => setTimeout(r, 350));
    const expired = await rest(emu.url, session, "GET", "/pod/v2/sessioninfo");
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ code: 401 });
    expect((await rest(emu.url, session, "GET", "/agent/v5/datafeeds")).status).toBe(401);
    const again = await login(emu.url, bot);
    expect((await rest(emu.url, again, "GET", "/pod/v2/sessioninfo")).status).toBe(200);
  });

  it("the dev API can expire every session at once; datafeeds survive it", async () => {
    const session = await login(emu.url, bot);
    const feed = await createFeed(emu.url, session);
    await fetch(`${emu.url}/emulator/v1/sessions/expire`, { method: "POST" });
    expect((await rest(emu.url, session, "GET", "/pod/v2/sessioninfo")).status).toBe(401);
    expect(
      (await rest(emu.url, session, "POST", `/agent/v5/datafeeds/${feed}/read`, { ackId: "" })).status,
    ).toBe(401);
    const again = await login(emu.url, bot);
    const listed = (await (await rest(emu.url, again, "GET", "/agent/v5/datafeeds")).json()) as Array<{
      id: string;
    }>;
    expect(listed.map((f) => f.id)).toContain(feed);
  });

  it("agent calls need both tokens; pod calls need the session token", async () => {
    const session = await login(emu.url, bot);
    const noKm = await fetch(`${emu.url}/agent/v5/datafeeds`, {
      headers: { sessionToken: session.sessionToken },
    });
    expect(noKm.status).toBe(401);
    const swapped = await fetch(`${emu.url}/agent/v5/datafeeds`, {
      headers: { sessionToken: session.keyManagerToken, keyManagerToken: session.sessionToken },
    });
    expect(swapped.status).toBe(401);
    expect((await fetch(`${emu.url}/pod/v2/sessioninfo`)).status).toBe(401);
    // The agent's info needs no session (the spec declares none): the BDKs read it before logging in.
    const info = await fetch(`${emu.url}/agent/v1/info`);
    expect(info.status).toBe(200);
    expect(((await info.json()) as { version: string }).version).toMatch(/^Agent-\d+\.\d+\./);
  });
});
