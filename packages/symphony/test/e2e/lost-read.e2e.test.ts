/**
 * A datafeed read whose answer is lost (the pod handed out its events, the connection dropped
 * before the answer arrived) holds those events until the pod's visibility timeout hands them out
 * again. Read again at once, and the person's next message is read, and answered, first: the bot
 * reads again only after that timeout (`datafeed.lostReadWaitMs`, the emulated pod's config sets its
 * own), and the lost event comes back ahead of the later one. A read that never reached the pod
 * (connection refused) handed nothing out: it is retried after the usual backoff.
 */
import { createBot } from "@sprig/core";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger, loadConfig, type SymphonyConfig } from "../../src/index.ts";
import { podAndBotsPerTest } from "./support/pod-and-bots.ts";
import { type PodRelay, startPodRelay } from "./support/pod-relay.ts";
import { type StepLog, stepBot, stepRoom } from "./support/step-room.ts";
import { untilTrue } from "./support/until.ts";

const { startPod, startBot } = podAndBotsPerTest();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const READ = "/agent/v5/datafeeds/*/read";

/** Steps 1 and 2, the read handing out step 1 losing its answer: the order the bot started them in. */
async function stepsAfterALostRead(configure: (config: SymphonyConfig) => SymphonyConfig) {
  const pod = await startPod({ datafeed: { visibilityTimeoutMs: 2_000, longPollMs: 200 } });
  const room = await stepRoom(pod, "Lost");
  const log: StepLog = [];
  await startBot(stepBot("", log), { config: configure(await loadConfig(pod.configPath)) });

  // The bot's next read is handled, then its connection dropped: armed, then taken.
  await pod.dev.addFault({ method: "POST", path: READ, dropAfter: true });
  await untilTrue(async () => (await pod.dev.faults()).length === 0, "the bot's next read to take the fault");
  await room.say("/step 1");
  await sleep(300);
  await room.say("/step 2");
  await untilTrue(async () => (await room.answers()) >= 2, "the answers to both steps");
  return log.filter((entry) => entry.startsWith("+")).map((entry) => entry.slice(1));
}

describe("a datafeed read whose answer was lost", () => {
  it("is read again once the pod hands its events out again: the lost step still runs first", {
    timeout: 60_000,
  }, async () => {
    expect(await stepsAfterALostRead((config) => config)).toEqual(["1", "2"]);
  });

  it("(why) read again at once, the next step overtakes it", { timeout: 60_000 }, async () => {
    const log = await stepsAfterALostRead((config) => ({
      ...config,
      datafeed: { ...config.datafeed, lostReadWaitMs: 0 },
    }));
    expect(log).toEqual(["2", "1"]);
  });
});

describe("a datafeed read that never reached the pod (connection refused)", () => {
  let relay: PodRelay | undefined;
  afterEach(async () => {
    await relay?.close();
    relay = undefined;
  });

  it("is retried after the usual backoff, not after lostReadWaitMs: the next message is answered", {
    timeout: 60_000,
  }, async () => {
    const pod = await startPod({ datafeed: { visibilityTimeoutMs: 2_000, longPollMs: 200 } });
    relay = await startPodRelay(pod.emulator.port);
    const room = await stepRoom(pod, "Refused");
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding = false;
    const bot = createBot({ help: false });
    // Holds the loop between reads: no read is in flight when the pod's address starts refusing.
    bot.command("hold", async () => {
      holding = true;
      await held;
    });
    bot.command("step {n}", ({ vars }) => `step ${vars.n} done`);
    const lines: Array<{ msg: string; operation?: string; requestSent?: string; retryInMs?: number }> = [];
    const logger = createLogger({
      destination: { write: (line) => lines.push(JSON.parse(line)) },
      level: "warn",
    });
    const config = await loadConfig(pod.configPath);
    // A wait far beyond this test's timeout: a refused read that waited it would never be answered.
    const lostReadWaitMs = 60_000;
    await startBot(bot, {
      config: relay.configThrough({ ...config, datafeed: { ...config.datafeed, lostReadWaitMs } }),
      logger,
    });

    await room.say("/hold");
    await untilTrue(() => holding, "the bot to hold the loop");
    await relay.down();
    release();
    const refusedReads = () =>
      lines.filter((line) => line.operation === "read datafeed" && line.requestSent === "no");
    await untilTrue(() => refusedReads().length >= 2, "the bot's reads to be refused");
    await relay.up();
    await room.say("/step 2");
    await untilTrue(async () => (await room.answers()) > 0, "the answer to step 2", 20_000);

    expect(await room.answers()).toBe(1);
    const retried = refusedReads();
    expect(retried[0]!.msg).toBe("call failed, retrying after backoff");
    expect(retried.every((line) => line.retryInMs! < lostReadWaitMs)).toBe(true);
    // No read cut after it was sent: the wait was never the lost-answer wait.
    expect(lines.filter((line) => line.requestSent === "maybe")).toEqual([]);
  });
});
