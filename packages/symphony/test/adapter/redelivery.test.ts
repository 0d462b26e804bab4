/**
 * No answer doubled across a redelivery: send ids derived from the action, and a lookup before
 * the first attempt only when the action ran before. The edge (the agent's message API) is an
 * in-memory fake that stores what it is sent and fails on cue; `OnceSender` is the real one.
 */
import { createBot, silentLogger } from "@sprig/core";
import { describe, expect, it, vi } from "vitest";
import {
  type ListMessagesOptions,
  OnceSender,
  type OutgoingMessage,
  SymphonyError,
  SymphonyHttpError,
  sendIdFor,
  sendIdOf,
  toUrlSafeId,
  type V4Message,
} from "../../src/index.ts";
import { ANN, BOT as BOT_ID, textOf } from "./emulated-pod.ts";
import { adapterOnPod } from "./support/adapter-on-pod.ts";
import { Counter, countOf, pressAddOne } from "./support/counter-bot.ts";

const BOT = 2001;
const CREATE = "/agent/v4/stream/*/message/create";
const LIST = "/agent/v4/stream/*/message";
const STREAM = "s1";
const RETRY = { maxAttempts: 3, initialIntervalMillis: 1, multiplier: 2, maxIntervalMillis: 4 };

type Fault = "drop-before" | "drop-after" | 503 | 400;

/** The agent's message calls over a list of stored messages, with faults queued per call. */
class FakeMessages {
  readonly stored: V4Message[] = [];
  readonly calls: string[] = [];
  readonly listed: ListMessagesOptions[] = [];
  readonly faults: { send: Fault[]; update: Fault[]; list: Fault[] } = { send: [], update: [], list: [] };
  #ids = 0;

  constructor(private readonly now: () => number) {}

  async send(streamId: string, message: OutgoingMessage): Promise<V4Message> {
    this.calls.push("send");
    return this.#store(this.faults.send.shift(), streamId, message);
  }

  async update(streamId: string, messageId: string, message: OutgoingMessage): Promise<V4Message> {
    this.calls.push(`update ${messageId}`);
    const fault = this.faults.update.shift();
    const original = this.stored.find((m) => m.messageId === messageId);
    if (!original) throw httpError(404);
    if (original.replacedBy) throw httpError(400);
    const stored = await this.#store(fault, streamId, message, () => {
      original.replacedBy = `m${this.#ids}`;
    });
    return stored;
  }

  async list(streamId: string, options: ListMessagesOptions): Promise<V4Message[]> {
    this.calls.push("list");
    this.listed.push(options);
    const fault = this.faults.list.shift();
    if (fault === 503) throw httpError(503);
    const inStream = this.stored.filter(
      (m) => m.stream?.streamId === streamId && (m.timestamp ?? 0) >= options.since && !m.replacedBy,
    );
    const skip = options.skip ?? 0;
    return inStream.slice(skip, skip + (options.limit ?? 50));
  }

  /** A message posted by someone (the bot itself by default) before the test's sends. */
  post(text: string, data?: unknown, userId = BOT): V4Message {
    const message = this.#record(STREAM, { message: text, data }, userId);
    return message;
  }

  async #store(
    fault: Fault | undefined,
    streamId: string,
    message: OutgoingMessage,
    onStored?: () => void,
  ): Promise<V4Message> {
    if (fault === "drop-before") throw networkError();
    if (fault === 503) throw httpError(503);
    if (fault === 400) throw httpError(400);
    const record = this.#record(streamId, message, BOT);
    onStored?.();
    if (fault === "drop-after") throw networkError();
    return record;
  }

  #record(streamId: string, message: OutgoingMessage, userId: number): V4Message & { replacedBy?: string } {
    const record = {
      messageId: `m${++this.#ids}`,
      message: message.message,
      ...(message.data === undefined ? {} : { data: JSON.stringify(message.data) }),
      stream: { streamId },
      user: { userId },
      timestamp: this.now(),
    };
    this.stored.push(record);
    return record;
  }
}

function httpError(status: number): SymphonyHttpError {
  const code = status >= 500 ? "HTTP_SERVER_ERROR" : "HTTP_CLIENT_ERROR";
  return new SymphonyHttpError(code, status, "test", undefined, undefined);
}

function networkError(): SymphonyError {
  return new SymphonyError("HTTP_NETWORK_ERROR", "the connection dropped");
}

function setup() {
  let now = 1_000_000;
  const clock = {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
  const messages = new FakeMessages(() => now);
  const sender = new OnceSender({
    messages,
    retry: RETRY,
    botUserId: BOT,
    clock,
    clockSkewMs: 1000,
    newSendId: () => "random",
  });
  const botTexts = () =>
    messages.stored.filter((m) => !("replacedBy" in m && m.replacedBy)).map((m) => m.message);
  return {
    messages,
    sender,
    botTexts,
    advance: (ms: number) => {
      now += ms;
    },
    now: () => now,
  };
}

describe("send ids derived from the action", () => {
  it("the same action and ordinal give the same id; any other action, ordinal or bot another", () => {
    const id = sendIdFor("2001", "symphony:message:abc", 0);
    expect(sendIdFor("2001", "symphony:message:abc", 0)).toBe(id);
    const others = [
      sendIdFor("2001", "symphony:message:abc", 1),
      sendIdFor("2001", "symphony:message:abd", 0),
      sendIdFor("2002", "symphony:message:abc", 0),
      sendIdFor("2001", "symphony:event:abc", 0),
    ];
    expect(new Set([id, ...others]).size).toBe(5);
  });

  it("are short and safe in URLs and JSON, whatever the key holds", () => {
    for (const key of ["symphony:message:a/b+c==", 'quote " and \\ and \n', "x".repeat(500), ""]) {
      const id = sendIdFor("2001", key, 7);
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(encodeURIComponent(id)).toBe(id);
    }
  });
});

describe("OnceSender: a redelivered action's messages are looked for before they are posted", () => {
  it("a first run costs one create and no lookup", async () => {
    const { messages, sender } = setup();
    const sent = await sender.send(STREAM, { message: "hi" }, { sendId: "id-0", since: 999_000 });
    expect(messages.calls).toEqual(["send"]);
    expect(sendIdOf(sent.data)).toBe("id-0");
  });

  it("on a redelivery, a message its earlier run posted is found and not posted again", async () => {
    const { messages, sender, botTexts, advance } = setup();
    const eventTime = 999_500;
    // The earlier run: response 0 landed, then it failed (response 1 never went out).
    await sender.send(STREAM, { message: "first answer" }, { sendId: "a0", since: eventTime });
    advance(30_000); // the datafeed redelivers later
    messages.calls.length = 0;
    const plan = { since: eventTime, ranBefore: true };
    const found = await sender.send(STREAM, { message: "first answer" }, { ...plan, sendId: "a0" });
    await sender.send(STREAM, { message: "second answer" }, { ...plan, sendId: "a1" });
    expect(botTexts()).toEqual(["first answer", "second answer"]);
    expect(found.messageId).toBe("m1");
    expect(messages.calls).toEqual(["list", "list", "send"]);
    // Looked for from the event's time (less the skew allowance), not from the redelivery's.
    expect(messages.listed[0]?.since).toBe(eventTime - 1000);
  });

  it("the id decides: another message of the bot in the stream is not taken for this one", async () => {
    const { messages, sender, botTexts } = setup();
    messages.post("same text, another send", { sprigSend: { type: "sprig.send", version: "1.0", id: "zz" } });
    await sender.send(STREAM, { message: "mine" }, { sendId: "a0", since: 0, ranBefore: true });
    expect(botTexts()).toEqual(["same text, another send", "mine"]);
  });

  it("someone else's message carrying the id is not the bot's", async () => {
    const { messages, sender, botTexts } = setup();
    messages.post("forged", { sprigSend: { type: "sprig.send", version: "1.0", id: "a0" } }, 1001);
    await sender.send(STREAM, { message: "mine" }, { sendId: "a0", since: 0, ranBefore: true });
    expect(botTexts()).toEqual(["forged", "mine"]);
  });

  it("the lookup before a redelivered send fails: nothing is posted (the action fails, to come again)", async () => {
    const { messages, sender } = setup();
    messages.faults.list.push(503);
    await expect(
      sender.send(STREAM, { message: "x" }, { sendId: "a0", since: 0, ranBefore: true }),
    ).rejects.toMatchObject({ status: 503 });
    expect(messages.calls).toEqual(["list"]);
  });

  it("the lookup is bounded: at most 20 pages of 100", async () => {
    const { messages, sender } = setup();
    for (let i = 0; i < 2500; i++) messages.post(`old ${i}`);
    await sender.send(STREAM, { message: "x" }, { sendId: "a0", since: 0, ranBefore: true });
    expect(messages.calls.filter((c) => c === "list")).toHaveLength(20);
    expect(messages.calls.at(-1)).toBe("send");
  });

  it("hole 2: an ambiguous failure whose lookup failed, then the redelivery: found by the same id", async () => {
    const { messages, sender, botTexts } = setup();
    messages.faults.send.push("drop-after");
    messages.faults.list.push(503);
    const plan = { sendId: sendIdFor("2001", "symphony:message:m-9", 0), since: 999_000 };
    await expect(sender.send(STREAM, { message: "answer" }, plan)).rejects.toMatchObject({ status: 503 });
    // The redelivery derives the same id, and looks first.
    await sender.send(STREAM, { message: "answer" }, { ...plan, ranBefore: true });
    expect(botTexts()).toEqual(["answer"]);
  });
});

describe("OnceSender: a form updated in place is never applied twice", () => {
  it("an update whose answer was lost after the pod applied it is found, not retried", async () => {
    const { messages, sender, botTexts } = setup();
    const form = messages.post("form v1");
    messages.faults.update.push("drop-after");
    const updated = await sender.update(STREAM, form.messageId!, { message: "form v2" }, { sendId: "u0" });
    expect(messages.calls.filter((c) => c.startsWith("update"))).toHaveLength(1);
    expect(botTexts()).toEqual(["form v2"]);
    expect(sendIdOf(updated.data)).toBe("u0");
  });

  it("an update lost before the pod applied it is looked for, then sent again — once", async () => {
    const { messages, sender, botTexts } = setup();
    const form = messages.post("form v1");
    messages.faults.update.push("drop-before", 503);
    await sender.update(STREAM, form.messageId!, { message: "form v2" }, { sendId: "u0" });
    expect(messages.calls.filter((c) => c.startsWith("update"))).toHaveLength(3);
    expect(messages.calls.filter((c) => c === "list")).toHaveLength(2);
    expect(botTexts()).toEqual(["form v2"]);
  });

  it("a redelivered press whose update landed before: found first, the update is not tried", async () => {
    const { messages, sender, botTexts } = setup();
    const form = messages.post("form v1");
    await sender.update(STREAM, form.messageId!, { message: "form v2" }, { sendId: "u0", since: 0 });
    messages.calls.length = 0;
    await sender.update(
      STREAM,
      form.messageId!,
      { message: "form v2" },
      { sendId: "u0", since: 0, ranBefore: true },
    );
    expect(messages.calls).toEqual(["list"]);
    expect(botTexts()).toEqual(["form v2"]);
  });

  it("refused as already replaced — by our own earlier run: found, done", async () => {
    const { messages, sender, botTexts } = setup();
    const form = messages.post("form v1");
    await sender.update(STREAM, form.messageId!, { message: "form v2" }, { sendId: "u0", since: 0 });
    // A redelivery this process did not know of (another instance, a restart): no lookup first.
    await sender.update(STREAM, form.messageId!, { message: "form v2" }, { sendId: "u0", since: 0 });
    expect(botTexts()).toEqual(["form v2"]);
  });

  it("refused, and not by our own update: the refusal stands", async () => {
    const { messages, sender } = setup();
    const form = messages.post("form v1");
    await sender.update(STREAM, form.messageId!, { message: "someone's v2" }, { sendId: "other", since: 0 });
    await expect(
      sender.update(STREAM, form.messageId!, { message: "form v2" }, { sendId: "u0", since: 0 }),
    ).rejects.toMatchObject({ status: 400 });
  });
});

describe("the adapter: an action's answer completed on its redelivery, nothing doubled", () => {
  const { pod, start, steady } = adapterOnPod();

  /** The bot's texts in a stream once nothing more comes (a redelivery is 300 ms away). */
  async function settledTexts(streamId: string, count: number): Promise<string[]> {
    await pod.botMessages(streamId, count);
    await new Promise((resolve) => setTimeout(resolve, 800));
    return (await pod.messages(streamId))
      .filter((m) => m.user.userId === BOT_ID)
      .map((m) => textOf(m.message));
  }

  it("two answers, the second refused on every attempt: after the redelivery each shows once", async () => {
    const bot = createBot({ logger: silentLogger });
    let runs = 0;
    bot.command("two", async ({ reply }) => {
      runs++;
      await reply("one");
      // The second create fails on each of the 3 attempts the config allows: the action fails.
      if (runs === 1)
        await pod.dev("POST", "/faults", { method: "POST", path: CREATE, status: 503, times: 3 });
      return "two";
    });
    const adapter = await start(bot);
    await steady(); // an event after the start: not an earlier process's, its first run looks nothing up
    const list = vi.spyOn(adapter.connection.messages, "list");
    const said = await pod.say(pod.annIm, ANN, "two");
    expect(await settledTexts(pod.annIm, 2)).toEqual(["one", "two"]);
    expect(runs).toBe(2);
    // Three lookups after the 503s of the first run, and one per answer on the redelivery.
    expect(list).toHaveBeenCalledTimes(3 + 2);
    // Named by the message and the answer's number: "one" posted by the first run, "two" by the second.
    const key = `symphony:message:${toUrlSafeId(said.messageId)}`;
    const [one, two] = (await pod.messages(pod.annIm)).filter((m) => m.user.userId === BOT_ID);
    expect(sendIdOf(one!.data)).toBe(sendIdFor(String(BOT_ID), key, 0));
    expect(sendIdOf(two!.data)).toBe(sendIdFor(String(BOT_ID), key, 1));
  });

  it("a first run makes no lookup: one create per answer", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("two", async ({ reply }) => {
      await reply("one");
      return "two";
    });
    const adapter = await start(bot);
    await steady(); // an event after the start: not an earlier process's, its first run looks nothing up
    const list = vi.spyOn(adapter.connection.messages, "list");
    const create = vi.spyOn(adapter.connection.messages, "send");
    await pod.say(pod.annIm, ANN, "two");
    expect(await settledTexts(pod.annIm, 2)).toEqual(["one", "two"]);
    expect(list).not.toHaveBeenCalled();
    expect(create).toHaveBeenCalledTimes(2);
  });

  it("hole 2: the answer stored, its reply lost, the lookup failing for good: one copy after the redelivery", async () => {
    const bot = createBot({ logger: silentLogger });
    let runs = 0;
    bot.command("once", () => `answer ${++runs}`);
    await start(bot);
    await steady();
    await pod.dev("POST", "/faults", { method: "POST", path: CREATE, dropAfter: true });
    await pod.dev("POST", "/faults", { method: "GET", path: LIST, status: 503, times: 3 });
    await pod.say(pod.annIm, ANN, "once");
    // The handler ran twice; the person sees the first run's answer, once.
    expect(await settledTexts(pod.annIm, 1)).toEqual(["answer 1"]);
    expect(runs).toBe(2);
  });
});

const UPDATE = "/agent/v4/stream/*/message/*/update";

describe("the adapter: a form updated in place is replaced once", () => {
  const { pod, start } = adapterOnPod();

  /** A counter form in ann's 1:1 whose "inc" replaces it; `after` runs once the update is sent. */
  async function counterBot(after: (runs: number) => Promise<unknown> = async () => undefined) {
    const bot = createBot({ logger: silentLogger });
    let runs = 0;
    bot.command("new", () => Counter.create({ count: 0 }));
    bot.button(Counter, "inc", { text: "Add one" }, async ({ work, reply }) => {
      runs++;
      await reply(Counter.create({ count: (work?.count ?? -100) + 1 }));
      return after(runs);
    });
    await start(bot, { updateFormInPlace: true });
    await pod.say(pod.annIm, ANN, "/new");
    const [form] = await pod.botMessages(pod.annIm, 1);
    return { form: form!, runs: () => runs };
  }

  const press = (formMessageId: string) => pressAddOne(pod, pod.annIm, formMessageId, ANN);

  /** The bot's messages in ann's 1:1 (the listing shows the latest version of each) once settled. */
  async function settled(until: (texts: PodTexts) => boolean): Promise<PodTexts> {
    for (let i = 0; i < 250; i++) {
      const now = await botTexts();
      if (until(now)) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 800));
    return botTexts();
  }

  type PodTexts = Array<{ id: string; count?: number; text: string }>;
  async function botTexts(): Promise<PodTexts> {
    return (await pod.messages(pod.annIm))
      .filter((m) => m.user.userId === BOT_ID)
      .map((m) => {
        const count = countOf(m);
        return { id: m.messageId, text: textOf(m.message), ...(count === undefined ? {} : { count }) };
      });
  }

  it("the update's answer lost after the pod applied it: found, not applied again, no error shown", async () => {
    const { form } = await counterBot();
    await pod.dev("POST", "/faults", { method: "POST", path: UPDATE, dropAfter: true });
    await press(form.messageId);
    const after = await settled((texts) => texts[0]?.id !== form.messageId);
    expect(after.map((t) => t.count)).toEqual([1]);
    expect(after[0]!.id).not.toBe(form.messageId);
  });

  it("the press redelivered after the update landed (a later answer failed): the update is not tried again", async () => {
    const { form, runs } = await counterBot(async (run) => {
      // Fails on every attempt on the first run only: the action fails after its update landed.
      if (run === 1)
        await pod.dev("POST", "/faults", { method: "POST", path: CREATE, status: 503, times: 3 });
      return "counted";
    });
    await press(form.messageId);
    const after = await settled((texts) => texts.length === 2);
    expect(after.map((t) => t.count ?? t.text)).toEqual([1, "counted"]);
    expect(runs()).toBe(2);
  });
});
