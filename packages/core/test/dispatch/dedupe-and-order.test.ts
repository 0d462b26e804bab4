import { ConversationQueue, createBot, MemoryDedupeStore, silentLogger } from "@sprig/core";
import { testChat } from "@sprig/testing";
import { describe, expect, it } from "vitest";

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

  it("the in-memory store is bounded and forgets the oldest ids first", () => {
    const store = new MemoryDedupeStore(3);
    expect(["a", "b", "c", "d"].map((id) => store.claim(id))).toEqual([true, true, true, true]);
    expect(store.size).toBe(3);
    expect(store.claim("d")).toBe(false);
    expect(store.claim("b")).toBe(false);
    expect(store.claim("a")).toBe(true);
    expect(() => new MemoryDedupeStore(0)).toThrow(/positive integer/);
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
