/**
 * Exactly once across a real restart, with the default setup (no shared dedupe store): the bot
 * posts its answer, then dies (SIGKILL) before acknowledging the event; a new process gets the
 * event again — and must find the answer already posted, not post it twice.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type BotProcess, startBotProcess } from "./support/bot-process.ts";
import { BOT_ID, startTestPod, type TestPod } from "./support/test-pod.ts";

const READ = "/agent/v5/datafeeds/*/read";
const VISIBILITY_MS = 800;

let pod: TestPod | undefined;
const bots: BotProcess[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) {
    bot.kill("SIGKILL");
    await bot.exited;
  }
  await pod?.close();
  pod = undefined;
});

const botAnswers = async (streamId: string) =>
  (await pod!.dev.messages(streamId)).filter((m) => m.user.userId === BOT_ID);

async function waitFor<T>(what: string, read: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("a restart between posting and acknowledging", () => {
  // Two bot processes start (tsx compiles the bot each time): slow on a loaded machine.
  it("the person gets exactly one answer (default in-memory dedupe)", { timeout: 120_000 }, async () => {
    // A long poll, so that the read in hand when the fault goes in is the one that takes the message.
    pod = await startTestPod({ datafeed: { visibilityTimeoutMs: VISIBILITY_MS, longPollMs: 10_000 } });
    const alice = pod.personId("alice");
    const im = await pod.dev.createIm([alice, BOT_ID]);
    const first = await startBotProcess(pod.configPath);
    bots.push(first);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // its first read is waiting on the pod
    // From now on every read — the one that would acknowledge the batch — is lost on the way.
    await pod.dev.addFault({ method: "POST", path: READ, drop: true, times: 100_000 });
    await pod.dev.postText(im, alice, "/new");
    await waitFor("the first answer", async () => ((await botAnswers(im)).length > 0 ? true : undefined));
    first.kill("SIGKILL"); // posted, never acknowledged
    await first.exited;
    await pod.dev.clearFaults();

    const second = await startBotProcess(pod.configPath);
    bots.push(second);
    // The unacknowledged /new is visible again long before the new process reads: it comes first,
    // then /help. Once /help is answered, /new has been handled again too.
    await pod.dev.postText(im, alice, "/help");
    await waitFor("the answer to /help", async () => ((await botAnswers(im)).length > 1 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 2 * VISIBILITY_MS));
    expect((await botAnswers(im)).length).toBe(2); // /new once, /help once
    expect(second.output.join("")).not.toMatch(/Error/);
  });
});
