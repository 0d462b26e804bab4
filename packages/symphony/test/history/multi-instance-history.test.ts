/**
 * Several instances on one fanout feed: each posts state the others never see (events are split
 * between readers, and a bot's own messages are skipped). With `cacheMode: "verify"` a lookup checks
 * the pod for anything newer than the cache's newest entry before answering from the cache.
 */
import { historyOver, WorkRegistry } from "@sprig/core";
import { beforeEach, describe, expect, it } from "vitest";
import { SymphonyHistory } from "../../src/index.ts";
import { FakeSearch, here, Note, note, ROOM, workMessage } from "./fake-message-search.ts";

let pod: FakeSearch;
const registry = new WorkRegistry();

function instance(cacheMode?: "trust" | "verify", source?: "search" | "listing") {
  const store = new SymphonyHistory({
    messages: pod,
    streamOf: async () => ROOM,
    ...(cacheMode ? { cacheMode } : {}),
    ...(source ? { source } : {}),
  });
  return { store, history: historyOver(store, registry, here) };
}

/** Another instance posts a note: it reaches the pod, and this instance's cache never hears of it. */
function postedElsewhere(time: number, text: string) {
  pod.messages.push(workMessage(time, note(text), ["note"]));
}

beforeEach(() => {
  pod = new FakeSearch();
});

describe("history with several instances (cacheMode: verify)", () => {
  it("the trusted cache misses what another instance posted (why verify exists)", async () => {
    const a = instance();
    postedElsewhere(1000, "one");
    expect((await a.history.latest(Note))?.text).toBe("one");
    postedElsewhere(2000, "two");
    expect((await a.history.latest(Note))?.text).toBe("one");
  });

  it("finds what another instance posted since the cache's newest entry", async () => {
    const a = instance("verify");
    postedElsewhere(1000, "one");
    expect((await a.history.latest(Note))?.text).toBe("one");
    postedElsewhere(2000, "two");
    postedElsewhere(3000, "three");
    expect((await a.history.latest(Note))?.text).toBe("three");
    // The check: newest first, limited to 1, from the cached entry's time on.
    expect(pod.calls[1]).toMatchObject({ query: { fromDate: 1000, hashtag: "note" }, skip: 0, limit: 1 });
    const all = await a.history.all(Note);
    expect(all.items.map((n) => n.text)).toEqual(["three", "two", "one"]);
  });

  it("costs one search limited to 1 per lookup when nothing is new, and answers from the cache", async () => {
    const a = instance("verify");
    postedElsewhere(1000, "one");
    await a.history.latest(Note);
    const before = pod.calls.length;
    expect((await a.history.latest(Note))?.text).toBe("one");
    expect((await a.history.latest(Note))?.text).toBe("one");
    expect(pod.calls.slice(before).map((c) => c.limit)).toEqual([1, 1]);
  });

  it("reads every page of what is new, past a first page, each record once", async () => {
    const a = instance("verify");
    postedElsewhere(1, "n1");
    await a.history.latest(Note);
    for (let i = 2; i <= 120; i++) postedElsewhere(i, `n${i}`);
    expect((await a.history.latest(Note))?.text).toBe("n120");
    const texts = (await a.history.all(Note, { limit: 500 })).items.map((n) => n.text);
    expect(texts).toHaveLength(120);
    expect(new Set(texts).size).toBe(120);
    expect(texts[0]).toBe("n120");
    expect(texts.at(-1)).toBe("n1");
  });

  it("keeps a message this instance just sent that search has not indexed yet", async () => {
    const a = instance("verify");
    postedElsewhere(1000, "indexed");
    await a.history.latest(Note);
    a.store.observe(workMessage(5000, note("sent, not indexed"), ["note"]));
    expect((await a.history.latest(Note))?.text).toBe("sent, not indexed");
  });

  it("a window filled only from what this instance saw is checked too", async () => {
    const a = instance("verify");
    a.store.observe(workMessage(1000, note("seen"), ["note"]));
    postedElsewhere(1000, "seen-copy-elsewhere");
    postedElsewhere(2000, "newer elsewhere");
    expect((await a.history.latest(Note))?.text).toBe("newer elsewhere");
  });

  it("with the listing source: lists the stream since the cache's newest entry", async () => {
    const a = instance("verify", "listing");
    postedElsewhere(1000, "one");
    expect((await a.history.latest(Note))?.text).toBe("one");
    postedElsewhere(2000, "two");
    expect((await a.history.latest(Note))?.text).toBe("two");
    expect(pod.listCalls.at(-1)).toMatchObject({ since: 1000, skip: 0 });
    expect((await a.history.all(Note)).items.map((n) => n.text)).toEqual(["two", "one"]);
  });
});
