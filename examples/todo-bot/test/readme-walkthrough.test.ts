/**
 * The README's "Talk to it with curl" steps, against the pod `npm start` runs (the emulator and the
 * todo bot over HTTP, `npm start -- todo`): streams, messages as alice and bob, the bot's answers read
 * back, a form submitted with the form id, button name and message id the README describes.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NpmStartChild, startNpmStart } from "./support/npm-start-child.ts";

interface Stream {
  readonly id: string;
  readonly streamType: { readonly type: string };
  readonly roomAttributes?: { readonly name: string };
}
interface PodMessage {
  readonly messageId: string;
  readonly message: string;
  readonly user: { readonly username: string };
  readonly attachments?: ReadonlyArray<{ readonly name: string }>;
}

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

describe("todo bot README: talking to it with curl", { timeout: 120_000 }, () => {
  let dir: string;
  let local: NpmStartChild;

  async function dev<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${local.url}/emulator/v1${path}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  const messages = (streamId: string) => dev<PodMessage[]>("GET", `/streams/${streamId}/messages`);
  const post = (streamId: string, as: string, text: string) =>
    dev("POST", `/streams/${streamId}/messages`, { as, text });

  /** The bot's messages in a stream once there are at least `count` (bounded wait). */
  async function botMessages(streamId: string, count: number): Promise<PodMessage[]> {
    for (let i = 0; i < 200; i++) {
      const mine = (await messages(streamId)).filter((m) => m.user.username === "todo-bot");
      if (mine.length >= count) return mine;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`The bot did not post ${count} message(s) in ${streamId}.`);
  }

  async function streamsOf(user: string): Promise<{ team: string; im: string }> {
    const streams = await dev<Stream[]>("GET", `/users/${user}/streams`);
    const team = streams.find((s) => s.streamType.type === "ROOM" && s.roomAttributes?.name === "Team");
    const im = streams.find((s) => s.streamType.type === "IM");
    if (!team || !im) throw new Error(`${user} should see the room "Team" and a 1:1 with the bot.`);
    return { team: team.id, im: im.id };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "sprig-todo-readme-"));
    local = await startNpmStart({ SPRIG_DIR: dir });
  }, 120_000);

  afterAll(async () => {
    local?.child.kill("SIGINT");
    await local?.exited;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("the README documents the dev API calls this test makes", () => {
    for (const path of [
      "/emulator/v1/users/alice/streams",
      "/emulator/v1/streams/<streamId>/messages",
      "/emulator/v1/streams/<streamId>/messages/<messageId>/form",
      '"formId":"todo-new-item","action":"add"',
      "/template todo-list edit",
    ]) {
      expect(readme).toContain(path);
    }
  });

  it("alice makes a list and fills in the new-item form; bob is refused /clear and hears of his item", async () => {
    const alice = await streamsOf("alice");
    const bob = await streamsOf("bob");
    expect(bob.team).toBe(alice.team);

    await post(alice.team, "alice", "/new");
    await botMessages(alice.team, 1);
    await post(alice.team, "alice", "/add");
    const form = (await botMessages(alice.team, 2))[1]!;
    expect(form.message).toContain('<form id="todo-new-item">');
    expect(form.message).toContain('name="add"');

    await dev("POST", `/streams/${alice.team}/messages/${form.messageId}/form`, {
      as: "alice",
      formId: "todo-new-item",
      action: "add",
      values: { description: "Buy milk", assignee: [1002] },
    });
    const [added, list] = (await botMessages(alice.team, 4)).slice(2);
    expect(added?.message).toContain("Added &quot;Buy milk&quot; as item 1.");
    expect(list?.message).toContain('<form id="todo-list">');
    expect(list?.message).toContain("Buy milk");

    await post(bob.team, "bob", "/clear");
    expect((await botMessages(bob.team, 5))[4]?.message).toContain("only for room admins");

    await post(alice.team, "alice", "/complete 1");
    const toBob = await botMessages(bob.im, 1);
    expect(toBob[0]?.message).toContain("completed &quot;Buy milk&quot; in Team");
  });

  it("alice asks for the todo list's generated template and gets it as a .ftl file", async () => {
    const alice = await streamsOf("alice");
    await post(alice.im, "alice", "/template todo-list edit");
    const [answer] = await botMessages(alice.im, 1);
    expect(answer?.attachments?.map((file) => file.name)).toEqual(["todo-list-edit.ftl"]);
    expect(answer?.message).toContain("save it as a .ftl file");
  });
});
