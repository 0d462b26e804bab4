import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Clock, createIdSource, type Emulator, seededRandom, startEmulator } from "../src/index.ts";
import { at, entitiesOf } from "./support/json-reading.ts";
import { createPerson, devJson, devPost } from "./support/scripted-client.ts";
import type { WireEvent, WireMessage } from "./support/wire-shapes.ts";

describe("dev API", () => {
  let emu: Emulator;
  let alice: { id: number };
  let bob: { id: number };
  let room: string;

  beforeAll(async () => {
    emu = await startEmulator();
    alice = await createPerson(emu.url, "alice");
    bob = await createPerson(emu.url, "bob");
    room = (
      await devJson<{ streamId: string }>(emu.url, "/rooms", {
        name: "Dev",
        creatorId: alice.id,
        memberIds: [bob.id],
      })
    ).streamId;
  });
  afterAll(() => emu.close());

  const post = (text: string) =>
    devJson<WireMessage>(emu.url, `/streams/${room}/messages`, { as: alice.id, text });

  it("typed text: @username → mention, #tag → hashtag, $TAG → cashtag, as the client does", async () => {
    const message = await post("hi @bob see #release and $AAPL, mail me@example.com");
    expect(message.message).toContain("@Bob Tester");
    const data = entitiesOf(message.data);
    expect(data.map((e) => e.type).sort()).toEqual([
      "com.symphony.user.mention",
      "org.symphonyoss.fin.security",
      "org.symphonyoss.taxonomy",
    ]);
    const idOf = (type: string) =>
      at(
        data.find((e) => e.type === type),
        "id",
        0,
        "value",
      );
    expect(idOf("com.symphony.user.mention")).toBe(String(bob.id));
    expect(idOf("org.symphonyoss.taxonomy")).toBe("release");
    expect(idOf("org.symphonyoss.fin.security")).toBe("AAPL");
  });

  it("typed text looks like the desktop client's: a paragraph in a wysiwyg div, a desktop user agent", async () => {
    const message = await post("hi\nthere");
    expect(message.message).toBe(
      '<div data-format="PresentationML" data-version="2.0" class="wysiwyg"><p>hi<br/>there</p></div>',
    );
    expect((message as unknown as { userAgent: string }).userAgent).toMatch(/^DESKTOP-\d+\.\d+\.\d+-/);
    // A bot posting through the dev API is not a person at a client.
    const bot = await createPerson(emu.url, "dev-bot", { bot: true });
    await devJson(emu.url, `/streams/${room}/members`, { as: alice.id, userId: bot.id });
    const fromBot = await devJson<WireMessage>(emu.url, `/streams/${room}/messages`, {
      as: bot.id,
      messageML: "<messageML>beep</messageML>",
    });
    expect(fromBot.message).toBe('<div data-format="PresentationML" data-version="2.0">beep</div>');
  });

  it("hostile markup typed by a person stays text", async () => {
    const message = await post(
      '<b>bold</b> & <form id="x"><button name="y">Y</button></form> ${data} <#if x>',
    );
    expect(message.message).not.toContain("<b>");
    expect(message.message).not.toContain("<form");
    expect(message.message).toContain("&lt;b&gt;bold&lt;/b&gt;");
    expect(message.message).toContain("${data} &lt;#if x&gt;");
    const unknownMention = await post("@nobody here");
    expect(unknownMention.message).toContain("@nobody here");
  });

  it("lists messages with PresentationML and data, and manages members with events", async () => {
    const carol = await createPerson(emu.url, "carol");
    expect((await devPost(emu.url, `/streams/${room}/members`, { userId: carol.id })).status).toBe(200);
    expect((await devPost(emu.url, `/streams/${room}/members/${carol.id}/promote`, {})).status).toBe(200);
    const stranger = await createPerson(emu.url, "stranger");
    const refused = await devPost(emu.url, `/streams/${room}/messages`, {
      as: stranger.id,
      text: "let me in",
    });
    expect(refused.status).toBe(403);
    const removed = await fetch(`${emu.url}/emulator/v1/streams/${room}/members/${carol.id}`, {
      method: "DELETE",
    });
    expect(await removed.json()).toEqual({ removed: true });
    const list = (await (
      await fetch(`${emu.url}/emulator/v1/streams/${room}/messages`)
    ).json()) as WireMessage[];
    expect(list.length).toBeGreaterThanOrEqual(3);
    expect(list[0]!.message).toMatch(/^<div data-format="PresentationML" data-version="2.0"/);
    expect(typeof list[0]!.data).toBe("string");
  });

  it("injects events the emulator never causes itself, with a full initiator, into the named people's streams", async () => {
    const events: WireEvent[] = [];
    const abort = new AbortController();
    const res = await fetch(`${emu.url}/emulator/v1/users/${bob.id}/events`, { signal: abort.signal });
    const reader = (async () => {
      try {
        for await (const chunk of res.body!) {
          for (const line of Buffer.from(chunk as Uint8Array)
            .toString()
            .split("\n"))
            if (line.startsWith("data: ")) events.push(JSON.parse(line.slice(6)) as WireEvent);
        }
      } catch {
        // aborted below
      }
    })();
    const injected = await devJson<WireEvent>(emu.url, "/events", {
      type: "CONNECTIONREQUESTED",
      initiator: alice.id,
      userIds: [bob.id],
      payload: { toUser: { userId: bob.id } },
    });
    expect(injected.initiator.user).toMatchObject({
      userId: alice.id,
      username: "alice",
      displayName: "Alice Tester",
    });
    for (let i = 0; i < 50 && events.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    abort.abort();
    await reader;
    expect(events.map((e) => e.id)).toEqual([injected.id]);
    expect(
      (await devPost(emu.url, "/events", { type: "NOPE", initiator: alice.id, userIds: [bob.id] })).status,
    ).toBe(400);
  });

  it("takes an injected payload given alone or under its type's key alike, never wrapped twice", async () => {
    const body = { toUser: { userId: bob.id } };
    const inject = (payload: unknown) =>
      devJson<WireEvent>(emu.url, "/events", {
        type: "CONNECTIONREQUESTED",
        initiator: alice.id,
        userIds: [bob.id],
        payload,
      });
    const alone = await inject(body);
    const keyed = await inject({ connectionRequested: body });
    expect(alone.payload).toEqual({ connectionRequested: body });
    expect(keyed.payload).toEqual({ connectionRequested: body });
    const mixed = await devPost(emu.url, "/events", {
      type: "CONNECTIONREQUESTED",
      initiator: alice.id,
      userIds: [bob.id],
      payload: { connectionRequested: body, toUser: {} },
    });
    expect(mixed.status).toBe(400);
  });

  it("rejects a message with both or neither of text and messageML, and invalid MessageML with the agent's text", async () => {
    const both = await devPost(emu.url, `/streams/${room}/messages`, {
      as: alice.id,
      text: "a",
      messageML: "<messageML>b</messageML>",
    });
    expect(both.status).toBe(400);
    const invalid = await devPost(emu.url, `/streams/${room}/messages`, {
      as: alice.id,
      messageML: "<messageML><p>unclosed</messageML>",
    });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { message: string }).message).toMatch(/^Invalid messageML: /);
  });
});

describe("injectable clock, ids and randomness", () => {
  it("the same seed and clock give the same ids and timestamps", async () => {
    const run = async () => {
      let now = Date.UTC(2030, 0, 1);
      const clock: Clock = {
        now: () => now++,
        setTimeout: (f, ms) => setTimeout(f, ms),
        clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
      };
      const emu = await startEmulator({ clock, ids: createIdSource(seededRandom(7), 1000) });
      try {
        const a = await createPerson(emu.url, "a");
        const b = await createPerson(emu.url, "b");
        const im = await devJson<{ streamId: string }>(emu.url, "/ims", { userIds: [a.id, b.id] });
        const message = await devJson<Record<string, unknown>>(emu.url, `/streams/${im.streamId}/messages`, {
          as: a.id,
          text: "hi",
        });
        return {
          ids: [a.id, b.id],
          streamId: im.streamId,
          messageId: message.messageId,
          timestamp: message.timestamp,
          sid: message.sid,
        };
      } finally {
        await emu.close();
      }
    };
    const first = await run();
    expect(first.ids).toEqual([1000, 1001]);
    expect(first.timestamp).toBeGreaterThanOrEqual(Date.UTC(2030, 0, 1));
    expect(await run()).toEqual(first);
  });
});
