import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../src/index.ts";
import { checkResponse } from "./support/openapi-contract.ts";
import {
  type Account,
  createAccount,
  createPerson,
  devJson,
  login,
  rest,
  type Session,
} from "./support/scripted-client.ts";

interface EventList {
  events: Array<{ id: string; type: string; payload: Record<string, { message?: { message?: string } }> }>;
  ackId: string;
}

/** `POST /agent/v5/events/read`: every event of the pod (member or not), filtered, with datafeed v2's ackId model. */
describe("datahose", () => {
  let emu: Emulator;
  let hose: Account;
  let session: Session;
  let alice: { id: number };
  let bob: { id: number };
  let room: string;

  const read = async (body: Record<string, unknown>, as = session) => {
    const res = await rest(emu.url, as, "POST", "/agent/v5/events/read", body);
    const parsed = (await res.json()) as EventList & { code?: number; message?: string };
    const check = checkResponse("POST", "/agent/v5/events/read", res.status, parsed);
    expect(check.errors).toEqual([]);
    return { status: res.status, body: parsed };
  };
  const say = (text: string) => devJson(emu.url, `/streams/${room}/messages`, { as: alice.id, text });
  const texts = (list: EventList) =>
    list.events.map((e) => e.payload.messageSent?.message?.message?.replace(/<[^>]+>/g, "") ?? e.type);
  /** Reads until `count` events came (acknowledging each batch), or the long poll answers empty. */
  async function drain(body: Record<string, unknown>, count: number) {
    let ackId = String(body.ackId ?? "");
    const seen: string[] = [];
    for (let i = 0; i < 20 && seen.length < count; i++) {
      const { body: list } = await read({ ...body, ackId });
      ackId = list.ackId;
      seen.push(...texts(list));
      if (list.events.length === 0) break;
    }
    return { seen, ackId };
  }

  beforeAll(async () => {
    emu = await startEmulator({ datafeed: { longPollMs: 100, visibilityTimeoutMs: 300 } });
    hose = await createAccount(emu.url, "hose-bot");
    alice = await createPerson(emu.url, "alice");
    bob = await createPerson(emu.url, "bob");
    session = await login(emu.url, hose);
    room = (
      await devJson<{ streamId: string }>(emu.url, "/rooms", {
        name: "Private",
        creatorId: alice.id,
        memberIds: [bob.id],
        ownerIds: [],
      })
    ).streamId;
  });
  afterAll(() => emu.close());
  // Reading the contract files takes seconds on a busy machine: once, before the timed tests.
  beforeAll(
    () => void checkResponse("POST", "/agent/v5/events/read", 200, { events: [], ackId: "" }),
    60_000,
  );

  it("sees messages of conversations the account is not in, only of the types asked, and acknowledges by ackId", async () => {
    const filter = { type: "datahose", tag: "messages", eventTypes: ["MESSAGESENT"] };
    const first = await read(filter); // the first read makes the feed
    expect(first.status).toBe(200);
    await say("one");
    await say("two");
    const { seen, ackId } = await drain({ ...filter, ackId: first.body.ackId }, 2);
    expect(seen).toEqual(["one", "two"]); // no ROOMCREATED, no USERJOINEDROOM: not asked for
    const after = await read({ ...filter, ackId });
    expect(after.body.events).toEqual([]);
  });

  it("an unacknowledged batch comes back after the visibility timeout", async () => {
    const filter = { type: "datahose", tag: "redelivery", eventTypes: ["MESSAGESENT"] };
    await read(filter);
    await say("again");
    const { seen } = await drain(filter, 1); // read, never acknowledged (ackId stays "")
    expect(seen).toContain("again");
    await new Promise((resolve) => setTimeout(resolve, 400));
    const back = await read(filter);
    expect(texts(back.body)).toContain("again");
  });

  it("readers of one tag and filters share the feed; another tag is another feed with every event", async () => {
    const shared = { type: "datahose", tag: "shared", eventTypes: ["MESSAGESENT"] };
    const other = { type: "datahose", tag: "other", eventTypes: ["MESSAGESENT"] };
    const second = await login(emu.url, hose);
    const ack = { shared: (await read(shared)).body.ackId, other: (await read(other)).body.ackId };
    for (const text of ["a", "b", "c", "d"]) await say(text);
    // Two readers of the shared feed, reading at once: each event goes to one of them.
    const [r1, r2] = await Promise.all([read({ ...shared, ackId: ack.shared }), read({ ...shared }, second)]);
    const split = [...texts(r1.body), ...texts(r2.body)];
    const rest = await drain({ ...shared, ackId: r1.body.ackId }, 4 - split.length);
    expect([...split, ...rest.seen].filter((t) => t !== "").sort()).toEqual(["a", "b", "c", "d"]);
    const all = await drain({ ...other, ackId: ack.other }, 4);
    expect(all.seen).toEqual(["a", "b", "c", "d"]);
  });

  it("filters by scope: EXTERNAL leaves out an internal room's events", async () => {
    const external = { type: "datahose", tag: "external", eventTypes: ["MESSAGESENT"], scopes: ["EXTERNAL"] };
    const internal = { ...external, tag: "internal", scopes: ["INTERNAL"] };
    const ack = { external: (await read(external)).body.ackId, internal: (await read(internal)).body.ackId };
    await say("inside");
    expect((await drain({ ...internal, ackId: ack.internal }, 1)).seen).toEqual(["inside"]);
    expect((await read({ ...external, ackId: ack.external })).body.events).toEqual([]);
  });

  it("refuses a wrong type, a missing or long tag, no or unknown event types, an unknown ackId, no session", async () => {
    const ok = { type: "datahose", tag: "t", eventTypes: ["MESSAGESENT"] };
    const cases: Array<[string, Record<string, unknown>]> = [
      ["no type", { ...ok, type: undefined }],
      ["fanout", { ...ok, type: "fanout" }],
      ["no tag", { ...ok, tag: undefined }],
      ["long tag", { ...ok, tag: "x".repeat(81) }],
      ["no event types", { ...ok, eventTypes: [] }],
      ["unknown type", { ...ok, eventTypes: ["MESSAGE_SENT"] }],
      ["bad scope", { ...ok, scopes: ["GALACTIC"] }],
      ["ackId of no feed", { ...ok, tag: "never-read", ackId: "abc" }],
      ["malformed ackId", { ...ok, ackId: "a b" }],
    ];
    for (const [name, body] of cases) {
      const res = await read(body);
      expect(res.status, name).toBe(400);
      expect(res.body.message, name).toBeTypeOf("string");
    }
    const anonymous = await read(ok, { sessionToken: "nope", keyManagerToken: "nope" });
    expect(anonymous.status).toBe(401);
  });
});
