import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../src/index.ts";
import {
  type Account,
  authHeaders,
  createAccount,
  createFeed,
  createPerson,
  devJson,
  login,
  readFeed,
  rest,
  type Session,
  sendMessage,
} from "./support/scripted-client.ts";
import type { WireMessage } from "./support/wire-shapes.ts";

/** Message behaviour over REST: list paging, get, search criteria, update, suppression, attachments. */
describe("messages over REST", () => {
  let emu: Emulator;
  let bot: Account;
  let session: Session;
  let alice: { id: number };
  let room: string;
  // A clock that ticks on every read, so each message gets its own timestamp (JWTs still check against it).
  let now = Date.now();

  beforeAll(async () => {
    emu = await startEmulator({
      clock: {
        now: () => (now += 1),
        setTimeout: (f, ms) => setTimeout(f, ms),
        clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
      },
      datafeed: { longPollMs: 30 },
    });
    bot = await createAccount(emu.url, "msg-bot");
    alice = await createPerson(emu.url, "alice");
    session = await login(emu.url, bot);
    room = (
      await devJson<{ streamId: string }>(emu.url, "/rooms", {
        name: "Msgs",
        creatorId: alice.id,
        memberIds: [bot.id],
      })
    ).streamId;
    await devJson(emu.url, `/streams/${room}/messages`, {
      as: alice.id,
      text: "release #v2 for $ACME today",
    });
    await devJson(emu.url, `/streams/${room}/messages`, { as: alice.id, text: "ping @msg-bot about lunch" });
    await sendMessage(emu.url, session, room, '<messageML>bot says <hash tag="v2"/> is out</messageML>');
  });
  afterAll(() => emu.close());

  const list = async (query: string) => {
    const res = await rest(emu.url, session, "GET", `/agent/v4/stream/${room}/message?${query}`);
    return res.status === 204 ? [] : ((await res.json()) as WireMessage[]);
  };
  const search = async (body: Record<string, unknown>, query = "") => {
    const res = await rest(emu.url, session, "POST", `/agent/v1/message/search${query}`, body);
    return {
      status: res.status,
      messages: res.status === 204 ? [] : ((await res.json()) as WireMessage[]),
    };
  };

  it("lists with since / until / skip / limit, and answers 204 when nothing matches", async () => {
    const all = await list("since=0");
    expect(all).toHaveLength(3);
    expect(all.map((m) => m.timestamp)).toEqual([...all.map((m) => m.timestamp)].sort());
    expect(await list(`since=${all[1]!.timestamp}`)).toHaveLength(2);
    expect(await list(`since=0&until=${all[0]!.timestamp}`)).toHaveLength(1);
    expect((await list("since=0&skip=1&limit=1"))[0]!.messageId).toBe(all[1]!.messageId);
    const none = await rest(
      emu.url,
      session,
      "GET",
      `/agent/v4/stream/${room}/message?since=${Date.UTC(2040, 0, 1)}`,
    );
    expect(none.status).toBe(204);
    const missingSince = await rest(emu.url, session, "GET", `/agent/v4/stream/${room}/message`);
    expect(missingSince.status).toBe(400);
  });

  it("searches by hashtag, cashtag, mention, author, text and dates; GET query form too", async () => {
    expect((await search({ hashtag: "v2" })).messages).toHaveLength(2);
    expect((await search({ cashtag: "$acme" })).messages).toHaveLength(1);
    expect((await search({ mention: bot.id })).messages.map((m) => m.message)).toEqual([
      expect.stringContaining("lunch"),
    ]);
    expect((await search({ author: bot.id })).messages).toHaveLength(1);
    expect((await search({ streamId: room, text: "LUNCH" })).messages).toHaveLength(1);
    const all = await list("since=0");
    expect((await search({ hashtag: "v2", fromDate: all[2]!.timestamp })).messages).toHaveLength(1);
    expect((await search({ hashtag: "v2" }, "?limit=1&sortDir=ASC")).messages[0]!.messageId).toBe(
      all[0]!.messageId,
    );
    expect((await search({ hashtag: "nothing" })).status).toBe(204);
    expect((await search({ text: "lunch" })).status).toBe(400); // text needs a streamId
    const viaGet = await rest(
      emu.url,
      session,
      "GET",
      `/agent/v1/message/search?query=${encodeURIComponent(`cashtag:ACME author:${alice.id}`)}`,
    );
    const got = await viaGet.text();
    expect(JSON.parse(got).length, got).toBe(1);
  });

  it("an update replaces the message: new id, replacing/initialMessageId, the list shows the new version", async () => {
    const created = (await (
      await sendMessage(emu.url, session, room, "<messageML>draft</messageML>")
    ).json()) as WireMessage;
    const form = new FormData();
    form.set("message", "<messageML>final</messageML>");
    const res = await fetch(`${emu.url}/agent/v4/stream/${room}/message/${created.messageId}/update`, {
      method: "POST",
      headers: authHeaders(session),
      body: form,
    });
    const updated = (await res.json()) as WireMessage;
    expect(updated.messageId).not.toBe(created.messageId);
    expect(updated).toMatchObject({
      replacing: created.messageId,
      initialMessageId: created.messageId,
      initialTimestamp: created.timestamp,
    });
    const texts = (await list("since=0")).map((m) => m.message);
    expect(texts.some((t) => t.includes("final"))).toBe(true);
    expect(texts.some((t) => t.includes("draft"))).toBe(false);
    const stale = await fetch(`${emu.url}/agent/v4/stream/${room}/message/${created.messageId}/update`, {
      method: "POST",
      headers: authHeaders(session),
      body: form,
    });
    expect(stale.status).toBe(400);
    const notMine = (await list("since=0")).find((m) => m.user.userId === alice.id)!;
    const forbidden = await fetch(`${emu.url}/agent/v4/stream/${room}/message/${notMine.messageId}/update`, {
      method: "POST",
      headers: authHeaders(session),
      body: form,
    });
    expect(forbidden.status).toBe(403);
  });

  it("silent counts on update only, as the agent declares it; a create ignores it", async () => {
    const post = async (path: string, silent: string) => {
      const form = new FormData();
      form.set("message", "<messageML>quiet</messageML>");
      form.set("silent", silent);
      const res = await fetch(`${emu.url}${path}`, {
        method: "POST",
        headers: authHeaders(session),
        body: form,
      });
      return (await res.json()) as WireMessage & { silent?: boolean };
    };
    const created = await post(`/agent/v4/stream/${room}/message/create`, "false");
    expect(created.silent).toBeUndefined();
    const updated = await post(`/agent/v4/stream/${room}/message/${created.messageId}/update`, "false");
    expect(updated.silent).toBe(false);
  });

  it("suppression hides the message and emits MESSAGESUPPRESSED", async () => {
    const feed = await createFeed(emu.url, session);
    const created = (await (
      await sendMessage(emu.url, session, room, "<messageML>oops</messageML>")
    ).json()) as WireMessage;
    const res = await rest(
      emu.url,
      session,
      "POST",
      `/pod/v1/admin/messagesuppression/${created.messageId}/suppress`,
    );
    expect(await res.json()).toMatchObject({ messageId: created.messageId, suppressed: true });
    expect((await list("since=0")).some((m) => m.messageId === created.messageId)).toBe(false);
    const read = await readFeed(emu.url, session, feed, "");
    const suppressed = read.body.events.find((e) => e.type === "MESSAGESUPPRESSED");
    expect(suppressed?.payload.messageSuppressed).toMatchObject({
      messageId: created.messageId,
      stream: { streamId: room },
    });
  });

  it("stores attachments and previews and serves them as Base64", async () => {
    const form = new FormData();
    form.set("message", "<messageML>report</messageML>");
    form.append("attachment", new Blob([Buffer.from("a,b\n1,2\n")], { type: "text/csv" }), "report.csv");
    form.append("preview", new Blob([Buffer.from("thumb")], { type: "image/png" }), "report.png");
    const created = (await (
      await fetch(`${emu.url}/agent/v4/stream/${room}/message/create`, {
        method: "POST",
        headers: authHeaders(session),
        body: form,
      })
    ).json()) as WireMessage;
    const [attachment] = created.attachments as Array<{
      id: string;
      name: string;
      size: number;
      images: Array<{ id: string }>;
    }>;
    expect(attachment).toMatchObject({ name: "report.csv", size: 8 });
    const download = async (fileId: string) =>
      Buffer.from(
        await (
          await rest(
            emu.url,
            session,
            "GET",
            `/agent/v1/stream/${room}/attachment?fileId=${fileId}&messageId=${created.messageId}`,
          )
        ).text(),
        "base64",
      ).toString();
    expect(await download(attachment!.id)).toBe("a,b\n1,2\n");
    expect(await download(attachment!.images[0]!.id)).toBe("thumb");
    const listed = (await (
      await rest(emu.url, session, "GET", `/pod/v1/streams/${room}/attachments`)
    ).json()) as Array<Record<string, unknown>>;
    expect(listed).toEqual([
      expect.objectContaining({ fileId: attachment!.id, name: "report.csv", "content-type": "text/csv" }),
    ]);
  });

  it("a non-member can neither read nor post", async () => {
    const outsider = await createAccount(emu.url, "outsider", false);
    const outsiderSession = await login(emu.url, outsider);
    expect(
      (await rest(emu.url, outsiderSession, "GET", `/agent/v4/stream/${room}/message?since=0`)).status,
    ).toBe(403);
    expect((await sendMessage(emu.url, outsiderSession, room, "<messageML>hi</messageML>")).status).toBe(403);
    expect((await rest(emu.url, outsiderSession, "GET", `/pod/v2/streams/${room}/info`)).status).toBe(403);
  });
});
