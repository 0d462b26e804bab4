import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../src/index.ts";
import {
  createAccount,
  createFeed,
  createPerson,
  devJson,
  login,
  readFeed,
} from "./support/scripted-client.ts";
import type { WireMessage } from "./support/wire-shapes.ts";

const bin = join(dirname(fileURLToPath(import.meta.url)), "..", "bin", "sprig-emulator.js");

/** The real command line, as a separate process we can kill -9. */
async function startCli(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bin, "--port", "0", "--data-dir", dataDir]);
  let out = "";
  let err = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    err += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const found = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (found) resolve(found[0]);
    });
    child.on("exit", (code) => reject(new Error(`sprig-emulator exited ${code}: ${err}`)));
  });
  return { child, url };
}

const texts = async (url: string, streamId: string) =>
  ((await (await fetch(`${url}/emulator/v1/streams/${streamId}/messages`)).json()) as WireMessage[]).map(
    (m) => /^<div[^>]*><p>(.*)<\/p><\/div>$/.exec(m.message)?.[1],
  );

describe("--data-dir journal", () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  const emulators: Emulator[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "sprig-journal-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
    for (const emu of emulators.splice(0)) await emu.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("kill -9 right after a burst of acknowledged writes loses none of them, nor their datafeed events", async () => {
    const dataDir = tempDir();
    const first = await startCli(dataDir);
    children.push(first.child);
    const bot = await createAccount(first.url, "journal-bot");
    const alice = await createPerson(first.url, "alice");
    const session = await login(first.url, bot);
    const feed = await createFeed(first.url, session);
    const im = (await devJson<{ streamId: string }>(first.url, "/ims", { userIds: [alice.id, bot.id] }))
      .streamId;
    // A burst of concurrent posts; the test remembers exactly those that were answered.
    const acknowledged: string[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async (_, lane) => {
        for (let i = 0; i < 25; i++) {
          const text = `burst-${lane}-${i}`;
          await devJson(first.url, `/streams/${im}/messages`, { as: alice.id, text });
          acknowledged.push(text);
        }
      }),
    );
    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.on("exit", resolve));
    // No clean shutdown happened: what is there came from the journal.
    expect(readdirSync(dataDir).some((name) => /^journal-\d+\.ndjson$/.test(name))).toBe(true);

    const warnings: string[] = [];
    const second = await startEmulator({ dataDir, log: (line) => warnings.push(line) });
    emulators.push(second);
    const stored = await texts(second.url, im);
    expect(stored.sort()).toEqual([...acknowledged].sort());
    expect(warnings).toEqual([]);
    // The bot's feed kept every event, and its session still works.
    const seen: string[] = [];
    let ackId = "";
    for (let i = 0; i < 20 && seen.length < acknowledged.length + 1; i++) {
      const read = await readFeed(second.url, session, feed, ackId);
      expect(read.status).toBe(200);
      ackId = read.body.ackId;
      seen.push(...read.body.events.map((e) => e.type));
    }
    expect(seen.filter((type) => type === "MESSAGESENT")).toHaveLength(acknowledged.length);
  }, 60_000);

  it("a torn last journal line is dropped with a warning, not a crash; damage before the end is a clear error", async () => {
    const dataDir = tempDir();
    const writer = await startEmulator({ dataDir });
    emulators.push(writer);
    const alice = await createPerson(writer.url, "alice");
    const bob = await createPerson(writer.url, "bob");
    const im = (await devJson<{ streamId: string }>(writer.url, "/ims", { userIds: [alice.id, bob.id] }))
      .streamId;
    await devJson(writer.url, `/streams/${im}/messages`, { as: alice.id, text: "kept" });
    const journal = readdirSync(dataDir).find((name) => name.startsWith("journal-"))!;
    // The process died mid-write: half a line, no newline.
    appendFileSync(join(dataDir, journal), '{"kind":"message","message":{"messageId":"abc","str');

    const warnings: string[] = [];
    const reader = await startEmulator({ dataDir, log: (line) => warnings.push(line) });
    emulators.push(reader);
    expect(await texts(reader.url, im)).toEqual(["kept"]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/cut off mid-write.*dropped/);
    await reader.close();
    emulators.pop();

    // The reader folded the journal into a snapshot; now break a line in the middle of a journal.
    const damagedDir = tempDir();
    const damaged = await startEmulator({ dataDir: damagedDir });
    emulators.push(damaged);
    await createPerson(damaged.url, "carol");
    const damagedJournal = join(
      damagedDir,
      readdirSync(damagedDir).find((name) => name.startsWith("journal-"))!,
    );
    appendFileSync(damagedJournal, 'garbage\n{"kind":"reset"}\n');
    await expect(startEmulator({ dataDir: damagedDir })).rejects.toThrow(/line 2 is not a readable change/);
  });

  it("a reset is journalled too: after a crash the pod is what the reset and the seed left", async () => {
    const dataDir = tempDir();
    const seed = { users: [{ username: "seeded", id: 4242 }] };
    const writer = await startEmulator({ dataDir, seed });
    emulators.push(writer);
    await createPerson(writer.url, "before-reset");
    await fetch(`${writer.url}/emulator/v1/reset`, { method: "POST" });
    await createPerson(writer.url, "after-reset");
    const reader = await startEmulator({ dataDir, seed });
    emulators.push(reader);
    const users = (await (await fetch(`${reader.url}/emulator/v1/users`)).json()) as Array<{
      username: string;
    }>;
    expect(users.map((u) => u.username).sort()).toEqual(["after-reset", "seeded"]);
  });

  it("compaction folds the journal into a snapshot as it grows and keeps everything", async () => {
    const dataDir = tempDir();
    const writer = await startEmulator({ dataDir, compactJournalBytes: 4096 });
    emulators.push(writer);
    const alice = await createPerson(writer.url, "alice");
    const bob = await createPerson(writer.url, "bob");
    const im = (await devJson<{ streamId: string }>(writer.url, "/ims", { userIds: [alice.id, bob.id] }))
      .streamId;
    const sent: string[] = [];
    for (let i = 0; i < 60; i++) {
      const text = `m${i}`;
      const message = await devJson<WireMessage>(writer.url, `/streams/${im}/messages`, {
        as: alice.id,
        text,
      });
      sent.push(text);
      if (i === 10) {
        await fetch(`${writer.url}/emulator/v1/streams/${im}/messages/${message.messageId}?as=alice`, {
          method: "DELETE",
        });
        sent.pop();
      }
    }
    const snapshot = JSON.parse(readFileSync(join(dataDir, "state.json"), "utf8")) as { generation: number };
    expect(snapshot.generation).toBeGreaterThan(2);
    // Only the current generation's journal is left.
    expect(readdirSync(dataDir).filter((name) => name.startsWith("journal-"))).toEqual([
      `journal-${snapshot.generation}.ndjson`,
    ]);
    // Read the directory as a kill -9 would leave it (the writer is still running, never closed).
    const reader = await startEmulator({ dataDir, compactJournalBytes: 4096 });
    emulators.push(reader);
    expect(await texts(reader.url, im)).toEqual(sent);
    const users = (await (await fetch(`${reader.url}/emulator/v1/users`)).json()) as Array<{
      username: string;
    }>;
    expect(users.map((u) => u.username).sort()).toEqual(["alice", "bob"]);
  });
});
