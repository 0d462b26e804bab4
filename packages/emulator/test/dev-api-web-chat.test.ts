import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../src/index.ts";
import { at } from "./support/json-reading.ts";
import { createPerson, devJson, devPost } from "./support/scripted-client.ts";
import { SseReader } from "./support/sse-reader.ts";
import type { WireEvent, WireMessage } from "./support/wire-shapes.ts";

type Listed = WireMessage & { submittedForms: Record<string, number[]> };

/** What the web chat needs from the dev API: paging, members, files, edit/delete, live events. */
describe("dev API for the web chat", () => {
  let emu: Emulator;
  let alice: { id: number };
  let bob: { id: number };
  let stranger: { id: number };
  let room: string;
  let im: string;

  const dev = (path: string, init?: RequestInit) => fetch(`${emu.url}/emulator/v1${path}`, init);
  const list = async (query: string, streamId = room) => {
    const res = await dev(`/streams/${streamId}/messages${query}`);
    return { status: res.status, body: (await res.json()) as Listed[] & { reason?: string } };
  };
  const say = (text: string, as = alice.id, streamId = room) =>
    devJson<WireMessage>(emu.url, `/streams/${streamId}/messages`, { as, text });
  const textOf = (m: WireMessage) => /^<div[^>]*><p>(.*)<\/p><\/div>$/.exec(m.message)?.[1];

  beforeAll(async () => {
    emu = await startEmulator({ maxAttachmentBytes: 1000, liveReplayEvents: 5 });
    alice = await createPerson(emu.url, "alice");
    bob = await createPerson(emu.url, "bob");
    stranger = await createPerson(emu.url, "stranger");
    room = (
      await devJson<{ streamId: string }>(emu.url, "/rooms", {
        name: "Paging",
        creatorId: alice.id,
        memberIds: [bob.id],
      })
    ).streamId;
    im = (await devJson<{ streamId: string }>(emu.url, "/ims", { userIds: [alice.id, bob.id] })).streamId;
  });
  afterAll(() => emu.close());

  describe("paged messages", () => {
    let ids: string[];
    beforeAll(async () => {
      ids = [];
      for (let i = 1; i <= 7; i++) ids.push((await say(`m${i}`)).messageId);
    });

    it("without a cursor: the newest N, oldest first; no parameters: everything, as before", async () => {
      expect((await list("?limit=3")).body.map(textOf)).toEqual(["m5", "m6", "m7"]);
      expect((await list("")).body.map(textOf)).toEqual(["m1", "m2", "m3", "m4", "m5", "m6", "m7"]);
    });

    it("before: the N just before the cursor; after: the N just after it; both strictly", async () => {
      expect((await list(`?limit=2&before=${ids[4]}`)).body.map(textOf)).toEqual(["m3", "m4"]);
      expect((await list(`?limit=2&after=${ids[4]}`)).body.map(textOf)).toEqual(["m6", "m7"]);
      expect((await list(`?limit=10&before=${ids[0]}`)).body).toEqual([]);
      expect((await list(`?after=${ids[6]}`)).body).toEqual([]);
    });

    it("skips hidden (replaced, suppressed) messages, and a hidden cursor still marks its place", async () => {
      const extra = await say("to-hide");
      const last = await say("after-hidden");
      await dev(`/streams/${room}/messages/${extra.messageId}?as=${alice.id}`, { method: "DELETE" });
      expect((await list(`?limit=2&before=${last.messageId}`)).body.map(textOf)).toEqual(["m6", "m7"]);
      expect((await list(`?limit=1&after=${extra.messageId}`)).body.map(textOf)).toEqual(["after-hidden"]);
    });

    it("refuses an unknown cursor, a cursor from another stream, a bad limit and an outsider", async () => {
      const inIm = await say("elsewhere", alice.id, im);
      const unknown = await list(`?limit=2&before=${ids[0]!.replace(/^./, (c) => (c === "A" ? "B" : "A"))}`);
      expect([unknown.status, unknown.body.reason]).toEqual([400, "UNKNOWN_MESSAGE"]);
      const foreign = await list(`?before=${inIm.messageId}`);
      expect([foreign.status, foreign.body.reason]).toEqual([400, "UNKNOWN_MESSAGE"]);
      for (const limit of ["0", "501", "x", "-1"]) {
        const bad = await list(`?limit=${limit}`);
        expect([bad.status, bad.body.reason]).toEqual([400, "INVALID_PARAMETER"]);
      }
      const outsider = await list(`?limit=2&as=${stranger.id}`);
      expect([outsider.status, outsider.body.reason]).toEqual([403, "NOT_A_MEMBER"]);
      expect((await list("?limit=1&as=bob")).status).toBe(200);
    });
  });

  it("a person's streams carry their members, with owners marked", async () => {
    const res = await dev(`/users/${bob.id}/streams`);
    const streams = (await res.json()) as Array<{
      id: string;
      members: Array<{ id: number; username: string; displayName: string; owner: boolean }>;
    }>;
    const theRoom = streams.find((s) => s.id === room)!;
    expect(theRoom.members).toEqual([
      { id: alice.id, username: "alice", displayName: "Alice Tester", owner: true },
      { id: bob.id, username: "bob", displayName: "Bob Tester", owner: false },
    ]);
    const theIm = streams.find((s) => s.id === im)!;
    expect(theIm.members.map((m) => m.displayName).sort()).toEqual(["Alice Tester", "Bob Tester"]);
  });

  describe("attachments", () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255, 10, 13]);
    let posted: WireMessage & { attachments: Array<{ id: string; name: string; size: number }> };
    beforeAll(async () => {
      posted = await devJson(emu.url, `/streams/${im}/messages`, {
        as: alice.id,
        text: "a file",
        attachments: [
          { name: 'rép "q".bin', contentType: "application/x-test", contentBase64: bytes.toString("base64") },
        ],
      });
    });

    it("a member downloads the exact bytes, with type and file name", async () => {
      expect(posted.attachments.map((a) => [a.name, a.size])).toEqual([['rép "q".bin', bytes.length]]);
      const res = await dev(
        `/streams/${im}/messages/${posted.messageId}/attachments/${posted.attachments[0]!.id}?as=bob`,
      );
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/x-test");
      expect(res.headers.get("content-disposition")).toBe(
        `attachment; filename="r_p _q_.bin"; filename*=UTF-8''${encodeURIComponent('rép "q".bin')}`,
      );
      expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
    });

    it("refuses an outsider, a missing person, an unknown attachment, a too-large or non-Base64 file", async () => {
      const path = `/streams/${im}/messages/${posted.messageId}/attachments/${posted.attachments[0]!.id}`;
      const reasons = async (res: Response) => [
        res.status,
        ((await res.json()) as { reason: string }).reason,
      ];
      expect(await reasons(await dev(`${path}?as=${stranger.id}`))).toEqual([403, "NOT_A_MEMBER"]);
      expect(await reasons(await dev(path))).toEqual([400, "MISSING_FIELD"]);
      const other = `/streams/${im}/messages/${posted.messageId}/attachments/${posted.messageId}?as=bob`;
      expect(await reasons(await dev(other))).toEqual([404, "UNKNOWN_ATTACHMENT"]);
      const before = (await list("", im)).body.length;
      const big = await devPost(emu.url, `/streams/${im}/messages`, {
        as: alice.id,
        text: "too big",
        attachments: [{ name: "big.bin", contentBase64: Buffer.alloc(1001).toString("base64") }],
      });
      expect(await reasons(big)).toEqual([400, "ATTACHMENT_TOO_LARGE"]);
      const garbled = await devPost(emu.url, `/streams/${im}/messages`, {
        as: alice.id,
        text: "garbled",
        attachments: [{ name: "x.bin", contentBase64: "<script>" }],
      });
      expect(await reasons(garbled)).toEqual([400, "INVALID_FIELD"]);
      expect((await list("", im)).body.length).toBe(before);
    });
  });

  describe("edit and delete own messages", () => {
    it("an edit replaces the message in place: MESSAGESENT of the new version with `replacing`", async () => {
      const live = await SseReader.open(`${emu.url}/emulator/v1/users/${bob.id}/events`);
      try {
        const original = await say("typo", alice.id, im);
        const res = await dev(`/streams/${im}/messages/${original.messageId}`, {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ as: "alice", text: "fixed" }),
        });
        expect(res.status).toBe(200);
        const edited = (await res.json()) as WireMessage & { replacing: string };
        expect(edited.replacing).toBe(original.messageId);
        const visible = (await list("", im)).body;
        expect(visible.map(textOf)).toContain("fixed");
        expect(visible.map(textOf)).not.toContain("typo");
        await live.until((r) => r.events("MESSAGESENT").length >= 2, "the edit");
        const sent = JSON.parse(live.events("MESSAGESENT")[1]!.data) as WireEvent;
        expect(at(sent.payload, "messageSent", "message")).toMatchObject({
          messageId: edited.messageId,
          replacing: original.messageId,
        });
      } finally {
        await live.close();
      }
    });

    it("a delete suppresses it and emits MESSAGESUPPRESSED", async () => {
      const live = await SseReader.open(`${emu.url}/emulator/v1/users/${bob.id}/events`);
      try {
        const doomed = await say("oops", alice.id, im);
        const res = await dev(`/streams/${im}/messages/${doomed.messageId}?as=alice`, { method: "DELETE" });
        expect(res.status).toBe(200);
        expect((await list("", im)).body.map((m) => m.messageId)).not.toContain(doomed.messageId);
        await live.until((r) => r.events("MESSAGESUPPRESSED").length === 1, "the suppression");
      } finally {
        await live.close();
      }
    });

    it("someone else's message can be neither edited nor deleted, and stays as it was", async () => {
      const hers = await say("mine", alice.id, im);
      const edit = await dev(`/streams/${im}/messages/${hers.messageId}`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ as: bob.id, text: "hijacked" }),
      });
      expect([edit.status, ((await edit.json()) as { reason: string }).reason]).toEqual([403, "NOT_AUTHOR"]);
      const del = await dev(`/streams/${im}/messages/${hers.messageId}?as=${bob.id}`, { method: "DELETE" });
      expect([del.status, ((await del.json()) as { reason: string }).reason]).toEqual([403, "NOT_AUTHOR"]);
      const outsider = await dev(`/streams/${im}/messages/${hers.messageId}?as=${stranger.id}`, {
        method: "DELETE",
      });
      expect(outsider.status).toBe(403);
      expect((await list("", im)).body.map(textOf)).toContain("mine");
      expect((await list("", im)).body.map(textOf)).not.toContain("hijacked");
    });
  });
});

describe("live events of a person", () => {
  let emu: Emulator;
  let alice: { id: number };
  let bob: { id: number };
  let room: string;
  const events = (uid: number) => `${emu.url}/emulator/v1/users/${uid}/events`;
  const say = (text: string) =>
    devJson<WireMessage>(emu.url, `/streams/${room}/messages`, { as: alice.id, text });

  beforeAll(async () => {
    emu = await startEmulator({ liveReplayEvents: 3, seed: { users: [{ username: "seeded", id: 77 }] } });
    alice = await createPerson(emu.url, "alice");
    bob = await createPerson(emu.url, "bob");
    room = (
      await devJson<{ streamId: string }>(emu.url, "/rooms", {
        name: "Live",
        creatorId: alice.id,
        memberIds: [bob.id],
      })
    ).streamId;
  });
  afterAll(() => emu.close());

  it("every event has an id; a reconnect with Last-Event-ID replays what was missed, in order", async () => {
    const first = await SseReader.open(events(bob.id));
    await say("one");
    await first.until((r) => r.events("MESSAGESENT").length === 1, "one");
    expect(first.messages.every((m) => m.id !== undefined)).toBe(true);
    const seen = first.lastEventId!;
    await first.close();
    await say("two");
    await say("three");
    for (const resume of [{ header: true }, { header: false }]) {
      const again = resume.header
        ? await SseReader.open(events(bob.id), { "last-event-id": seen })
        : await SseReader.open(`${events(bob.id)}?lastEventId=${encodeURIComponent(seen)}`);
      await again.until((r) => r.events("MESSAGESENT").length === 2, "two and three");
      const texts = again.events("MESSAGESENT").map((m) => />(\w+)<\/p><\/div>/.exec(m.data)?.[1]);
      expect(texts).toEqual(["two", "three"]);
      expect(again.events("resync")).toEqual([]);
      await again.close();
    }
  });

  it("a Last-Event-ID older than the buffer, or unknown, gets `resync` instead of a partial replay", async () => {
    const first = await SseReader.open(events(bob.id));
    await first.until((r) => r.lastEventId !== undefined, "an id");
    const seen = first.lastEventId!;
    await first.close();
    for (let i = 0; i < 5; i++) await say(`flood ${i}`);
    for (const lastEventId of [seen, "nonsense", "otherepoch-1"]) {
      const again = await SseReader.open(events(bob.id), { "last-event-id": lastEventId });
      await again.until((r) => r.events("resync").length === 1, "resync");
      expect(again.events("MESSAGESENT")).toEqual([]);
      // After a resync the client resumes from now: nothing is replayed twice.
      const resumeFrom = again.lastEventId!;
      await again.close();
      const next = await SseReader.open(events(bob.id), { "last-event-id": resumeFrom });
      await say("fresh");
      await next.until((r) => r.events("MESSAGESENT").length === 1, "fresh");
      expect(next.events("resync")).toEqual([]);
      await next.close();
    }
  });

  it("keeps streaming across a reset: `reset` first, then the events after it", async () => {
    const live = await SseReader.open(events(77));
    await fetch(`${emu.url}/emulator/v1/reset`, { method: "POST" });
    await live.until((r) => r.events("reset").length === 1, "reset");
    const carol = await createPerson(emu.url, "carol");
    const after = await devJson<{ streamId: string }>(emu.url, "/ims", { userIds: [77, carol.id] });
    await live.until((r) => r.events("INSTANTMESSAGECREATED").length === 1, "the IM after the reset");
    expect(live.messages.map((m) => m.event)).toEqual(["reset", "INSTANTMESSAGECREATED"]);
    expect(live.messages[1]!.data).toContain(after.streamId);
    await live.close();
  });

  it("an unknown person is refused", async () => {
    expect((await fetch(events(999))).status).toBe(400);
  });
});

describe("live event heartbeat", () => {
  it("sends `: heartbeat` every 15 s of the emulator's clock", async () => {
    const timers: Array<{ ms: number; callback: () => void }> = [];
    const emu = await startEmulator({
      clock: {
        now: () => Date.now(),
        setTimeout: (callback, ms) => {
          const timer = { ms, callback };
          timers.push(timer);
          return timer;
        },
        clearTimeout: (handle) => {
          const at = timers.indexOf(handle as (typeof timers)[number]);
          if (at >= 0) timers.splice(at, 1);
        },
      },
    });
    try {
      const person = await createPerson(emu.url, "hearty");
      const live = await SseReader.open(`${emu.url}/emulator/v1/users/${person.id}/events`);
      await live.until((r) => r.comments.includes("connected"), "connected");
      for (let beat = 1; beat <= 2; beat++) {
        const due = timers.filter((t) => t.ms === 15_000);
        expect(due).toHaveLength(1);
        timers.splice(timers.indexOf(due[0]!), 1);
        due[0]!.callback();
        await live.until(
          (r) => r.comments.filter((c) => c === "heartbeat").length === beat,
          `heartbeat ${beat}`,
        );
      }
      await live.close();
    } finally {
      await emu.close();
    }
  });
});
