import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hasShared, readSharedJson } from "@sprig/shared-data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../src/index.ts";
import { shapeDifferences } from "./support/fixture-shape.ts";
import { checkResponse, validateAgainst } from "./support/openapi-contract.ts";
import {
  type Account,
  authHeaders,
  createAccount,
  createPerson,
  devJson,
  devPost,
  login,
  readFeed,
  rest,
  type Session,
} from "./support/scripted-client.ts";
import type { WireEvent } from "./support/wire-shapes.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read freely here, after the contract check.
type Body = any;

/**
 * The pod operations bots commonly call beyond messages and streams (issue 14): user search,
 * presence, signals, IM info and pins, admin views, message status, blast, share, allowed file
 * types, health and agent info, connections' events — each response checked against the upstream
 * contract (../shared/symphony-api-spec), errors included, and each refusal pinned.
 */
describe.skipIf(!hasShared())("pod operations against the Symphony contract", () => {
  let emu: Emulator;
  let bot: Account;
  let carolAccount: Account;
  let session: Session;
  let carol: Session;
  let alice: { id: number };
  let eve: { id: number };
  let gone: { id: number };
  const failures: string[] = [];
  const checked = new Set<string>();

  /** A call as `who`; the status must be `status` (default 2xx) and a JSON body must fit the contract. */
  async function call(
    method: string,
    path: string,
    init: { json?: unknown; form?: FormData; as?: Session | null; status?: number } = {},
  ): Promise<{ status: number; body: Body }> {
    const who = init.as === undefined ? session : init.as;
    const headers: Record<string, string> = who ? authHeaders(who) : {};
    let body: string | FormData | undefined;
    if (init.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(init.json);
    } else if (init.form) body = init.form;
    const res = await fetch(`${emu.url}${path}`, { method, headers, body });
    const text = await res.text();
    const expected = init.status ?? "2xx";
    if (expected === "2xx" ? res.status >= 300 : res.status !== expected)
      failures.push(`${method} ${path}: status ${res.status} (expected ${expected}) ${text.slice(0, 200)}`);
    let parsed: unknown;
    if ((res.headers.get("content-type") ?? "").includes("application/json")) {
      parsed = JSON.parse(text);
      const check = checkResponse(method, path.split("?")[0]!, res.status, parsed);
      checked.add(check.operation);
      for (const error of check.errors) failures.push(`${check.operation}: ${error}`);
    }
    return { status: res.status, body: parsed };
  }

  beforeAll(async () => {
    emu = await startEmulator({ datafeed: { longPollMs: 30 } });
    bot = await createAccount(emu.url, "ops-bot");
    carolAccount = await createAccount(emu.url, "carol", false);
    alice = await createPerson(emu.url, "alice", { title: "Trader", company: "Acme" });
    eve = await createPerson(emu.url, "eve", { external: true, company: "Elsewhere" });
    gone = await createPerson(emu.url, "gone", { active: false });
    session = await login(emu.url, bot);
    carol = await login(emu.url, carolAccount);
  });
  afterAll(async () => {
    await emu.close();
  });

  it("query booleans in any case, null labels, and the active filter of user lookups", async () => {
    const room = await call("POST", "/pod/v3/room/create", { json: { name: "Flags room" } });
    const roomId = room.body.roomSystemInfo.id as string;
    const search = await call("POST", "/pod/v3/room/search", {
      json: { query: "Flags", labels: null, owner: null },
    });
    expect(search.body.rooms.map((r: Body) => r.roomSystemInfo.id)).toEqual([roomId]);
    const off = await call("POST", `/pod/v1/room/${roomId}/setActive?active=False`);
    expect(off.body.roomSystemInfo.active).toBe(false);
    const on = await call("POST", `/pod/v1/room/${roomId}/setActive?active=TRUE`);
    expect(on.body.roomSystemInfo.active).toBe(true);
    const bad = await call("POST", `/pod/v1/room/${roomId}/setActive?active=yes`, { status: 400 });
    expect(bad.body.message).toContain('"active" must be true or false');
    await call("POST", `/pod/v1/room/${roomId}/setActive`, { status: 400 });
    expect((await call("GET", "/pod/v2/user?username=alice&local=True")).body.id).toBe(alice.id);

    const ids = `${alice.id},${gone.id}`;
    const all = await call("GET", `/pod/v3/users?uid=${ids}`);
    expect(all.body.users.map((u: Body) => u.id)).toEqual([alice.id, gone.id]);
    const inactive = await call("GET", `/pod/v3/users?uid=${ids}&active=false`);
    expect(inactive.body.users.map((u: Body) => u.id)).toEqual([gone.id]);
    const active = await call("GET", `/pod/v3/users?uid=${ids}&active=True`);
    expect(active.body.users.map((u: Body) => u.id)).toEqual([alice.id]);
    await call("GET", `/pod/v3/users?uid=${ids}&active=sometimes`, { status: 400 });
  });

  it("user search: names, username and email; local keeps colleagues; filters; a query is required", async () => {
    const byName = await call("POST", "/pod/v1/user/search", { json: { query: "ALI" } });
    expect(byName.body).toMatchObject({ count: 1, skip: 0, limit: 50, searchQuery: { query: "ALI" } });
    expect(byName.body.users[0]).toMatchObject({ id: alice.id, username: "alice", company: "Acme" });
    const byEmail = await call("POST", "/pod/v1/user/search", { json: { query: "eve@example.com" } });
    expect(byEmail.body.users.map((u: Body) => u.id)).toEqual([eve.id]);
    const local = await call("POST", "/pod/v1/user/search?local=true", { json: { query: "eve" } });
    expect(local.body.users).toEqual([]);
    const bots = await call("POST", "/pod/v1/user/search", {
      json: { query: "", filters: { accountTypes: ["SYSTEM"] } },
    });
    expect(bots.body.users.map((u: Body) => u.username)).toEqual(["ops-bot"]);
    const traders = await call("POST", "/pod/v1/user/search", {
      json: { query: "", filters: { title: "trader", company: "acme" } },
    });
    expect(traders.body.users.map((u: Body) => u.id)).toEqual([alice.id]);
    const deactivated = await call("POST", "/pod/v1/user/search", { json: { query: "gone" } });
    expect(deactivated.body.count).toBe(0);
    const paged = await call("POST", "/pod/v1/user/search?skip=1&limit=1", { json: { query: "" } });
    expect(paged.body.users).toHaveLength(1);
    expect(paged.body.count).toBeGreaterThan(1);
    await call("POST", "/pod/v1/user/search", { json: { filters: {} }, status: 400 });
    await call("POST", "/pod/v1/user/search", {
      json: { query: "x", filters: { accountTypes: "SYSTEM" } },
      status: 400,
    });
  });

  it("presence: get and set one's own, set another's as a service account only, and the presence feed", async () => {
    expect((await call("GET", "/pod/v2/user/presence")).body).toMatchObject({
      userId: bot.id,
      category: "AVAILABLE",
    });
    const feed = (await call("POST", "/pod/v1/presence/feed/create")).body.id as string;
    const busy = await call("POST", "/pod/v2/user/presence", { json: { category: "busy" } });
    expect(busy.body).toMatchObject({ userId: bot.id, category: "BUSY", timestamp: expect.any(Number) });
    await call("POST", "/pod/v3/user/presence", { json: { userId: alice.id, category: "AWAY" } });
    await call("POST", "/pod/v3/user/presence", { json: { userId: alice.id, category: "IN_A_MEETING" } });
    // The feed holds each person's latest change since the last read, once.
    const read = await call("GET", `/pod/v1/presence/feed/${feed}/read`);
    expect(read.body.map((p: Body) => [p.userId, p.category])).toEqual([
      [bot.id, "BUSY"],
      [alice.id, "IN_A_MEETING"],
    ]);
    expect((await call("GET", `/pod/v1/presence/feed/${feed}/read`)).body).toEqual([]);
    // soft=true keeps a status the person chose away from the desk.
    await call("POST", "/pod/v3/user/presence", { json: { userId: alice.id, category: "OUT_OF_OFFICE" } });
    const soft = await call("POST", "/pod/v3/user/presence?soft=TRUE", {
      json: { userId: alice.id, category: "AVAILABLE" },
    });
    expect(soft.body.category).toBe("OUT_OF_OFFICE");
    expect((await call("GET", `/pod/v3/user/${alice.id}/presence`)).body.category).toBe("OUT_OF_OFFICE");
    expect((await call("GET", `/pod/v3/user/${eve.id}/presence?local=true`)).body.category).toBe("OFFLINE");
    await call("GET", "/pod/v3/user/999/presence", { status: 404 });
    await call("POST", "/pod/v2/user/presence", { json: { category: "SLEEPING" }, status: 400 });
    // A person may set their own presence, not a colleague's.
    await call("POST", "/pod/v2/user/presence", { json: { category: "BUSY" }, as: carol });
    await call("POST", "/pod/v3/user/presence", {
      json: { userId: alice.id, category: "AVAILABLE" },
      as: carol,
      status: 403,
    });
    // Someone else's feed reads as no feed.
    await call("GET", `/pod/v1/presence/feed/${feed}/read`, { as: carol, status: 400 });
    const everyone = await call("GET", "/pod/v2/users/presence?limit=1000");
    expect(everyone.body.map((p: Body) => p.userId)).toContain(alice.id);
    expect(everyone.body.map((p: Body) => p.userId)).not.toContain(eve.id);
    await call("POST", "/pod/v1/user/presence/register", { json: [alice.id] });
    expect((await call("POST", `/pod/v1/presence/feed/${feed}/delete`)).body).toEqual({ id: feed });
    await call("GET", `/pod/v1/presence/feed/${feed}/read`, { status: 400 });
  });

  it("signals: create, read, list, update, subscribe others, unsubscribe, delete; the owner's rights", async () => {
    const created = await call("POST", "/agent/v1/signals/create", {
      json: {
        name: "Tech",
        query: "HASHTAG:tech AND CASHTAG:AAPL",
        visibleOnProfile: false,
        companyWide: false,
      },
    });
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ name: "Tech", query: "HASHTAG:tech AND CASHTAG:AAPL" });
    expect((await call("GET", `/agent/v1/signals/${id}/get`)).body.id).toBe(id);
    expect((await call("GET", "/agent/v1/signals/list")).body.map((s: Body) => s.id)).toEqual([id]);
    // Private: carol can neither see nor subscribe to it.
    await call("GET", `/agent/v1/signals/${id}/get`, { as: carol, status: 400 });
    const updated = await call("POST", `/agent/v1/signals/${id}/update`, {
      json: { name: "Tech news", query: "HASHTAG:tech", companyWide: true },
    });
    expect(updated.body).toMatchObject({ name: "Tech news", companyWide: true, visibleOnProfile: false });
    // Public now: carol subscribes herself; the owner pushes it on alice.
    const own = await call("POST", `/agent/v1/signals/${id}/subscribe`, { as: carol });
    expect(own.body).toMatchObject({ requestedSubscription: 1, successfulSubscription: 1 });
    const pushed = await call("POST", `/agent/v1/signals/${id}/subscribe?pushed=true`, {
      json: [alice.id, 424242],
    });
    expect(pushed.body).toMatchObject({
      requestedSubscription: 2,
      successfulSubscription: 1,
      failedSubscription: 1,
    });
    const subscribers = await call("GET", `/agent/v1/signals/${id}/subscribers`);
    expect(subscribers.body).toMatchObject({ offset: 0, hasMore: false, total: 3 });
    expect(subscribers.body.data.map((s: Body) => [s.userId, s.owner, s.pushed])).toEqual([
      [bot.id, true, false],
      [carolAccount.id, false, false],
      [alice.id, false, true],
    ]);
    // Carol may not subscribe others, change or delete it; the owner stays subscribed.
    const others = await call("POST", `/agent/v1/signals/${id}/subscribe`, { json: [eve.id], as: carol });
    expect(others.body.failedSubscription).toBe(1);
    await call("POST", `/agent/v1/signals/${id}/update`, {
      json: { name: "x", query: "HASHTAG:x" },
      as: carol,
      status: 403,
    });
    await call("POST", `/agent/v1/signals/${id}/delete`, { as: carol, status: 403 });
    const ownerOff = await call("POST", `/agent/v1/signals/${id}/unsubscribe`, { json: [bot.id] });
    expect(ownerOff.body.failedSubscription).toBe(1);
    const carolOff = await call("POST", `/agent/v1/signals/${id}/unsubscribe`, { as: carol });
    expect(carolOff.body.successfulSubscription).toBe(1);
    await call("POST", "/agent/v1/signals/create", { json: { name: "Bad", query: "tech" }, status: 400 });
    await call("POST", "/agent/v1/signals/create", { json: { query: "HASHTAG:x" }, status: 400 });
    expect((await call("POST", `/agent/v1/signals/${id}/delete`)).body).toMatchObject({ format: "TEXT" });
    await call("GET", `/agent/v1/signals/${id}/get`, { status: 400 });
  });

  it("IM info and pins, room pins: the message must be in that stream", async () => {
    const im = (await call("POST", "/pod/v1/im/create", { json: [alice.id] })).body.id as string;
    const form = new FormData();
    form.set("message", "<messageML>pin me</messageML>");
    const message = (await call("POST", `/agent/v4/stream/${im}/message/create`, { form })).body.messageId;
    const info = await call("GET", `/pod/v1/im/${im}/info`);
    expect(info.body).toMatchObject({ V1IMAttributes: {}, IMSystemInfo: { id: im, active: true } });
    const pinned = await call("POST", `/pod/v1/im/${im}/update`, { json: { pinnedMessageId: message } });
    expect(pinned.body.V1IMAttributes).toEqual({ pinnedMessageId: message });
    expect((await call("GET", `/pod/v1/im/${im}/info`)).body.V1IMAttributes.pinnedMessageId).toBe(message);

    const room = await call("POST", "/pod/v3/room/create", { json: { name: "Pins" } });
    const roomId = room.body.roomSystemInfo.id as string;
    await call("GET", `/pod/v1/im/${roomId}/info`, { status: 400 });
    // A message of another stream cannot be pinned here.
    await call("POST", `/pod/v3/room/${roomId}/update`, { json: { pinnedMessageId: message }, status: 400 });
    const roomForm = new FormData();
    roomForm.set("message", "<messageML>room rules</messageML>");
    const rules = (await call("POST", `/agent/v4/stream/${roomId}/message/create`, { form: roomForm })).body
      .messageId as string;
    // Given in standard Base64 (as the client shows ids), stored URL-safe.
    const standard = rules.replace(/-/g, "+").replace(/_/g, "/");
    const update = await call("POST", `/pod/v3/room/${roomId}/update`, {
      json: { pinnedMessageId: standard },
    });
    expect(update.body.roomAttributes.pinnedMessageId).toBe(rules);
    expect((await call("GET", `/pod/v3/room/${roomId}/info`)).body.roomAttributes.pinnedMessageId).toBe(
      rules,
    );
    const unpinned = await call("POST", `/pod/v3/room/${roomId}/update`, { json: { pinnedMessageId: "" } });
    expect(unpinned.body.roomAttributes.pinnedMessageId).toBeUndefined();
    // Only members see an IM.
    await call("GET", `/pod/v1/im/${im}/info`, { as: carol, status: 403 });
  });

  it("admin: user detail, a user's streams, a stream's members — for service accounts only", async () => {
    const detail = await call("GET", `/pod/v2/admin/user/${alice.id}`);
    expect(detail.body).toMatchObject({
      userAttributes: { userName: "alice", companyName: "Acme", accountType: "NORMAL", title: "Trader" },
      userSystemInfo: { id: alice.id, status: "ENABLED" },
    });
    expect((await call("GET", `/pod/v2/admin/user/${gone.id}`)).body.userSystemInfo.status).toBe("DISABLED");
    await call("GET", "/pod/v2/admin/user/999", { status: 400 });
    await call("GET", `/pod/v2/admin/user/${alice.id}`, { as: carol, status: 403 });

    const room = await call("POST", "/pod/v3/room/create", { json: { name: "Admin view" } });
    const roomId = room.body.roomSystemInfo.id as string;
    await call("POST", `/pod/v1/room/${roomId}/membership/add`, { json: { id: alice.id } });
    const streams = await call("POST", `/pod/v1/admin/user/${alice.id}/streams/list`, {
      json: { streamTypes: [{ type: "ROOM" }] },
    });
    expect(streams.body.map((s: Body) => s.id)).toContain(roomId);
    const members = await call("GET", `/pod/v1/admin/stream/${roomId}/membership/list`);
    expect(members.body).toMatchObject({ count: 2, skip: 0, limit: 100 });
    expect(members.body.members.map((m: Body) => [m.user.userId, m.isOwner, m.isCreator])).toEqual([
      [bot.id, true, true],
      [alice.id, false, false],
    ]);
    await call("GET", `/pod/v1/admin/stream/${roomId}/membership/list`, { as: carol, status: 403 });
  });

  it("message status, blast, share and allowed file types", async () => {
    const im = (await call("POST", "/pod/v1/im/create", { json: [alice.id] })).body.id as string;
    const room = await call("POST", "/pod/v3/room/create", { json: { name: "Blast" } });
    const roomId = room.body.roomSystemInfo.id as string;

    const blast = new FormData();
    blast.set("message", "<messageML>to all</messageML>");
    blast.set("sids", `${im},${roomId},AAAA`);
    const sent = await call("POST", "/agent/v4/message/blast", { form: blast });
    expect(sent.body.messages.map((m: Body) => m.stream.streamId)).toEqual([im, roomId]);
    expect(Object.keys(sent.body.errors)).toEqual(["AAAA"]);
    const noSids = new FormData();
    noSids.set("message", "<messageML>x</messageML>");
    await call("POST", "/agent/v4/message/blast", { form: noSids, status: 400 });

    const messageId = sent.body.messages[0].messageId as string;
    const status = await call("GET", `/pod/v1/message/${messageId}/status`);
    expect(status.body.author).toMatchObject({ userId: String(bot.id), userName: "ops-bot" });
    expect(status.body.delivered.map((u: Body) => u.userId)).toEqual([String(alice.id)]);
    await call("GET", `/pod/v1/message/${messageId}/status`, { as: carol, status: 403 });

    // Shared text stays text: markup and templates in an article's fields are escaped.
    const article = {
      title: "<b>${x}</b> Rates",
      author: "A. Writer",
      publisher: "Daily",
      appId: "news",
      summary: "Rates <i>rise</i>",
      articleUrl: "https://example.com/rates",
    };
    const shared = await call("POST", `/agent/v3/stream/${im}/share`, {
      json: { type: "com.symphony.sharing.article", content: article },
    });
    expect(shared.body).toMatchObject({ streamId: im, fromUserId: bot.id, v2messageType: "V2Message" });
    expect(shared.body.message).toContain("&lt;b&gt;");
    expect(shared.body.message).not.toContain("<i>");
    expect(shared.body.message).toContain('href="https://example.com/rates"');
    await call("POST", `/agent/v3/stream/${im}/share`, {
      json: { content: { ...article, title: undefined } },
      status: 400,
    });
    await call("POST", `/agent/v3/stream/${im}/share`, {
      json: { content: { ...article, articleUrl: "javascript:alert(1)" } },
      status: 400,
    });

    const types = await call("GET", "/pod/v1/files/allowedTypes");
    expect(types.body).toEqual(expect.arrayContaining([".pdf", ".png", ".txt"]));
  });

  it("health (extended) and the agent's info need no session", async () => {
    const extended = await call("GET", "/agent/v3/health/extended", { as: null });
    expect(extended.body).toMatchObject({ status: "UP", services: { pod: { status: "UP" } } });
    expect(extended.body.users.agentservice.status).toBe("UP");
    const info = await call("GET", "/agent/v1/info", { as: null });
    expect(info.body.version).toMatch(/^Agent-(\d+)\.(\d+)\./);
  });

  it("connection events are valid V4Events shaped like the upstream samples", async () => {
    const feed = (await call("POST", "/agent/v5/datafeeds", { json: {} })).body.id as string;
    const zoe = await createPerson(emu.url, "zoe", { external: true });
    expect((await devPost(emu.url, "/connections", { as: "zoe", userId: bot.id })).status).toBe(201);
    await call("POST", "/pod/v1/connection/accept", { json: { userId: zoe.id } });
    await call("GET", "/pod/v1/connection/list?status=all");
    await call("GET", `/pod/v1/connection/user/${zoe.id}/info`);
    const events: WireEvent[] = [];
    let ackId = "";
    for (let i = 0; i < 20; i++) {
      const read = await readFeed(emu.url, session, feed, ackId);
      ackId = read.body.ackId;
      if (read.body.events.length === 0) break;
      events.push(...read.body.events);
    }
    for (const type of ["CONNECTIONREQUESTED", "CONNECTIONACCEPTED"]) {
      const event = events.find((e) => e.type === type);
      expect(event, type).toBeDefined();
      expect(validateAgainst("agent", "V4Event", event), type).toEqual([]);
      expect(shapeDifferences(event, readSharedJson(`fixtures/events/${type}.json`), []), type).toEqual([]);
    }
  });

  it("every response above fits its schema", () => {
    expect(failures).toEqual([]);
    expect(checked.size).toBeGreaterThanOrEqual(40);
  });
});

describe("connections, signals and deactivated people survive a restart (--data-dir)", () => {
  it("the journal replays them", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "sprig-emulator-ops-"));
    try {
      let emu = await startEmulator({ dataDir });
      const bot = await createAccount(emu.url, "kept-bot");
      const eve = await createPerson(emu.url, "eve", { external: true });
      const mallory = await createPerson(emu.url, "mallory", { external: true });
      await createPerson(emu.url, "gone", { active: false });
      let session = await login(emu.url, bot);
      await devJson(emu.url, "/connections", { as: "eve", userId: bot.id });
      await rest(emu.url, session, "POST", "/pod/v1/connection/accept", { userId: eve.id });
      await devJson(emu.url, "/connections", { as: "mallory", userId: bot.id });
      const signal = (await (
        await rest(emu.url, session, "POST", "/agent/v1/signals/create", { name: "S", query: "HASHTAG:s" })
      ).json()) as { id: string };
      await emu.close();

      emu = await startEmulator({ dataDir });
      try {
        session = await login(emu.url, bot);
        const list = (await (
          await rest(emu.url, session, "GET", "/pod/v1/connection/list?status=ALL")
        ).json()) as Array<{ userId: number; status: string }>;
        expect(list.map((c) => [c.userId, c.status]).sort()).toEqual(
          [
            [eve.id, "ACCEPTED"],
            [mallory.id, "PENDING_INCOMING"],
          ].sort(),
        );
        expect((await rest(emu.url, session, "POST", "/pod/v1/im/create", [eve.id])).status).toBe(200);
        expect((await rest(emu.url, session, "GET", `/agent/v1/signals/${signal.id}/get`)).status).toBe(200);
        const users = (await (
          await rest(emu.url, session, "GET", "/pod/v3/users?username=gone&local=true&active=false")
        ).json()) as {
          users: unknown[];
        };
        expect(users.users).toHaveLength(1);
      } finally {
        await emu.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
