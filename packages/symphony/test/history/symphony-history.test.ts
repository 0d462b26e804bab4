import { historyOver, User, WorkRegistry } from "@sprig/core";
import { beforeEach, describe, expect, it } from "vitest";
import { SymphonyHistory } from "../../src/index.ts";
import { FakeSearch, here, Note, note, ROOM, workMessage } from "./fake-message-search.ts";

describe("SymphonyHistory", () => {
  let pod: FakeSearch;
  let store: SymphonyHistory;
  let registry: WorkRegistry;

  beforeEach(() => {
    pod = new FakeSearch();
    store = new SymphonyHistory({
      messages: pod,
      streamOf: async (where) => (where.kind === "chat" ? where.id : `im-${where.id}`),
    });
    registry = new WorkRegistry();
  });

  it("finds the latest object of a type by its hashtag, skipping versions the type cannot read", async () => {
    pod.messages.push(
      workMessage(1000, note("old"), ["note"]),
      workMessage(2000, note("newest, but version 1", "1.0"), ["note"]),
      workMessage(1500, note("middle"), ["note"]),
    );
    const history = historyOver(store, registry, here);
    const latest = await history.latest(Note);
    expect(latest?.text).toBe("middle");
    expect(pod.calls[0]?.query).toEqual({ streamId: ROOM, hashtag: "note" });
  });

  it("answers repeated lookups from the cache, and sees what the bot sent since without asking the pod", async () => {
    pod.messages.push(workMessage(1000, note("first"), ["note"]));
    const history = historyOver(store, registry, here);
    expect((await history.latest(Note))?.text).toBe("first");
    expect((await history.latest(Note))?.text).toBe("first");
    expect(pod.calls).toHaveLength(1);

    // The bot sends a newer note: the send's answer feeds the cache (the pod may not have indexed it yet).
    store.observe(workMessage(3000, note("sent just now"), ["note"]));
    expect((await history.latest(Note))?.text).toBe("sent just now");
    expect(pod.calls).toHaveLength(1);
  });

  it("remembers what the bot sent before the first lookup, even if search has not caught up", async () => {
    store.observe(workMessage(5000, note("not indexed yet"), ["note"]));
    pod.messages.push(workMessage(1000, note("indexed"), ["note"]));
    const history = historyOver(store, registry, here);
    expect((await history.latest(Note))?.text).toBe("not indexed yet");
    const all = await history.all(Note);
    expect(all.items.map((n) => n.text)).toEqual(["not indexed yet", "indexed"]);
  });

  it("pages through everything, newest first, with no item twice even when messages arrive between pages", async () => {
    for (let i = 1; i <= 25; i++) pod.messages.push(workMessage(i * 1000, note(`n${i}`), ["note"]));
    const history = historyOver(store, registry, here);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await history.all(Note, { limit: 10, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((n) => n.text));
      cursor = page.next;
      if (pages++ === 0) {
        const arriving = workMessage(99_000, note("arrived meanwhile"), ["note"]);
        pod.messages.push(arriving);
        store.observe(arriving);
      }
    } while (cursor && pages < 10);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `n${25 - i}`));
    expect(pages).toBe(3);
  });

  it("reads search results past the first page with skip and limit", async () => {
    const small = new SymphonyHistory({ messages: pod, streamOf: async () => ROOM, searchPageSize: 5 });
    for (let i = 1; i <= 12; i++) pod.messages.push(workMessage(i, note(`n${i}`), ["note"]));
    const history = historyOver(small, registry, here);
    const first = await history.all(Note, { limit: 5 });
    const second = await history.all(Note, { limit: 5, cursor: first.next! });
    const third = await history.all(Note, { limit: 5, cursor: second.next! });
    expect([...first.items, ...second.items, ...third.items].map((n) => n.text)).toEqual(
      Array.from({ length: 12 }, (_, i) => `n${12 - i}`),
    );
    expect(third.next).toBeUndefined();
    expect(pod.calls.map((c) => [c.skip, c.limit])).toEqual([
      [0, 5],
      [5, 5],
      [10, 5],
    ]);
  });

  it("passes since as fromDate and returns only what is at or after it", async () => {
    pod.messages.push(
      workMessage(1000, note("before"), ["note"]),
      workMessage(3000, note("after"), ["note"]),
    );
    const history = historyOver(store, registry, here);
    const page = await history.all(Note, { since: new Date(2000) });
    expect(page.items.map((n) => n.text)).toEqual(["after"]);
    expect(pod.calls[0]?.query.fromDate).toBe(2000);
  });

  it("finds by tag, keeping only objects of the asked type", async () => {
    pod.messages.push(
      workMessage(1000, note("tagged note"), ["note", "poll-42"]),
      workMessage(2000, { type: "other", version: "1.0" }, ["other", "poll-42"]),
      workMessage(3000, note("untagged"), ["note"]),
    );
    const history = historyOver(store, registry, here);
    expect((await history.latestTagged(Note, "poll-42"))?.text).toBe("tagged note");
    expect(pod.calls[0]?.query.hashtag).toBe("poll-42");
  });

  it("never returns drafts, or messages that carry the hashtag but no object", async () => {
    pod.messages.push(
      workMessage(1000, note("real"), ["note"]),
      workMessage(2000, note("draft"), ["note"], { draft: true }),
      workMessage(3000, undefined, ["note"]),
    );
    const history = historyOver(store, registry, here);
    expect((await history.latest(Note))?.text).toBe("real");
  });

  it("looks in a person's 1:1 when the conversation is a user", async () => {
    pod.messages.push(workMessage(1000, note("in the IM"), ["note"], { stream: "im-42" }));
    const history = historyOver(store, registry, User.of("symphony", "42", "Ann"));
    expect((await history.latest(Note))?.text).toBe("in the IM");
  });

  it("reads the stream's listing to its end when told to, newest first, then answers from the cache", async () => {
    const listing = new SymphonyHistory({ messages: pod, streamOf: async () => ROOM, source: "listing" });
    for (let i = 1; i <= 1203; i++) {
      pod.messages.push(
        i % 2 === 0
          ? workMessage(i, note(`n${i}`), ["note"])
          : { ...workMessage(i, undefined, []), data: "{}" },
      );
    }
    const history = historyOver(listing, registry, here);
    expect((await history.latest(Note))?.text).toBe("n1202");
    expect((await history.all(Note, { limit: 3 })).items.map((n) => n.text)).toEqual([
      "n1202",
      "n1200",
      "n1198",
    ]);
    expect(pod.listCalls.map((c) => c.skip)).toEqual([0, 500, 1000]);
    expect(pod.calls).toHaveLength(0);
  });

  it("ignores a cursor it did not make (reads from the top)", async () => {
    pod.messages.push(workMessage(1000, note("only"), ["note"]));
    const history = historyOver(store, registry, here);
    const page = await history.all(Note, { cursor: "not-a-cursor" });
    expect(page.items.map((n) => n.text)).toEqual(["only"]);
  });
});
