import {
  type ActionAttempt,
  createBot,
  currentAction,
  currentAttempt,
  DELIVERY_FAILED,
  type DedupeStore,
  MemoryDedupeStore,
  runOnce,
  silentLogger,
} from "@sprig/core";
import { testChat } from "@sprig/testing";
import { afterEach, describe, expect, it, vi } from "vitest";

describe("a claim says whether the key ran before", () => {
  it("first, then again after a release; a completed key is refused", () => {
    const store = new MemoryDedupeStore(10);
    expect(store.claim("k", 100)).toBe("first");
    store.release("k");
    expect(store.claim("k", 100)).toBe("again");
    store.release("k");
    expect(store.claim("k", 100)).toBe("again");
    store.complete("k");
    expect(store.claim("k", 100)).toBe("done");
    expect(store.claim("other", 100)).toBe("first");
  });

  it("again after a holder's lease ran out (it may have answered in part before it vanished)", () => {
    let now = 0;
    const store = new MemoryDedupeStore(10, { now: () => now });
    expect(store.claim("k", 100)).toBe("first");
    now = 100;
    expect(store.claim("k", 100)).toBe("again");
  });

  it("releasing a key nobody holds does not make it a redelivery", () => {
    const store = new MemoryDedupeStore(10);
    store.release("never-claimed");
    expect(store.claim("never-claimed", 100)).toBe("first");
  });

  it("remembers released keys within its capacity only (oldest forgotten first)", () => {
    const store = new MemoryDedupeStore(2);
    for (const key of ["a", "b", "c"]) {
      store.claim(key, 100);
      store.release(key);
    }
    expect(store.claim("a", 100)).toBe("first"); // forgotten: the bound holds
    expect(store.claim("c", 100)).toBe("again");
  });
});

describe("runOnce runs the task under an attempt", () => {
  it("named by the last key, redelivered when any key was claimed again, counting responses", async () => {
    const store = new MemoryDedupeStore();
    const seen: Array<{ key: string; redelivered: boolean; ordinals: number[] }> = [];
    const task = (fail: boolean) => async () => {
      const attempt = currentAttempt() as ActionAttempt;
      seen.push({
        key: attempt.key,
        redelivered: attempt.redelivered,
        ordinals: [attempt.nextResponse(), attempt.nextResponse()],
      });
      if (fail) throw new Error("send failed");
    };
    await expect(runOnce(store, ["event:1", "message:1"], 500, task(true))).rejects.toThrow();
    // Redelivered under another event id (a cross-pod duplicate): the message key ran before.
    await runOnce(store, ["event:2", "message:1"], 500, task(false));
    expect(seen).toEqual([
      { key: "message:1", redelivered: false, ordinals: [0, 1] },
      { key: "message:1", redelivered: true, ordinals: [0, 1] },
    ]);
    expect(currentAttempt()).toBeUndefined();
  });

  it("an async store's answer is read the same way", async () => {
    const inner = new MemoryDedupeStore();
    const store: DedupeStore = {
      claim: async (key, leaseMs) => inner.claim(key, leaseMs),
      renew: async (key, leaseMs) => inner.renew(key, leaseMs),
      complete: async (key) => inner.complete(key),
      release: async (key) => inner.release(key),
    };
    const redelivered: boolean[] = [];
    const task = async () => {
      redelivered.push(currentAttempt()?.redelivered ?? false);
      throw new Error("no");
    };
    await expect(runOnce(store, ["k"], 500, task)).rejects.toThrow();
    await expect(runOnce(store, ["k"], 500, task)).rejects.toThrow();
    expect(redelivered).toEqual([false, true]);
  });

  it("without keys, no attempt: nothing to name the action by across runs", async () => {
    const store = new MemoryDedupeStore();
    await runOnce(store, [], 500, async () => {
      expect(currentAttempt()).toBeUndefined();
    });
  });
});

describe("runOnce completes an action's keys", () => {
  /** An async store (as a shared one) with the one-step calls, logging each call it gets. */
  function loggingStore() {
    const inner = new MemoryDedupeStore();
    const calls: string[] = [];
    const store: DedupeStore = {
      claim: async (key, leaseMs) => inner.claim(key, leaseMs),
      renew: async (key, leaseMs) => inner.renew(key, leaseMs),
      complete: async (key) => inner.complete(key),
      release: async (key) => {
        calls.push(`release ${key}`);
        inner.release(key);
      },
      claimAll: async (keys, leaseMs) => {
        calls.push(`claimAll ${keys.join(" ")}`);
        const answers = keys.map((key) => inner.claim(key, leaseMs));
        return (
          answers.find((a) => a === "done" || a === "held") ?? (answers.includes("again") ? "again" : "first")
        );
      },
      completeAll: async (keys) => {
        calls.push(`completeAll ${keys.join(" ")}`);
        for (const key of keys) inner.complete(key);
      },
    };
    return { store, calls, inner };
  }

  it("in one step each on a store that can, and once only when the task completed them early", async () => {
    const { store, calls, inner } = loggingStore();
    const once = await runOnce(store, ["event:1", "message:1"], 500, async (complete) => {
      await complete();
      // Done before the task returns: whatever it still does on its way out goes after.
      expect(inner.claim("message:1", 500)).toBe("done");
      return "answered";
    });
    expect(once).toEqual({ ran: true, result: "answered" });
    expect(calls).toEqual(["claimAll event:1 message:1", "completeAll event:1 message:1"]);
  });

  it("a task that fails after completing leaves its keys done: its redelivery is a duplicate", async () => {
    const { store, inner } = loggingStore();
    await expect(
      runOnce(store, ["event:2", "message:2"], 500, async (complete) => {
        void complete();
        throw new Error("the end of the turn failed");
      }),
    ).rejects.toThrow("the end of the turn failed");
    expect(inner.claim("event:2", 500)).toBe("done");
    expect(inner.claim("message:2", 500)).toBe("done");
  });

  it("a task that fails before completing releases its keys: its redelivery runs again", async () => {
    const { store, calls, inner } = loggingStore();
    await expect(
      runOnce(store, ["event:3", "message:3"], 500, async () => {
        throw new Error("no");
      }),
    ).rejects.toThrow("no");
    expect(calls).toEqual(["claimAll event:3 message:3", "release event:3", "release message:3"]);
    expect(inner.claim("message:3", 500)).toBe("again");
  });
});

describe("runOnce keeps its claims while the task runs", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  // A live action can wait for its conversation's turn (behind a dead instance's event) or work
  // longer than its lease. Were its claim to run out meanwhile, the platform's redelivery of its
  // unacknowledged event would claim it "again" and run it alongside: two answers.
  it("a task outlasting its lease keeps its keys held; once it ends, nothing renews them", async () => {
    vi.useFakeTimers();
    const store = new MemoryDedupeStore(); // its clock is the faked Date.now
    let finish!: () => void;
    const running = runOnce(
      store,
      ["event:1", "message:1"],
      300,
      () =>
        new Promise<string>((resolve) => {
          finish = () => resolve("answered");
        }),
    );
    await vi.advanceTimersByTimeAsync(3 * 300);
    expect(store.claim("event:1", 300)).toBe("held");
    expect(store.claim("message:1", 300)).toBe("held");
    finish();
    await expect(running).resolves.toEqual({ ran: true, result: "answered" });
    expect(store.claim("message:1", 300)).toBe("done");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a task still unfinished after ten leases is taken for stuck: its keys run out a lease later", async () => {
    vi.useFakeTimers();
    const store = new MemoryDedupeStore();
    void runOnce(store, ["k"], 300, () => new Promise<never>(() => undefined));
    await vi.advanceTimersByTimeAsync(10 * 300);
    expect(store.claim("k", 300)).toBe("held");
    await vi.advanceTimersByTimeAsync(2 * 300);
    expect(store.claim("k", 300)).toBe("again"); // the redelivery runs it elsewhere
  });

  it("a task that fails stops renewing too: its keys are released for the redelivery", async () => {
    vi.useFakeTimers();
    const store = new MemoryDedupeStore();
    const running = runOnce(store, ["k"], 300, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      throw new Error("pod away");
    });
    const settled = expect(running).rejects.toThrow("pod away");
    await vi.advanceTimersByTimeAsync(1000);
    await settled;
    expect(vi.getTimerCount()).toBe(0);
    expect(store.claim("k", 300)).toBe("again");
  });
});

describe("a bot's adapter sees the attempt while sending", () => {
  it("the redelivery of a failed action is marked, and its responses are numbered again from 0", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("two", async ({ reply }) => {
      await reply("one");
      return "two";
    });
    const chat = testChat(bot);
    const platform = chat.platform!;
    const send = platform.send.bind(platform);
    // The in-memory platform numbers its responses with the attempt (as the Symphony adapter
    // does), so this wrapper only looks: each send's attempt, and the platform's send id after it.
    const sends: Array<{ text: string; key?: string; redelivered?: boolean; sendId?: string }> = [];
    let failSecond = true;
    platform.send = async (response) => {
      const attempt = currentAttempt();
      const entry: (typeof sends)[number] = {
        text: response.kind,
        ...(attempt && { key: attempt.key, redelivered: attempt.redelivered }),
      };
      sends.push(entry);
      expect(currentAction()?.eventId).toBe(action.eventId);
      if (sends.length === 2 && failSecond) {
        failSecond = false;
        throw new Error("pod unavailable");
      }
      const before = platform.sentCount;
      await send(response);
      if (platform.sentCount > before)
        entry.sendId = (platform.transcript.at(-1) as { sendId?: string } | undefined)?.sendId;
    };
    const ann = chat.user("ann");
    const action = platform.message(ann, ann, "two");
    await expect(platform.deliver(action)).rejects.toMatchObject({ code: DELIVERY_FAILED });
    await expect(platform.deliver(action)).resolves.toMatchObject({ status: "command" });
    const key = sends[0]!.key;
    expect(sends.map(({ redelivered, sendId }) => ({ redelivered, sendId }))).toEqual([
      { redelivered: false, sendId: `${key}#0` },
      { redelivered: false, sendId: undefined },
      // The redelivery numbers its responses from 0 again: the first was delivered, not sent twice.
      { redelivered: true, sendId: undefined },
      { redelivered: true, sendId: `${key}#1` },
    ]);
    expect(new Set(sends.map((s) => s.key)).size).toBe(1);
  });
});

describe("runOnce with a claim of its own (a shared order's ticket claiming with its turn)", () => {
  it("claims through it, answering as the store would: refused, it does not run; taken, it runs and completes", async () => {
    const store = new MemoryDedupeStore(10);
    const claimed: string[][] = [];
    const claim = (keys: readonly string[], leaseMs: number) => {
      claimed.push([...keys]);
      return Promise.resolve(store.claim(keys[0]!, leaseMs));
    };
    const task = vi.fn(async () => "ran");
    await expect(runOnce(store, ["k"], 1_000, task, claim)).resolves.toEqual({ ran: true, result: "ran" });
    await expect(runOnce(store, ["k"], 1_000, task, claim)).resolves.toEqual({ ran: false, refused: "done" });
    expect(task).toHaveBeenCalledTimes(1);
    expect(claimed).toEqual([["k"], ["k"]]);
  });

  it("one that cannot claim in this store (undefined) leaves the claim to the store", async () => {
    const store = new MemoryDedupeStore(10);
    store.claim("held", 1_000);
    const once = await runOnce(
      store,
      ["held"],
      1_000,
      async () => "ran",
      () => undefined,
    );
    expect(once).toEqual({ ran: false, refused: "held" });
  });
});
