import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator } from "../src/index.ts";
import {
  createAccount,
  createFeed,
  createPerson,
  devJson,
  login,
  readFeed,
  rest,
} from "./support/scripted-client.ts";

describe("--data-dir persistence", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("people, streams, messages, sessions and datafeeds with their unacknowledged events survive a restart", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "sprig-emulator-"));
    dirs.push(dataDir);
    // The first run's unacknowledged batch becomes due for redelivery almost at once; the second run
    // gets a long visibility timeout so a slow machine cannot cause a (legitimate) second redelivery.
    let emu = await startEmulator({ dataDir, datafeed: { longPollMs: 30, visibilityTimeoutMs: 50 } });
    const bot = await createAccount(emu.url, "persisted-bot");
    const alice = await createPerson(emu.url, "alice");
    const session = await login(emu.url, bot);
    const feed = await createFeed(emu.url, session);
    const im = (await devJson<{ streamId: string }>(emu.url, "/ims", { userIds: [alice.id, bot.id] }))
      .streamId;
    await devJson(emu.url, `/streams/${im}/messages`, { as: alice.id, text: "first" });
    const inflight = await readFeed(emu.url, session, feed, ""); // read, never acknowledged
    expect(inflight.body.events.length).toBeGreaterThan(0);
    await devJson(emu.url, `/streams/${im}/messages`, { as: alice.id, text: "second" }); // queued, unread
    await emu.close();

    emu = await startEmulator({ dataDir, datafeed: { longPollMs: 30, visibilityTimeoutMs: 60_000 } });
    try {
      const users = (await (await fetch(`${emu.url}/emulator/v1/users`)).json()) as Array<{
        username: string;
      }>;
      expect(users.map((u) => u.username).sort()).toEqual(["alice", "persisted-bot"]);
      // The old session still works (it has not expired) and so does a new login with the same key.
      expect((await rest(emu.url, session, "GET", "/pod/v2/sessioninfo")).status).toBe(200);
      await login(emu.url, bot);
      const messages = (await (
        await fetch(`${emu.url}/emulator/v1/streams/${im}/messages`)
      ).json()) as Array<{ message: string }>;
      expect(messages.map((m) => m.message.includes("first") || m.message.includes("second"))).toEqual([
        true,
        true,
      ]);
      const seen: string[] = [];
      let ackId = "";
      for (let i = 0; i < 10; i++) {
        const read = await readFeed(emu.url, session, feed, ackId);
        expect(read.status).toBe(200);
        ackId = read.body.ackId;
        seen.push(...read.body.events.map((e) => e.id as string));
        if (seen.length >= inflight.body.events.length + 1 && read.body.events.length === 0) break;
      }
      for (const event of inflight.body.events) expect(seen).toContain(event.id);
      expect(seen.length).toBe(inflight.body.events.length + 1);
    } finally {
      await emu.close();
    }
  });

  it("reset empties the pod and re-applies the seed", async () => {
    const emu = await startEmulator({
      seed: { users: [{ username: "seeded", displayName: "Seeded Person", id: 4242 }] },
    });
    try {
      await createPerson(emu.url, "extra");
      await fetch(`${emu.url}/emulator/v1/reset`, { method: "POST" });
      const users = (await (await fetch(`${emu.url}/emulator/v1/users`)).json()) as Array<{ id: number }>;
      expect(users.map((u) => u.id)).toEqual([4242]);
    } finally {
      await emu.close();
    }
  });
});
