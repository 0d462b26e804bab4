/**
 * The history cache behind `history.latest`: the newest work per stream and hashtag, answering a
 * latest lookup alone; filled from the pod on a miss; a cache that does not answer sends the lookup
 * to the pod; a cache that cannot be written fails the send (the action runs again).
 */
import {
  type CachedWork,
  type HistoryCache,
  historyOver,
  MemoryHistoryCache,
  WorkRegistry,
} from "@sprig/core";
import { beforeEach, describe, expect, it } from "vitest";
import { SymphonyHistory } from "../../src/index.ts";
import { FakeSearch, here, Note, note, ROOM, workMessage } from "./fake-message-search.ts";

let pod: FakeSearch;
const registry = new WorkRegistry();

function instance(latest: HistoryCache, cacheMode: "trust" | "verify" = "verify") {
  const store = new SymphonyHistory({ messages: pod, streamOf: async () => ROOM, latest, cacheMode });
  return { store, history: historyOver(store, registry, here) };
}

/** A cache that is away: every call fails, as a shared one does while its server is down. */
const away: HistoryCache = {
  latest: () => Promise.reject(new Error("cache away")),
  observe: () => Promise.reject(new Error("cache away")),
  forget: () => Promise.reject(new Error("cache away")),
};

beforeEach(() => {
  pod = new FakeSearch();
});

describe("history.latest through the history cache", () => {
  it("what one instance posts, another sharing the cache finds with no pod call (even in verify mode)", async () => {
    const shared = new MemoryHistoryCache();
    const [a, b] = [instance(shared), instance(shared)];
    const sent = workMessage(1000, note("posted by a"), ["note"]);
    pod.messages.push(sent);
    await a.store.observe(sent);
    expect((await b.history.latest(Note))?.text).toBe("posted by a");
    expect(pod.calls).toHaveLength(0);
  });

  it("a miss reads the pod and fills the cache under the hashtag looked for only", async () => {
    const shared = new MemoryHistoryCache();
    const a = instance(shared);
    pod.messages.push(workMessage(1000, note("from the pod"), ["note", "p1"]));
    pod.messages.push(workMessage(2000, note("another poll"), ["note", "p2"]));
    expect((await a.history.latest(Note, { tag: "p1" }))?.text).toBe("from the pod");
    expect(pod.calls).toHaveLength(1);
    expect((await shared.latest(ROOM, "p1"))?.works).toEqual([note("from the pod")]);
    // The newest message carrying p1 is not the newest note: "note" is not filled with it.
    expect(await shared.latest(ROOM, "note")).toBeUndefined();
    const b = instance(shared);
    expect((await b.history.latest(Note, { tag: "p1" }))?.text).toBe("from the pod");
    expect(pod.calls).toHaveLength(1);
  });

  it("a cached version the type cannot read is passed over: the next page comes from the pod", async () => {
    const shared = new MemoryHistoryCache();
    const a = instance(shared);
    const old = workMessage(1000, note("readable"), ["note"]);
    const unreadable = workMessage(2000, note("version 1", "1.0"), ["note"]);
    pod.messages.push(old, unreadable);
    await a.store.observe(unreadable);
    expect((await a.history.latest(Note))?.text).toBe("readable");
  });

  it("a cache that does not answer sends the lookup to the pod", async () => {
    const a = instance(away);
    pod.messages.push(workMessage(1000, note("history is the truth"), ["note"]));
    expect((await a.history.latest(Note))?.text).toBe("history is the truth");
    expect(pod.calls).toHaveLength(1);
  });

  it("a cache that cannot be written fails observe and forget (the send fails, the action runs again)", async () => {
    const a = instance(away);
    await expect(a.store.observe(workMessage(1000, note("x"), ["note"]))).rejects.toThrow(/cache away/);
    await expect(a.store.forget(ROOM, "m1")).rejects.toThrow(/cache away/);
  });

  it("a message replaced in place is forgotten: the lookup reads the pod again, not the old version", async () => {
    const shared = new MemoryHistoryCache();
    const a = instance(shared);
    const first = workMessage(1000, note("first"), ["note"]);
    const replaced = workMessage(2000, note("replaced"), ["note"]);
    pod.messages.push(first, replaced);
    await a.store.observe(replaced);
    await a.store.forget(ROOM, replaced.messageId!);
    pod.messages.splice(pod.messages.indexOf(replaced), 1);
    const b = instance(shared);
    expect((await b.history.latest(Note))?.text).toBe("first");
  });

  it("by default one instance keeps its own (memory) cache; with verify and nothing shared it keeps none", async () => {
    const alone = new SymphonyHistory({ messages: pod, streamOf: async () => ROOM });
    expect(alone.latest).toBeInstanceOf(MemoryHistoryCache);
    const several = new SymphonyHistory({ messages: pod, streamOf: async () => ROOM, cacheMode: "verify" });
    expect(several.latest).toBeUndefined();
  });

  it("a since later than the cached newest goes to the pod", async () => {
    const cached: CachedWork = { messageId: "m0", time: 1000, keys: ["note"], works: [note("cached")] };
    const shared = new MemoryHistoryCache();
    await shared.observe(ROOM, cached);
    const a = instance(shared);
    expect(await a.history.latest(Note, { since: new Date(5000) })).toBeUndefined();
    expect(pod.calls[0]?.query).toMatchObject({ fromDate: 5000 });
  });
});
