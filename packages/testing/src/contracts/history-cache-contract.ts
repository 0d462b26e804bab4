/**
 * The `HistoryCache` contract as tests: core's memory cache and the shared ones (Redis) run this one
 * suite, so they keep and refuse alike — the newest message per key wins whatever the order of the
 * writes, a forgotten message is not taken again.
 * Call it inside a test file: `historyCacheContract("redis", { instances: () => [a, b] })`.
 */
import type { CachedWork, HistoryCache } from "@sprig/core";
import { describe, expect, it } from "vitest";

export interface HistoryCacheFixture {
  /**
   * Two instances' views of one cache, empty for the conversations the suite makes up (for a
   * process-local cache, the same object twice).
   */
  instances(): [HistoryCache, HistoryCache] | Promise<[HistoryCache, HistoryCache]>;
}

export function historyCacheContract(name: string, fixture: HistoryCacheFixture): void {
  let counter = 0;
  /** A conversation no other case (or an earlier run against a shared server) has used. */
  const conversation = (label: string) => `contract-${label}-${process.pid}-${Date.now()}-${counter++}`;
  const work = (messageId: string, time: number, keys: string[], value = messageId): CachedWork => ({
    messageId,
    time,
    keys,
    works: [{ type: keys[0], version: "1.0", value, nested: { list: [1, "two", null] } }],
  });

  describe(`HistoryCache contract: ${name}`, () => {
    it("knows nothing of a conversation it was not told of", async () => {
      const [cache] = await fixture.instances();
      expect(await cache.latest(conversation("empty"), "todo-list")).toBeUndefined();
    });

    it("a message observed is the latest of each of its keys, as it was given, for every instance", async () => {
      const [a, b] = await fixture.instances();
      const c = conversation("keys");
      const message = work("m1", 1000, ["todo-list", "p1-q"]);
      await a.observe(c, message);
      expect(await b.latest(c, "todo-list")).toEqual(message);
      expect(await b.latest(c, "p1-q")).toEqual(message);
      expect(await b.latest(c, "other")).toBeUndefined();
    });

    it("a newer message replaces the latest; a stale write (older) loses, key by key", async () => {
      const [a, b] = await fixture.instances();
      const c = conversation("stale");
      const older = work("m1", 1000, ["todo-list", "tag"]);
      const newer = work("m2", 2000, ["todo-list"]);
      await a.observe(c, newer);
      await b.observe(c, older);
      expect((await a.latest(c, "todo-list"))?.messageId).toBe("m2");
      // The older one is still the newest carrying the tag.
      expect((await a.latest(c, "tag"))?.messageId).toBe("m1");
      await b.observe(c, work("m3", 3000, ["tag"]));
      expect((await a.latest(c, "tag"))?.messageId).toBe("m3");
    });

    it("within one millisecond the greater message id is the newer; observing again changes nothing", async () => {
      const [a, b] = await fixture.instances();
      const c = conversation("tie");
      await a.observe(c, work("B", 1000, ["k"]));
      await b.observe(c, work("A", 1000, ["k"], "stale"));
      await b.observe(c, work("B", 1000, ["k"]));
      expect(await a.latest(c, "k")).toEqual(work("B", 1000, ["k"]));
    });

    it("of many writes at once from two instances, in any order, the newest stays", async () => {
      const [a, b] = await fixture.instances();
      const c = conversation("race");
      const times = [7, 3, 19, 11, 2, 17, 5, 13, 1, 20, 4, 16, 8, 12, 6, 18, 9, 15, 10, 14];
      await Promise.all(
        times.map((t, i) =>
          (i % 2 ? a : b).observe(c, work(`m${String(t).padStart(2, "0")}`, t * 1000, ["k"])),
        ),
      );
      expect((await a.latest(c, "k"))?.messageId).toBe("m20");
    });

    it("a forgotten message is the latest of nothing, and a late write of it is refused", async () => {
      const [a, b] = await fixture.instances();
      const c = conversation("forget");
      await a.observe(c, work("m1", 1000, ["k", "t"]));
      await a.observe(c, work("m2", 2000, ["k", "t"]));
      await a.observe(c, work("m3", 500, ["other"]));
      await a.forget(c, "m2");
      expect(await b.latest(c, "k")).toBeUndefined();
      expect(await b.latest(c, "t")).toBeUndefined();
      expect((await b.latest(c, "other"))?.messageId).toBe("m3");
      // Another instance read the replaced message from a lagging search a moment before.
      await b.observe(c, work("m2", 2000, ["k"]));
      expect(await a.latest(c, "k")).toBeUndefined();
      // What came before it may be found again (history holds it), and newer messages are taken.
      await b.observe(c, work("m1", 1000, ["k"]));
      expect((await a.latest(c, "k"))?.messageId).toBe("m1");
      await b.observe(c, work("m4", 4000, ["k"]));
      expect((await a.latest(c, "k"))?.messageId).toBe("m4");
    });

    it("conversations are independent", async () => {
      const [a, b] = await fixture.instances();
      const [one, two] = [conversation("one"), conversation("two")];
      await a.observe(one, work("m1", 1000, ["k"]));
      await b.observe(two, work("m2", 500, ["k"]));
      await a.forget(two, "m1");
      expect((await b.latest(one, "k"))?.messageId).toBe("m1");
      expect((await a.latest(two, "k"))?.messageId).toBe("m2");
    });
  });
}
