/**
 * The `expireSessions` fault: the pod refusing a call (401) even to a client that has just logged in
 * again — what a pod whose sessions expire again and again looks like to a bot. The refusal is the
 * pod's own session check, not a canned reply.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../src/index.ts";
import { authHeaders, createAccount, devJson, login, type Session } from "./support/scripted-client.ts";

describe("fault: expireSessions", () => {
  let emu: Emulator;
  let account: Awaited<ReturnType<typeof createAccount>>;

  beforeAll(async () => {
    emu = await startEmulator({ datafeed: { longPollMs: 10 } });
    account = await createAccount(emu.url, "expiring-bot");
  });
  afterAll(async () => {
    await emu.close();
  });

  const sessionInfo = (session: Session) =>
    fetch(`${emu.url}/pod/v2/sessioninfo`, { headers: authHeaders(session) });
  const listFeeds = (session: Session) =>
    fetch(`${emu.url}/agent/v5/datafeeds`, { headers: authHeaders(session) });

  it("refuses the next `times` matching calls with 401, each time to a fresh login, then lets them through", async () => {
    await devJson(emu.url, "/faults", { path: "/pod/v2/sessioninfo", expireSessions: true, times: 2 });
    for (let refused = 0; refused < 2; refused++) {
      const fresh = await login(emu.url, account);
      const res = await sessionInfo(fresh);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { message: string }).message).toContain("expired");
    }
    const fresh = await login(emu.url, account);
    expect((await sessionInfo(fresh)).status).toBe(200);
    expect(await (await fetch(`${emu.url}/emulator/v1/faults`)).json()).toEqual([]);
  });

  it("expires the key-manager token too (an agent call is refused), and only calls matching the path trigger it", async () => {
    await devJson(emu.url, "/faults", { path: "/agent/v5/datafeeds", method: "GET", expireSessions: true });
    const session = await login(emu.url, account);
    expect((await sessionInfo(session)).status).toBe(200); // another path: untouched, the session lives
    expect((await listFeeds(session)).status).toBe(401);
    // The session the fault expired stays expired: the client must log in again.
    expect((await sessionInfo(session)).status).toBe(401);
    expect((await listFeeds(await login(emu.url, account))).status).toBe(200);
  });

  it("is refused unless a boolean", async () => {
    const res = await fetch(`${emu.url}/emulator/v1/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "/x", expireSessions: "yes" }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain(
      '"expireSessions" must be a boolean',
    );
  });
});
