import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../src/index.ts";
import {
  type Account,
  createAccount,
  createFeed,
  createPerson,
  devPost,
  drainFeed,
  login,
  rest,
  type Session,
} from "./support/scripted-client.ts";

/** The pod's connection API as a bot uses it, the rule it guards (no IM with an unconnected outsider), and its events. */
describe("connections over REST", () => {
  let emu: Emulator;
  let bot: Account;
  let session: Session;
  let feed: string;

  beforeAll(async () => {
    emu = await startEmulator({ datafeed: { longPollMs: 30 } });
    bot = await createAccount(emu.url, "connect-bot");
    session = await login(emu.url, bot);
    feed = await createFeed(emu.url, session);
  });
  afterAll(() => emu.close());

  const events = () => drainFeed(emu.url, session, feed);
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await rest(emu.url, session, method, path, body);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it("an outsider asks: CONNECTIONREQUESTED reaches the bot, pending both ways until accepted", async () => {
    const eve = await createPerson(emu.url, "eve", { external: true });
    expect((await call("POST", "/pod/v1/im/create", [eve.id])).status).toBe(403);
    expect((await devPost(emu.url, "/connections", { as: "eve", userId: bot.id })).status).toBe(201);

    const requested = (await events()).filter((e) => e.type === "CONNECTIONREQUESTED");
    expect(requested).toHaveLength(1);
    expect(requested[0]).toMatchObject({
      initiator: { user: { userId: eve.id, username: "eve" } },
      payload: { connectionRequested: { toUser: { userId: bot.id } } },
    });
    const listed = await call("GET", "/pod/v1/connection/list");
    expect(listed.body).toEqual([
      expect.objectContaining({ userId: eve.id, status: "PENDING_INCOMING", requestCounter: 1 }),
    ]);

    const accepted = await call("POST", "/pod/v1/connection/accept", { userId: eve.id });
    expect(accepted.body).toMatchObject({ userId: eve.id, status: "ACCEPTED" });
    const again = await call("POST", "/pod/v1/connection/accept", { userId: eve.id });
    expect(again.body).toMatchObject({ status: "ACCEPTED" }); // a redelivered event accepts twice
    const acceptedEvents = (await events()).filter((e) => e.type === "CONNECTIONACCEPTED");
    expect(acceptedEvents).toHaveLength(1);
    expect(acceptedEvents[0]).toMatchObject({
      payload: { connectionAccepted: { fromUser: { userId: eve.id } } },
    });

    expect((await call("POST", "/pod/v1/im/create", [eve.id])).status).toBe(200);
    expect((await call("GET", `/pod/v1/connection/user/${eve.id}/info`)).body).toMatchObject({
      status: "ACCEPTED",
    });
    expect((await call("GET", "/pod/v1/connection/list")).body).toEqual([]); // pending only, by default
  });

  it("reject, remove, lookups of colleagues and of strangers", async () => {
    const mallory = await createPerson(emu.url, "mallory", { external: true });
    const colleague = await createPerson(emu.url, "colleague");
    await devPost(emu.url, "/connections", { as: "mallory", userId: bot.id });
    const rejected = await call("POST", "/pod/v1/connection/reject", { userId: mallory.id });
    expect(rejected.body).toMatchObject({ userId: mallory.id, status: "REJECTED" });
    expect((await call("GET", "/pod/v1/connection/list?status=REJECTED")).body).toEqual([
      expect.objectContaining({ userId: mallory.id }),
    ]);
    expect((await call("POST", "/pod/v1/im/create", [mallory.id])).status).toBe(403);

    // Colleagues are connected implicitly: asked for by id and ACCEPTED, they are listed.
    expect((await call("GET", `/pod/v1/connection/user/${colleague.id}/info`)).body).toMatchObject({
      status: "ACCEPTED",
    });
    expect(
      (await call("GET", `/pod/v1/connection/list?status=ACCEPTED&userIds=${colleague.id}`)).body,
    ).toEqual([{ userId: colleague.id, status: "ACCEPTED" }]);
    const stranger = await createPerson(emu.url, "stranger", { external: true });
    expect((await call("GET", `/pod/v1/connection/user/${stranger.id}/info`)).status).toBe(404);
    expect((await call("POST", "/pod/v1/connection/accept", { userId: stranger.id })).status).toBe(404);
    expect((await call("GET", "/pod/v1/connection/list?status=SOMETIMES")).status).toBe(400);

    // The bot asks an outsider; the outsider accepts; then either side may remove it.
    const zed = await createPerson(emu.url, "zed", { external: true });
    expect((await call("POST", "/pod/v1/connection/create", { userId: zed.id })).body).toMatchObject({
      userId: zed.id,
      status: "PENDING_OUTGOING",
    });
    expect((await devPost(emu.url, "/connections/accept", { as: "zed", userId: bot.id })).status).toBe(200);
    expect((await call("POST", `/pod/v1/connection/user/${zed.id}/remove`)).body).toEqual({
      format: "TEXT",
      message: "Connection removed",
    });
    expect((await call("POST", "/pod/v1/im/create", [zed.id])).status).toBe(403);
    expect((await call("POST", `/pod/v1/connection/user/${zed.id}/remove`)).status).toBe(400);
  });
});
