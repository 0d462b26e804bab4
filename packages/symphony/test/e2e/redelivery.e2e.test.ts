/**
 * No answer doubled across a datafeed redelivery, end to end: the real adapter on the emulator,
 * faults injected through its dev API so that an action fails after part of its answer landed,
 * its batch is not acknowledged and the datafeed hands it over again. The person must then see
 * each answer exactly once — counted in the pod after the redelivery had its chance.
 */
import { createBot, toPlainText } from "@sprig/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type E2eChat, startE2eChat } from "./support/e2e-chat.ts";
import { BOT_ID, FAST_RETRY } from "./support/test-pod.ts";

const VISIBILITY_MS = 600;
const SETTLE_MS = 2 * VISIBILITY_MS + 200;
const CREATE = "/agent/v4/stream/*/message/create";
const LIST = "/agent/v4/stream/*/message";

let e2e: E2eChat | undefined;
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

const textOf = (presentationML: string) => presentationML.replace(/<[^>]*>/g, "").trim();

async function start(bot: Parameters<typeof startE2eChat>[0]): Promise<E2eChat> {
  e2e = await startE2eChat(bot, {
    datafeed: { visibilityTimeoutMs: VISIBILITY_MS, longPollMs: 100 },
    // The emulator shares our clock: an event after the start makes no lookup on its first run.
    adapter: { clockSkewMs: 0 },
  });
  // Events stamped before the pod's clock at the first read's answer (whole seconds, so + 1 s) may
  // be an earlier process's and are looked up before a first run (see ProcessStart). These tests
  // count lookups and their faults from the steady state: once a second read goes out the first
  // was answered, and a second later (the Date header's whole seconds) the line is behind us.
  const reads = vi.spyOn(e2e.running.connection.datafeed, "readV2");
  await vi.waitUntil(() => reads.mock.calls.length > 0, { timeout: 10_000 });
  reads.mockRestore();
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  return e2e;
}

/** What alice says in her 1:1 with the bot, and a way to read what the bot answered there. */
async function aliceIm(chat: E2eChat) {
  const alice = chat.pod.personId("alice");
  const stream = await chat.pod.dev.createIm([alice, BOT_ID]);
  return {
    say: (text: string) => chat.pod.dev.postText(stream, alice, text),
    /** The bot's answers, once `count` are there and `SETTLE_MS` more have passed. */
    answers: async (count: number): Promise<string[]> => {
      const read = async () =>
        (await chat.pod.dev.messages(stream))
          .filter((m) => m.user.userId === BOT_ID)
          .map((m) => textOf(m.message));
      const deadline = Date.now() + 20_000;
      while ((await read()).length < count && Date.now() < deadline) await sleep(50);
      await sleep(SETTLE_MS);
      return read();
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A bot answering every message in two parts ("first: …", "second: …"). The first message that
 * `failsOn` picks has every attempt of its second create refused (the config allows 10): the action
 * fails, its batch is not acknowledged, and the datafeed redelivers it once the visibility times out.
 */
function twoPartBot(failsOn: (said: string) => boolean) {
  const bot = createBot({ help: false });
  let runs = 0;
  let armed = false;
  bot.fallback(async ({ message, reply }) => {
    runs++;
    const said = toPlainText(message);
    await reply(`first: ${said}`);
    if (failsOn(said) && !armed) {
      armed = true;
      await e2e!.pod.dev.addFault({
        method: "POST",
        path: CREATE,
        status: 503,
        times: FAST_RETRY.maxAttempts,
      });
    }
    return `second: ${said}`;
  });
  return { bot, runs: () => runs };
}

describe("redelivery end to end: each answer lands exactly once", () => {
  it("an answer in two messages, the second refused on every attempt: redelivered, each shows once", async () => {
    const { bot, runs } = twoPartBot(() => true);
    const chat = await start(bot);
    const im = await aliceIm(chat);
    await im.say("two answers");
    expect(await im.answers(2)).toEqual(["first: two answers", "second: two answers"]);
    expect(runs()).toBe(2);
    expect(await chat.pod.dev.faults()).toEqual([]);
  });

  it("the answer stored but its reply lost, and the lookup failing for good: one copy after the redelivery", async () => {
    const bot = createBot({ help: false });
    let runs = 0;
    bot.fallback(({ message }) => `echo ${++runs}: ${toPlainText(message)}`);
    const chat = await start(bot);
    const im = await aliceIm(chat);
    // The pod stores the answer and drops the connection; every lookup for it then fails, so the
    // first run cannot know it landed: it fails, and the redelivery must find it by its send id.
    await chat.pod.dev.addFault({ method: "POST", path: CREATE, dropAfter: true });
    await chat.pod.dev.addFault({ method: "GET", path: LIST, status: 503, times: FAST_RETRY.maxAttempts });
    await im.say("lost reply");
    expect(await im.answers(1)).toEqual(["echo 1: lost reply"]);
    expect(runs).toBe(2);
    expect(await chat.pod.dev.faults()).toEqual([]);
  });

  it("other people's messages in the same batches are answered once too", async () => {
    const { bot } = twoPartBot((said) => said === "fail me");
    const chat = await start(bot);
    const im = await aliceIm(chat);
    const bob = chat.pod.personId("bob");
    const bobIm = await chat.pod.dev.createIm([bob, BOT_ID]);
    await im.say("fail me");
    await chat.pod.dev.postText(bobIm, bob, "bystander");
    expect(await im.answers(2)).toEqual(["first: fail me", "second: fail me"]);
    const bobAnswers = (await chat.pod.dev.messages(bobIm))
      .filter((m) => m.user.userId === BOT_ID)
      .map((m) => textOf(m.message));
    expect(bobAnswers).toEqual(["first: bystander", "second: bystander"]);
  });
});
