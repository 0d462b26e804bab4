import { createBot, silentLogger } from "@sprig/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  OnceSender,
  SEND_ID_KEY,
  SymphonyConnection,
  sendIdFor,
  sendIdOf,
  silentLogger as silentPino,
  storedMessage,
  toUrlSafeId,
  withSendId,
} from "../../src/index.ts";
import { ANN, BOT, type EmulatedPod, emulatedPod, textOf } from "./emulated-pod.ts";
import { adapterOnPod } from "./support/adapter-on-pod.ts";
import { Counter } from "./support/counter-bot.ts";

const CREATE = "/agent/v4/stream/*/message/create";
const LIST = "/agent/v4/stream/*/message";

describe("OnceSender: a message is posted exactly once, even when the pod's answer is lost", () => {
  let pod: EmulatedPod;
  let connection: SymphonyConnection;

  beforeEach(async () => {
    pod = await emulatedPod();
    connection = new SymphonyConnection(pod.config, { logger: silentPino() });
    await connection.start();
  });
  afterEach(async () => {
    await connection.close();
    await pod.close();
  });

  function sender(ids: string[] = ["send-1", "send-2", "send-3"]) {
    const next = [...ids];
    return new OnceSender({
      messages: connection.messages,
      retry: pod.config.retry,
      botUserId: BOT,
      newSendId: () => next.shift() ?? "send-x",
    });
  }

  async function botMessagesNow(streamId: string) {
    return (await pod.messages(streamId)).filter((m) => m.user.userId === BOT);
  }

  const fault = (spec: Record<string, unknown>) => pod.dev("POST", "/faults", spec);

  it("dropped after the pod stored it: found by its send id, not posted again", async () => {
    await fault({ method: "POST", path: CREATE, dropAfter: true });
    const create = vi.spyOn(connection.messages, "send");
    const sent = await sender().send(pod.annIm, { message: "hello once" });
    expect(create).toHaveBeenCalledTimes(1);
    const stored = await botMessagesNow(pod.annIm);
    expect(stored).toHaveLength(1);
    expect(textOf(stored[0]!.message)).toBe("hello once");
    expect(sendIdOf(stored[0]!.data)).toBe("send-1");
    // The message found stands for the lost answer.
    expect(sent.messageId).toBe(stored[0]!.messageId);
  });

  it("dropped before the pod stored it: looked up, not there, posted again — once", async () => {
    await fault({ method: "POST", path: CREATE, drop: true });
    const create = vi.spyOn(connection.messages, "send");
    const list = vi.spyOn(connection.messages, "list");
    await sender().send(pod.annIm, { message: "hello again" });
    expect(create).toHaveBeenCalledTimes(2);
    expect(list).toHaveBeenCalledTimes(1);
    const stored = await botMessagesNow(pod.annIm);
    expect(stored.map((m) => textOf(m.message))).toEqual(["hello again"]);
    // The retry is the same send: same id.
    expect(sendIdOf(stored[0]!.data)).toBe("send-1");
  });

  it("a 5xx is ambiguous too: looked up before the create is tried again", async () => {
    await fault({ method: "POST", path: CREATE, status: 502, times: 2 });
    const list = vi.spyOn(connection.messages, "list");
    await sender().send(pod.annIm, { message: "through the gateway" });
    expect(list).toHaveBeenCalledTimes(2);
    expect(await botMessagesNow(pod.annIm)).toHaveLength(1);
  });

  it("a 429 is not ambiguous: retried by the REST client with no lookup", async () => {
    await fault({ method: "POST", path: CREATE, status: 429, headers: { "Retry-After": "0" } });
    const list = vi.spyOn(connection.messages, "list");
    await sender().send(pod.annIm, { message: "slowly" });
    expect(list).not.toHaveBeenCalled();
    expect(await botMessagesNow(pod.annIm)).toHaveLength(1);
  });

  it("the lookup itself fails: it is retried with backoff, and the message is never posted twice", async () => {
    await fault({ method: "POST", path: CREATE, dropAfter: true });
    // Two of the three attempts the test config allows.
    await fault({ method: "GET", path: LIST, drop: true });
    await fault({ method: "GET", path: LIST, status: 503 });
    const create = vi.spyOn(connection.messages, "send");
    await sender().send(pod.annIm, { message: "looked up twice" });
    expect(create).toHaveBeenCalledTimes(1);
    expect(await botMessagesNow(pod.annIm)).toHaveLength(1);
  });

  it("the lookup fails for good: the send fails (to be redelivered), it does not post blindly", async () => {
    await fault({ method: "POST", path: CREATE, dropAfter: true });
    await fault({ method: "GET", path: LIST, status: 503, times: 3 });
    const create = vi.spyOn(connection.messages, "send");
    await expect(sender().send(pod.annIm, { message: "unknown fate" })).rejects.toMatchObject({
      code: "HTTP_SERVER_ERROR",
    });
    expect(create).toHaveBeenCalledTimes(1);
    expect(await botMessagesNow(pod.annIm)).toHaveLength(1);
  });

  it("another send's message in the stream is not taken for this one", async () => {
    await sender(["other"]).send(pod.annIm, { message: "earlier" });
    await fault({ method: "POST", path: CREATE, drop: true });
    await sender(["mine"]).send(pod.annIm, { message: "mine" });
    const stored = await botMessagesNow(pod.annIm);
    expect(stored.map((m) => sendIdOf(m.data))).toEqual(["other", "mine"]);
  });

  it("every attempt lost before the store: fails after the configured attempts, nothing posted", async () => {
    await fault({ method: "POST", path: CREATE, drop: true, times: 3 });
    const create = vi.spyOn(connection.messages, "send");
    await expect(sender().send(pod.annIm, { message: "never" })).rejects.toMatchObject({
      code: "HTTP_NETWORK_ERROR",
    });
    expect(create).toHaveBeenCalledTimes(3);
    expect(await botMessagesNow(pod.annIm)).toHaveLength(0);
  });
});

describe("the send id in data", () => {
  it("is added under its reserved key without changing the caller's data", () => {
    const data = { form: { type: "counter", version: "1.0", count: 1 } };
    const withId = withSendId(data, "abc");
    expect(data).not.toHaveProperty(SEND_ID_KEY);
    expect(withId).toEqual({ ...data, [SEND_ID_KEY]: { type: "sprig.send", version: "1.0", id: "abc" } });
    expect(sendIdOf(JSON.stringify(withId))).toBe("abc");
    expect(sendIdOf("not json")).toBeUndefined();
    expect(sendIdOf(JSON.stringify({ [SEND_ID_KEY]: { type: "other", id: "abc" } }))).toBeUndefined();
  });

  it("is never taken for a work object by history", () => {
    const message = { messageId: "m1", stream: { streamId: "s1" }, timestamp: 1 };
    expect(storedMessage({ ...message, data: JSON.stringify(withSendId(undefined, "x")) })).toBeUndefined();
    const work = { form: { type: "counter", version: "1.0", count: 1 } };
    const stored = storedMessage({ ...message, data: JSON.stringify(withSendId(work, "x")) });
    expect(stored?.works).toEqual([work.form]);
  });
});

describe("the adapter's sends, with the answer of a create lost", () => {
  const { pod, start } = adapterOnPod();

  it("the reply is posted once, history holds it once, and its form still works", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("new", () => Counter.create({ count: 1 }));
    bot.command("inc", async ({ history }) => {
      const { items } = await history.all(Counter);
      const latest = await history.latest(Counter);
      return `${items.length} counter(s), latest ${latest?.count}`;
    });
    let n = 0;
    await start(bot, { newSendId: () => `id-${++n}` });
    await pod.dev("POST", "/faults", { method: "POST", path: CREATE, dropAfter: true });
    const said = await pod.say(pod.annIm, ANN, "new");
    await pod.botMessages(pod.annIm, 1);
    await pod.say(pod.annIm, ANN, "inc");
    const answers = await pod.botMessages(pod.annIm, 2);
    // Let a stray second post (the bug) show up before counting.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = (await pod.messages(pod.annIm)).filter((m) => m.user.userId === BOT);
    expect(after).toHaveLength(2);
    // An action's answer is named by the action (not by `newSendId`): the same on a redelivery.
    const key = `symphony:message:${toUrlSafeId(said.messageId)}`;
    expect(sendIdOf(answers[0]!.data)).toBe(sendIdFor(String(BOT), key, 0));
    expect(n).toBe(0);
    expect(textOf(answers[1]!.message)).toBe("1 counter(s), latest 1");
  });
});
