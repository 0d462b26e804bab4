import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../src/index.ts";
import { asRecords, at } from "./support/json-reading.ts";
import {
  type Account,
  createAccount,
  createFeed,
  createPerson,
  drainFeed,
  login,
  rest,
  type Session,
} from "./support/scripted-client.ts";
import type {
  WireMember,
  WireRoomDetail,
  WireRoomSearch,
  WireStream,
  WireStreamId,
  WireUsers,
} from "./support/wire-shapes.ts";

/** Rooms, IMs, membership and user lookups over REST, and the events each change emits. */
describe("streams, rooms and users over REST", () => {
  let emu: Emulator;
  let bot: Account;
  let session: Session;
  let feed: string;
  let alice: { id: number };
  let bob: { id: number };

  beforeAll(async () => {
    emu = await startEmulator({ datafeed: { longPollMs: 30 } });
    bot = await createAccount(emu.url, "room-bot");
    session = await login(emu.url, bot);
    alice = await createPerson(emu.url, "alice");
    bob = await createPerson(emu.url, "bob");
    feed = await createFeed(emu.url, session);
  });
  afterAll(() => emu.close());

  const events = () => drainFeed(emu.url, session, feed);
  const json = async <T>(res: Response) => (await res.json()) as T;

  it("IM create is idempotent per set of users and emits INSTANTMESSAGECREATED with the members once", async () => {
    const first = await json<WireStreamId>(
      await rest(emu.url, session, "POST", "/pod/v1/im/create", [alice.id]),
    );
    const again = await json<WireStreamId>(
      await rest(emu.url, session, "POST", "/pod/v1/im/create", [alice.id, bot.id]),
    );
    expect(again.id).toBe(first.id);
    const mim = await json<WireStreamId>(
      await rest(emu.url, session, "POST", "/pod/v1/im/create", [alice.id, bob.id]),
    );
    expect(mim.id).not.toBe(first.id);
    const info = await json<WireStream>(
      await rest(emu.url, session, "GET", `/pod/v2/streams/${mim.id}/info`),
    );
    expect(info.streamType.type).toBe("MIM");
    const created = (await events()).filter((e) => e.type === "INSTANTMESSAGECREATED");
    expect(created).toHaveLength(2);
    const imMembers = asRecords(at(created[0]!.payload, "instantMessageCreated", "stream", "members"));
    expect(imMembers.map((m) => m.userId).sort()).toEqual([alice.id, bot.id].sort());
    expect((await rest(emu.url, session, "POST", "/pod/v1/im/create", [999])).status).toBe(400);
  });

  it("room lifecycle: create, members and owners, update, deactivate, with the matching events", async () => {
    const room = await json<WireRoomDetail>(
      await rest(emu.url, session, "POST", "/pod/v3/room/create", {
        name: "Ops",
        description: "d",
        membersCanInvite: false,
      }),
    );
    const id = room.roomSystemInfo.id;
    expect(room.roomAttributes).toMatchObject({ name: "Ops", description: "d", membersCanInvite: false });
    const post = (path: string, body?: unknown) =>
      rest(emu.url, session, "POST", `/pod/v1/room/${id}/${path}`, body);
    expect((await post("membership/add", { id: alice.id })).status).toBe(200);
    expect((await post("membership/promoteOwner", { id: alice.id })).status).toBe(200);
    expect((await post("membership/add", { id: bob.id })).status).toBe(200);
    expect((await post("membership/remove", { id: bob.id })).status).toBe(200);
    const members = await json<WireMember[]>(
      await rest(emu.url, session, "GET", `/pod/v2/room/${id}/membership/list`),
    );
    expect(members.map((m) => [m.id, m.owner]).sort()).toEqual(
      [
        [alice.id, true],
        [bot.id, true],
      ].sort(),
    );
    const updated = await json<WireRoomDetail>(
      await rest(emu.url, session, "POST", `/pod/v3/room/${id}/update`, {
        name: "Ops 2",
        keywords: [{ key: "k", value: "v" }],
      }),
    );
    expect(updated.roomAttributes).toMatchObject({
      name: "Ops 2",
      keywords: [{ key: "k", value: "v" }],
      description: "d",
    });
    expect((await json<WireRoomDetail>(await post("setActive?active=false"))).roomSystemInfo.active).toBe(
      false,
    );
    const inactivePost = new FormData();
    inactivePost.set("message", "<messageML>hello?</messageML>");
    expect(
      (
        await fetch(`${emu.url}/agent/v4/stream/${id}/message/create`, {
          method: "POST",
          headers: { sessionToken: session.sessionToken, keyManagerToken: session.keyManagerToken },
          body: inactivePost,
        })
      ).status,
    ).toBe(400);
    await post("setActive?active=true");
    const types = (await events()).map((e) => e.type);
    expect(types).toEqual([
      "ROOMCREATED",
      "USERJOINEDROOM",
      "ROOMMEMBERPROMOTEDTOOWNER",
      "USERJOINEDROOM",
      "USERLEFTROOM",
      "ROOMUPDATED",
      "ROOMDEACTIVATED",
      "ROOMREACTIVATED",
    ]);
  });

  it("only owners manage a room; a plain member may invite only when membersCanInvite", async () => {
    const aliceAccount = await createAccount(emu.url, "alice-api", false);
    const aliceSession = await login(emu.url, aliceAccount);
    const room = await json<WireRoomDetail>(
      await rest(emu.url, session, "POST", "/pod/v3/room/create", {
        name: "Strict",
        membersCanInvite: false,
      }),
    );
    const id = room.roomSystemInfo.id;
    await rest(emu.url, session, "POST", `/pod/v1/room/${id}/membership/add`, { id: aliceAccount.id });
    const asAlice = (path: string, body?: unknown) =>
      rest(emu.url, aliceSession, "POST", `/pod/v1/room/${id}/${path}`, body);
    expect((await asAlice("membership/add", { id: bob.id })).status).toBe(403);
    expect((await asAlice("membership/promoteOwner", { id: aliceAccount.id })).status).toBe(403);
    expect(
      (await rest(emu.url, aliceSession, "POST", `/pod/v3/room/${id}/update`, { name: "mine" })).status,
    ).toBe(403);
    expect((await asAlice("setActive?active=false")).status).toBe(403);
    expect((await asAlice("membership/remove", { id: aliceAccount.id })).status).toBe(200); // anyone may leave
  });

  it("room search: query in name/description/keywords, filters, paging, visibility", async () => {
    const make = async (body: Record<string, unknown>) =>
      (await json<WireRoomDetail>(await rest(emu.url, session, "POST", "/pod/v3/room/create", body)))
        .roomSystemInfo.id;
    const a = await make({
      name: "Search Alpha",
      description: "trading desk",
      keywords: [{ key: "region", value: "EMEA" }],
    });
    const b = await make({ name: "Search Beta", public: true });
    const find = async (criteria: Record<string, unknown>, query = "") =>
      json<WireRoomSearch>(await rest(emu.url, session, "POST", `/pod/v3/room/search${query}`, criteria));
    expect((await find({ query: "search" })).rooms.map((r) => r.roomSystemInfo.id)).toEqual([a, b]);
    expect((await find({ query: "DESK" })).rooms.map((r) => r.roomSystemInfo.id)).toEqual([a]);
    expect((await find({ query: "emea" })).count).toBe(1);
    expect((await find({ query: "search", private: false })).rooms.map((r) => r.roomSystemInfo.id)).toEqual([
      b,
    ]);
    expect((await find({ query: "search", owner: { id: bot.id } })).count).toBe(2);
    expect(
      (await find({ query: "search" }, "?skip=1&limit=1")).rooms.map((r) => r.roomSystemInfo.id),
    ).toEqual([b]);
    const outsider = await createAccount(emu.url, "searcher", false);
    const outsiderSession = await login(emu.url, outsider);
    const seen = await json<WireRoomSearch>(
      await rest(emu.url, outsiderSession, "POST", "/pod/v3/room/search", { query: "search" }),
    );
    expect(seen.rooms.map((r) => r.roomSystemInfo.id)).toEqual([b]); // only the public one
    expect((await rest(emu.url, session, "POST", "/pod/v3/room/search", {})).status).toBe(400);
  });

  it("lists the caller's streams with type filters and paging, and looks users up", async () => {
    const rooms = await json<WireStream[]>(
      await rest(emu.url, session, "POST", "/pod/v1/streams/list", { streamTypes: [{ type: "ROOM" }] }),
    );
    expect(rooms.length).toBeGreaterThanOrEqual(2);
    expect(rooms.every((s) => s.streamType.type === "ROOM")).toBe(true);
    const page = await json<WireStream[]>(
      await rest(emu.url, session, "POST", "/pod/v1/streams/list?skip=1&limit=1", {}),
    );
    expect(page).toHaveLength(1);
    const users = await json<WireUsers>(
      await rest(emu.url, session, "GET", `/pod/v3/users?uid=${alice.id},424242`),
    );
    expect(users.users.map((u) => u.id)).toEqual([alice.id]);
    expect(users.errors).toEqual([{ error: "invalid.format", id: "424242" }]);
    expect(
      (await json<WireUsers>(await rest(emu.url, session, "GET", "/pod/v3/users?email=alice@example.com")))
        .users[0]?.username,
    ).toBe("alice");
    expect((await rest(emu.url, session, "GET", "/pod/v2/user?username=alice&local=true")).status).toBe(200);
    expect((await rest(emu.url, session, "GET", "/pod/v2/user?uid=424242")).status).toBe(204);
    expect((await rest(emu.url, session, "GET", "/pod/v3/users?uid=1&email=x")).status).toBe(400);
  });
});
