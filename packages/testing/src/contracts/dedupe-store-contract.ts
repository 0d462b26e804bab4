/**
 * The `DedupeStore` contract as tests: every store (core's in-memory one, Redis, yours) runs this
 * one suite, so they answer alike — `first`, `again`, `held` and `done` in the same cases.
 * Call it inside a test file: `dedupeStoreContract("redis", { store: () => …, passTime: … })`.
 */
import { claimKeys, completeKeys, type DedupeStore } from "@sprig/core";
import { describe, expect, it } from "vitest";

export interface DedupeStoreFixture {
  /** A store with nothing in it (a fresh one, or keys nobody else uses). */
  store(): DedupeStore | Promise<DedupeStore>;
  /** Lets `ms` milliseconds pass for the store (advance a fake clock, or really wait). */
  passTime(ms: number): Promise<void>;
  /** A lease short enough to run out in a test, long enough not to while a step runs (ms). */
  readonly leaseMs: number;
}

export function dedupeStoreContract(name: string, fixture: DedupeStoreFixture): void {
  const lease = fixture.leaseMs;
  let counter = 0;
  /** A key no other case (or earlier run against a shared server) has used. */
  const key = (label: string) => `contract:${label}:${process.pid}:${Date.now()}:${counter++}`;

  describe(`DedupeStore contract: ${name}`, () => {
    it("a first claim is first; while held it is refused as held, not done", async () => {
      const store = await fixture.store();
      const k = key("held");
      expect(await store.claim(k, lease)).toBe("first");
      expect(await store.claim(k, lease)).toBe("held");
    });

    it("a completed key is refused as done, for good, even after its lease would have run out", async () => {
      const store = await fixture.store();
      const k = key("done");
      expect(await store.claim(k, lease)).toBe("first");
      await store.complete(k);
      expect(await store.claim(k, lease)).toBe("done");
      await fixture.passTime(lease * 2);
      expect(await store.claim(k, lease)).toBe("done");
      await store.release(k); // a release after completion changes nothing
      expect(await store.claim(k, lease)).toBe("done");
    });

    it("a released key is claimed again, and answers again every time after", async () => {
      const store = await fixture.store();
      const k = key("released");
      expect(await store.claim(k, lease)).toBe("first");
      await store.release(k);
      expect(await store.claim(k, lease)).toBe("again");
      expect(await store.claim(k, lease)).toBe("held");
      await store.release(k);
      expect(await store.claim(k, lease)).toBe("again");
      await store.complete(k);
      expect(await store.claim(k, lease)).toBe("done");
    });

    it("a lease that ran out (its holder vanished) lets the next claim run it again", async () => {
      const store = await fixture.store();
      const k = key("lapsed");
      expect(await store.claim(k, lease)).toBe("first");
      await fixture.passTime(lease * 2);
      expect(await store.claim(k, lease)).toBe("again");
      expect(await store.claim(k, lease)).toBe("held");
    });

    it("a renewed lease holds a full lease from its renewal: the holder is alive", async () => {
      const store = await fixture.store();
      const k = key("renewed");
      expect(await store.claim(k, lease)).toBe("first");
      await fixture.passTime(lease * 0.5);
      expect(await store.renew(k, lease)).toBe(true);
      await fixture.passTime(lease * 0.6); // past the first lease, within the renewed one
      expect(await store.claim(k, lease)).toBe("held");
      await fixture.passTime(lease * 2); // not renewed any more: its holder died
      expect(await store.claim(k, lease)).toBe("again");
    });

    it("renewing a key that is done, released or never claimed changes nothing", async () => {
      const store = await fixture.store();
      const [done, released, never] = [key("renew-done"), key("renew-released"), key("renew-never")];
      expect(await store.claim(done, lease)).toBe("first");
      await store.complete(done);
      expect(await store.claim(released, lease)).toBe("first");
      await store.release(released);
      expect(await store.renew(done, lease)).toBe(false);
      expect(await store.renew(released, lease)).toBe(false);
      expect(await store.renew(never, lease)).toBe(false);
      expect(await store.claim(done, lease)).toBe("done");
      expect(await store.claim(released, lease)).toBe("again");
      expect(await store.claim(never, lease)).toBe("first");
    });

    it("releasing a key nobody claimed does not make it a redelivery", async () => {
      const store = await fixture.store();
      const k = key("never");
      await store.release(k);
      expect(await store.claim(k, lease)).toBe("first");
    });

    it("keys are independent", async () => {
      const store = await fixture.store();
      const [a, b] = [key("a"), key("b")];
      expect(await store.claim(a, lease)).toBe("first");
      await store.complete(a);
      expect(await store.claim(b, lease)).toBe("first");
      await store.release(b);
      expect(await store.claim(a, lease)).toBe("done");
      expect(await store.claim(b, lease)).toBe("again");
    });

    it("of many claims of one key at the same moment, exactly one takes it", async () => {
      const store = await fixture.store();
      const k = key("race");
      const answers = await Promise.all(Array.from({ length: 20 }, () => store.claim(k, lease)));
      expect(answers.filter((a) => a === "first")).toHaveLength(1);
      expect(answers.filter((a) => a === "held")).toHaveLength(19);
    });

    // An action's keys (event id, message id) through core's `claimKeys` / `completeKeys`: in one
    // step on a store with `claimAll` / `completeAll`, key by key on one without — alike either way.
    it("an action's keys are claimed and completed together", async () => {
      const store = await fixture.store();
      const keys = [key("all-a"), key("all-b")];
      expect(await claimKeys(store, keys, lease)).toBe("first");
      expect(await claimKeys(store, keys, lease)).toBe("held");
      expect(await store.claim(keys[0]!, lease)).toBe("held");
      expect(await store.claim(keys[1]!, lease)).toBe("held");
      await completeKeys(store, keys);
      expect(await claimKeys(store, keys, lease)).toBe("done");
      expect(await store.claim(keys[0]!, lease)).toBe("done");
      expect(await store.claim(keys[1]!, lease)).toBe("done");
    });

    it("an action's claim is again when any of its keys was claimed before", async () => {
      const store = await fixture.store();
      const [a, b] = [key("again-a"), key("again-b")];
      expect(await store.claim(b, lease)).toBe("first");
      await store.release(b);
      expect(await claimKeys(store, [a, b], lease)).toBe("again");
      expect(await store.claim(a, lease)).toBe("held");
      expect(await store.claim(b, lease)).toBe("held");
    });

    it("a refused key leaves the keys before it released and the ones after it untouched", async () => {
      const store = await fixture.store();
      const [a, done, c] = [key("refused-a"), key("refused-done"), key("refused-c")];
      expect(await store.claim(done, lease)).toBe("first");
      await store.complete(done);
      expect(await claimKeys(store, [a, done, c], lease)).toBe("done");
      expect(await store.claim(a, lease)).toBe("again"); // taken, then released, as key by key
      expect(await store.claim(c, lease)).toBe("first"); // never reached
      const [d, held] = [key("refused-d"), key("refused-held")];
      expect(await store.claim(held, lease)).toBe("first");
      expect(await claimKeys(store, [d, held], lease)).toBe("held");
      expect(await store.claim(held, lease)).toBe("held"); // its holder keeps it
      expect(await store.claim(d, lease)).toBe("again");
    });

    it("of many claims of one action's keys at the same moment, exactly one takes them", async () => {
      const store = await fixture.store();
      const keys = [key("race-all-a"), key("race-all-b")];
      const answers = await Promise.all(Array.from({ length: 20 }, () => claimKeys(store, keys, lease)));
      expect(answers.filter((a) => a === "first")).toHaveLength(1);
      expect(answers.filter((a) => a === "held")).toHaveLength(19);
    });
  });
}
