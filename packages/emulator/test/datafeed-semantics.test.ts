import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../src/index.ts";
import { at } from "./support/json-reading.ts";
import {
  type Account,
  createAccount,
  createPerson,
  devJson,
  login,
  readFeed,
  rest,
  type Session,
} from "./support/scripted-client.ts";
import type { WireEvent } from "./support/wire-shapes.ts";

describe("datafeed v2 semantics", () => {
  let emu: Emulator;
  let bot: Account;
  let session: Session;
  let alice: { id: number };
  let im: string;

  const say = (text: string) => devJson(emu.url, `/streams/${im}/messages`, { as: alice.id, text });
  const createFeed = async () => {
    const res = await rest(emu.url, session, "POST", "/agent/v5/datafeeds", {});
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const texts = (events: readonly WireEvent[]) =>
    events
      .filter((e) => e.type === "MESSAGESENT")
      .map((e) => String(at(e.payload, "messageSent", "message", "message")));

  async function setup(visibilityTimeoutMs: number) {
    emu = await startEmulator({
      datafeed: {
        visibilityTimeoutMs,
        longPollMs: 100,
        ttlMs: 60_000,
        maxFeedsPerAccount: 20,
        maxBatchSize: 100,
      },
    });
    bot = await createAccount(emu.url, "bot");
    session = await login(emu.url, bot);
    alice = await createPerson(emu.url, "alice");
    im = (await devJson<{ streamId: string }>(emu.url, "/ims", { userIds: [alice.id, bot.id] })).streamId;
  }

  beforeEach(() => setup(150));
  afterEach(() => emu.close());

  it("acknowledging a batch removes it: the next read does not repeat it", async () => {
    const feed = await createFeed();
    await say("one");
    const first = await readFeed(emu.url, session, feed, "");
    expect(texts(first.body.events)).toHaveLength(1);
    expect(first.body.ackId).toBeTruthy();
    const second = await readFeed(emu.url, session, feed, first.body.ackId);
    expect(second.status).toBe(200);
    expect(second.body.events).toEqual([]);
    // Past the visibility timeout, still nothing: the ack really removed it.
    await new Promise((r) => setTimeout(r, 200));
    const third = await readFeed(emu.url, session, feed, second.body.ackId);
    expect(third.body.events).toEqual([]);
  });

  it("an unacknowledged batch comes back after the visibility timeout, in order", async () => {
    const feed = await createFeed();
    await say("one");
    await say("two");
    const first = await readFeed(emu.url, session, feed, "");
    expect(texts(first.body.events).map((t) => t.includes("one") || t.includes("two"))).toEqual([true, true]);
    // Re-read with the OLD ackId ("" = not advanced): the long-poll ends with the redelivered batch.
    let again = await readFeed(emu.url, session, feed, "");
    for (let i = 0; i < 5 && again.body.events.length === 0; i++)
      again = await readFeed(emu.url, session, feed, "");
    expect(again.body.events.map((e) => e.id)).toEqual(first.body.events.map((e) => e.id));
    expect(again.body.ackId).not.toBe(first.body.ackId);
  });

  it("a long-poll with nothing to deliver answers events: [] with an ackId", async () => {
    const feed = await createFeed();
    const read = await readFeed(emu.url, session, feed, "");
    expect(read.status).toBe(200);
    expect(read.body.events).toEqual([]);
    expect(typeof read.body.ackId).toBe("string");
  });

  it("a waiting long-poll wakes up when an event arrives", async () => {
    const feed = await createFeed();
    const pending = readFeed(emu.url, session, feed, "");
    await say("wake");
    let read = await pending;
    if (read.body.events.length === 0) read = await readFeed(emu.url, session, feed, read.body.ackId);
    expect(texts(read.body.events)[0]).toContain("wake");
  });

  it("a feed unread for its TTL is gone: 400", async () => {
    await emu.close();
    emu = await startEmulator({ datafeed: { ttlMs: 50, longPollMs: 20 } });
    bot = await createAccount(emu.url, "bot");
    session = await login(emu.url, bot);
    const feed = await createFeed();
    await new Promise((r) => setTimeout(r, 120));
    const read = await readFeed(emu.url, session, feed, "");
    expect(read.status).toBe(400);
    expect(read.body.code).toBe(400);
    expect(String((read.body as { message?: string }).message)).toMatch(/no longer exists/);
    const list = await rest(emu.url, session, "GET", "/agent/v5/datafeeds");
    expect(await list.json()).toEqual([]);
  });

  it("the 21st feed of an account is refused with 403; deleting one makes room", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await createFeed());
    const refused = await rest(emu.url, session, "POST", "/agent/v5/datafeeds", {});
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 403 });
    expect((await rest(emu.url, session, "DELETE", `/agent/v5/datafeeds/${ids[0]}`)).status).toBe(204);
    expect((await rest(emu.url, session, "POST", "/agent/v5/datafeeds", {})).status).toBe(201);
    expect((await readFeed(emu.url, session, ids[0]!, "")).status).toBe(400);
  });

  it("two readers of one feed share its events: every event reaches exactly one of them", async () => {
    // A long visibility timeout: on a loaded machine a late ack would (rightly) cause a redelivery.
    await emu.close();
    await setup(60_000);
    const feed = await createFeed();
    const total = 40;
    const seen: string[] = [];
    let done = false;
    const reader = async () => {
      let ackId = "";
      while (!done) {
        const read = await readFeed(emu.url, session, feed, ackId);
        ackId = read.body.ackId;
        seen.push(...read.body.events.filter((e) => e.type === "MESSAGESENT").map((e) => e.id as string));
      }
      await readFeed(emu.url, session, feed, ackId); // acknowledge the last batch
    };
    const readers = [reader(), reader()];
    for (let i = 0; i < total; i++) await say(`m${i}`);
    for (let i = 0; i < 50 && seen.length < total; i++) await new Promise((r) => setTimeout(r, 20));
    done = true;
    await Promise.all(readers);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it("duplicate-delivery fault: the next N events arrive twice with the same id", async () => {
    const feed = await createFeed();
    await devJson(emu.url, "/datafeed/duplicate", { count: 1 });
    await say("twice");
    await say("once");
    const read = await readFeed(emu.url, session, feed, "");
    const ids = read.body.events.map((e) => e.id);
    expect(ids).toHaveLength(3);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it("cross-pod duplicate fault: the same message again under a new event id", async () => {
    const feed = await createFeed();
    await devJson(emu.url, "/datafeed/duplicate", { count: 1, kind: "otherPod" });
    await say("twice");
    const read = await readFeed(emu.url, session, feed, "");
    const [first, copy] = read.body.events;
    expect(read.body.events).toHaveLength(2);
    expect(copy?.id).not.toBe(first?.id);
    expect(copy?.payload).toEqual(first?.payload);
  });

  it("duplicate fault: an unknown kind is refused", async () => {
    const answer = await fetch(`${emu.url}/emulator/v1/datafeed/duplicate`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ count: 1, kind: "sideways" }),
    });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { message: string }).message).toMatch(/^"kind" must be/);
  });

  it("feed ids: <32 hex>_f, or the tag itself; creating with an existing tag returns that feed", async () => {
    expect(await createFeed()).toMatch(/^[0-9a-f]{32}_f$/);
    const tagged = await rest(emu.url, session, "POST", "/agent/v5/datafeeds", { tag: "my-bot" });
    expect(await tagged.json()).toMatchObject({ id: "my-bot", type: "fanout" });
    const again = await rest(emu.url, session, "POST", "/agent/v5/datafeeds", { tag: "my-bot" });
    expect(await again.json()).toMatchObject({ id: "my-bot" });
    const listed = await rest(emu.url, session, "GET", "/agent/v5/datafeeds?tag=my-bot");
    expect(((await listed.json()) as Array<{ id: string }>).map((f) => f.id)).toEqual(["my-bot"]);
  });

  it("datafeed v1: create, then read takes queued events without ack", async () => {
    const created = await rest(emu.url, session, "POST", "/agent/v4/datafeed/create");
    const { id } = (await created.json()) as { id: string };
    await say("v1");
    const read = await rest(emu.url, session, "GET", `/agent/v4/datafeed/${id}/read`);
    const events = (await read.json()) as WireEvent[];
    expect(texts(events)[0]).toContain("v1");
    const empty = await rest(emu.url, session, "GET", `/agent/v4/datafeed/${id}/read`);
    expect(await empty.json()).toEqual([]);
  });
});
