import {
  ConversationQueue,
  createBot,
  DELIVERY_FAILED,
  type DedupeStore,
  DeliveryError,
  dedupeKeys,
  HELD_ELSEWHERE,
  MemoryDedupeStore,
  runOnce,
  silentLogger,
  UndeliverableError,
  UserError,
} from "@sprig/core";
import { testChat } from "@sprig/testing";
import { describe, expect, it } from "vitest";
import { failFirstSend } from "./support/fail-first-send.ts";

describe("idempotency", () => {
  it("a redelivered event never reaches a handler twice", async () => {
    let runs = 0;
    const bot = createBot({ logger: silentLogger });
    bot.command("count", () => `run ${++runs}`);
    const im = testChat(bot).im("ann");
    await im.send("count").expectText("run 1");
    await im.redeliver().expectStatus("duplicate").expectNoReply();
    await im.send("count").expectText("run 2");
    expect(runs).toBe(2);
  });

  it("the in-memory store is bounded and forgets the oldest completed keys first", () => {
    const store = new MemoryDedupeStore(3);
    for (const key of ["a", "b", "c", "d"]) {
      expect(store.claim(key, 1000)).toBe("first");
      store.complete(key);
    }
    expect(store.size).toBe(3);
    expect(store.claimed).toBe(0);
    expect(store.claim("d", 1000)).toBe("done");
    expect(store.claim("b", 1000)).toBe("done");
    expect(store.claim("a", 1000)).toBe("first");
    expect(() => new MemoryDedupeStore(0)).toThrow(/positive integer/);
  });

  it("a claim holds until completed, released, or its lease runs out", () => {
    let now = 0;
    const store = new MemoryDedupeStore(10, { now: () => now });
    expect(store.claim("k", 100)).toBe("first");
    expect(store.claim("k", 100)).toBe("held"); // held by the first claimant
    store.release("k");
    expect(store.claim("k", 100)).toBe("again"); // released: runs again
    now = 99;
    expect(store.claim("k", 100)).toBe("held");
    now = 100;
    expect(store.claim("k", 100)).toBe("again"); // the holder vanished: its lease ran out
    store.complete("k");
    now = 10_000;
    expect(store.claim("k", 100)).toBe("done"); // done stays done
  });

  it("a send that fails fails the action: its redelivery runs again and answers exactly once", async () => {
    let runs = 0;
    const bot = createBot({ logger: silentLogger });
    bot.command("count", () => `run ${++runs}`);
    const chat = testChat(bot);
    const platform = chat.platform!;
    const ann = chat.user("ann");
    failFirstSend(platform, new Error("pod unavailable"));
    const action = platform.message(ann, ann, "count");
    // The adapter sees the failure, so it does not acknowledge the batch …
    await expect(platform.deliver(action)).rejects.toMatchObject({ code: DELIVERY_FAILED });
    expect(chat.transcript).toHaveLength(0);
    // … and the platform delivers the same event again.
    await expect(platform.deliver(action)).resolves.toMatchObject({ status: "command", sent: 1 });
    await expect(platform.deliver(action)).resolves.toMatchObject({ status: "duplicate", sent: 0 });
    expect(chat.transcript.map((m) => m.text)).toEqual(["run 2"]);
  });

  it("a failed delivery is not papered over with an error message, even when a handler catches it", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("careful", async ({ reply }) => {
      try {
        await reply("first");
      } catch {
        return "never mind";
      }
    });
    const chat = testChat(bot);
    const platform = chat.platform!;
    failFirstSend(platform, new Error("pod unavailable"));
    const ann = chat.user("ann");
    const action = platform.message(ann, ann, "careful");
    await expect(platform.deliver(action)).rejects.toBeInstanceOf(DeliveryError);
    await platform.deliver(action);
    expect(chat.transcript.map((m) => m.text)).toEqual(["first"]);
  });

  it("a response refused for good is not retried: the person is told, and the redelivery is a duplicate", async () => {
    let runs = 0;
    const bot = createBot({ logger: silentLogger, newId: () => "ref-1" });
    bot.command("count", () => `run ${++runs}`);
    const chat = testChat(bot);
    const platform = chat.platform!;
    failFirstSend(platform, new UndeliverableError("the platform refused this message"));
    const ann = chat.user("ann");
    const action = platform.message(ann, ann, "count");
    await expect(platform.deliver(action)).resolves.toMatchObject({ status: "failed" });
    await expect(platform.deliver(action)).resolves.toMatchObject({ status: "duplicate" });
    expect(runs).toBe(1);
    expect(chat.transcript).toHaveLength(1);
    expect(chat.transcript[0]?.text).toContain("ref-1");
  });

  it("a handler's own error is answered and done: its redelivery is a duplicate", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("boom", () => {
      throw new UserError("That list has no item 7.");
    });
    const im = testChat(bot).im("ann");
    await im.send("boom").expectError("That list has no item 7.");
    await im.redeliver().expectStatus("duplicate").expectNoReply();
  });

  it("the same message under two event ids (cross-pod duplicates) runs once", async () => {
    let runs = 0;
    const bot = createBot({ logger: silentLogger });
    bot.command("count", () => `run ${++runs}`);
    const chat = testChat(bot);
    const platform = chat.platform!;
    const ann = chat.user("ann");
    const first = { ...platform.message(ann, ann, "count"), messageId: "msg-1" };
    const second = { ...first, eventId: "another-event-id" };
    expect(dedupeKeys(second)).toEqual(["test:event:another-event-id", "test:message:msg-1"]);
    // The second arrives while the first runs here: it waits for it, then is a duplicate.
    const outcomes = await Promise.all([platform.deliver(first), platform.deliver(second)]);
    expect(outcomes.map((o) => o.status)).toEqual(["command", "duplicate"]);
    expect(runs).toBe(1);
  });

  it("a form press under two event ids (cross-pod duplicates) is known by its submission id", () => {
    const chat = testChat(createBot({ logger: silentLogger }));
    const ann = chat.user("ann");
    const press = {
      ...chat.platform!.message(ann, ann, "x"),
      kind: "form" as const,
      formId: "todo-list",
      buttonId: "add",
      values: {},
    };
    expect(dedupeKeys({ ...press, submissionId: "sub-1" })).toEqual([
      `test:event:${press.eventId}`,
      "test:submission:sub-1",
    ]);
    expect(dedupeKeys({ ...press, eventId: "other" }).at(-1)).toBe("test:event:other"); // none given
  });

  it("an event redelivered while its first delivery is still running here waits, then is a duplicate", async () => {
    const gate = deferred();
    let runs = 0;
    const bot = createBot({ logger: silentLogger });
    bot.command("slow", async () => {
      runs++;
      await gate.promise;
      return "done";
    });
    const chat = testChat(bot);
    const platform = chat.platform!;
    const ann = chat.user("ann");
    const action = platform.message(ann, ann, "slow");
    const first = platform.deliver(action);
    const again = platform.deliver(action);
    gate.resolve();
    await expect(first).resolves.toMatchObject({ status: "command" });
    await expect(again).resolves.toMatchObject({ status: "duplicate" });
    expect(runs).toBe(1);
  });

  it("an event held under a claim of another process is not a duplicate: handle rejects, unacknowledged", async () => {
    const dedupe = new MemoryDedupeStore();
    let runs = 0;
    const bot = createBot({ logger: silentLogger, dedupe });
    bot.command("count", () => `run ${++runs}`);
    const chat = testChat(bot);
    const platform = chat.platform!;
    const ann = chat.user("ann");
    const action = platform.message(ann, ann, "count");
    // Another instance sharing the store claimed it (and may have died holding it).
    const keys = dedupeKeys(action);
    for (const key of keys) dedupe.claim(key, 60_000);
    await expect(platform.deliver(action)).rejects.toMatchObject({ code: HELD_ELSEWHERE });
    expect(runs).toBe(0);
    // It completes there: the redelivery is a duplicate, acknowledged.
    for (const key of keys) dedupe.complete(key);
    await expect(platform.deliver(action)).resolves.toMatchObject({ status: "duplicate" });
    expect(runs).toBe(0);
  });

  it("a shared store sees claim, then complete or release, per key (async stores work)", async () => {
    const calls: string[] = [];
    const inner = new MemoryDedupeStore();
    const store: DedupeStore = {
      async claim(key, leaseMs) {
        calls.push(`claim ${key} ${leaseMs}`);
        return inner.claim(key, leaseMs);
      },
      async renew(key, leaseMs) {
        calls.push(`renew ${key} ${leaseMs}`);
        return inner.renew(key, leaseMs);
      },
      async complete(key) {
        calls.push(`complete ${key}`);
        inner.complete(key);
      },
      async release(key) {
        calls.push(`release ${key}`);
        inner.release(key);
      },
    };
    let fail = true;
    const result = runOnce(store, ["a", "b"], 500, async () => {
      if (fail) throw new Error("no");
      return 1;
    });
    await expect(result).rejects.toThrow("no");
    fail = false;
    await expect(runOnce(store, ["a", "b"], 500, async () => 2)).resolves.toEqual({ ran: true, result: 2 });
    await expect(runOnce(store, ["c", "b"], 500, async () => 3)).resolves.toEqual({
      ran: false,
      refused: "done",
    });
    expect(calls).toEqual([
      "claim a 500",
      "claim b 500",
      "release a",
      "release b",
      "claim a 500",
      "claim b 500",
      "complete a",
      "complete b",
      "claim c 500",
      "claim b 500",
      "release c",
    ]);
  });

  it("with a store that answers at once, tasks start in call order whatever their number of keys", async () => {
    const store = new MemoryDedupeStore();
    const started: string[] = [];
    const task = (name: string) => async () => {
      started.push(name);
    };
    // As a batch hands them over: a message (event + message key), then a form (event key only).
    const message = runOnce(store, ["e1", "m1"], 500, task("message"));
    const form = runOnce(store, ["e2"], 500, task("form"));
    await Promise.all([message, form]);
    expect(started).toEqual(["message", "form"]);
  });

  it("a store answering with a thenable of another promise library is waited for", async () => {
    const inner = new MemoryDedupeStore();
    const later = <T>(value: T): PromiseLike<T> => ({
      // biome-ignore lint/suspicious/noThenProperty: a non-native thenable on purpose.
      then: (resolve) => Promise.resolve(value).then(resolve),
    });
    const store = {
      claim: (key: string, leaseMs: number) => later(inner.claim(key, leaseMs)),
      complete: (key: string) => later(inner.complete(key)),
      release: (key: string) => later(inner.release(key)),
    } as unknown as DedupeStore;
    await expect(runOnce(store, ["k"], 500, async () => 1)).resolves.toEqual({ ran: true, result: 1 });
    await expect(runOnce(store, ["k"], 500, async () => 2)).resolves.toEqual({ ran: false, refused: "done" });
  });
});

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("ordering", () => {
  it("runs one conversation's actions in arrival order, even when the first is slower", async () => {
    const queue = new ConversationQueue(4);
    const order: string[] = [];
    const gate = deferred();
    const first = queue.run("room-1", async () => {
      await gate.promise;
      order.push("first");
    });
    const second = queue.run("room-1", async () => {
      order.push("second");
    });
    const other = queue.run("room-2", async () => {
      order.push("other room");
    });
    await other;
    expect(order).toEqual(["other room"]);
    gate.resolve();
    await Promise.all([first, second]);
    expect(order).toEqual(["other room", "first", "second"]);
  });

  it("a failing action does not block the next one of its conversation", async () => {
    const queue = new ConversationQueue();
    const failed = queue.run("c", async () => {
      throw new Error("no");
    });
    await expect(failed).rejects.toThrow("no");
    await expect(queue.run("c", async () => "next")).resolves.toBe("next");
  });

  it("runs at most `concurrency` conversations at once", async () => {
    const queue = new ConversationQueue(2);
    let running = 0;
    let peak = 0;
    const gates = [deferred(), deferred(), deferred()];
    const tasks = gates.map((gate, i) =>
      queue.run(`c${i}`, async () => {
        running++;
        peak = Math.max(peak, running);
        await gate.promise;
        running--;
      }),
    );
    await new Promise((r) => setImmediate(r));
    expect(running).toBe(2);
    for (const gate of gates) gate.resolve();
    await Promise.all(tasks);
    expect(peak).toBe(2);
  });

  it("the bot keeps a conversation's order end to end", async () => {
    const bot = createBot({ logger: silentLogger });
    const gate = deferred();
    bot.command("slow", async () => {
      await gate.promise;
      return "slow done";
    });
    bot.command("fast", () => "fast done");
    const chat = testChat(bot);
    const ann = chat.user("ann");
    const platform = chat.platform!;
    const slow = platform.deliver(platform.message(ann, ann, "slow"));
    const fast = platform.deliver(platform.message(ann, ann, "fast"));
    await new Promise((r) => setImmediate(r));
    expect(chat.transcript).toHaveLength(0);
    gate.resolve();
    await Promise.all([slow, fast]);
    expect(chat.transcript.map((m) => m.text)).toEqual(["slow done", "fast done"]);
  });
});
