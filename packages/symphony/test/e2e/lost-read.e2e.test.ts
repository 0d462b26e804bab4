/**
 * A datafeed read whose answer is lost (the pod handed out its events, the connection dropped
 * before the answer arrived) holds those events until the pod's visibility timeout hands them out
 * again. Read again at once, and the person's next message is read, and answered, first: the bot
 * reads again only after that timeout (`datafeed.lostReadWaitMs`, the emulated pod's config sets its
 * own), and the lost event comes back ahead of the later one.
 */
import { createBot } from "@sprig/core";
import { describe, expect, it } from "vitest";
import { loadConfig, type SymphonyConfig } from "../../src/index.ts";
import { podAndBotsPerTest } from "./support/pod-and-bots.ts";
import { BOT_ID } from "./support/test-pod.ts";
import { untilTrue } from "./support/until.ts";

const { startPod, startBot } = podAndBotsPerTest();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const READ = "/agent/v5/datafeeds/*/read";

/** Steps 1 and 2, the read handing out step 1 losing its answer: the order the bot ran them in. */
async function stepsAfterALostRead(configure: (config: SymphonyConfig) => SymphonyConfig) {
  const pod = await startPod({ datafeed: { visibilityTimeoutMs: 2_000, longPollMs: 200 } });
  const alice = pod.personId("alice");
  const room = await pod.dev.createRoom({
    name: "Lost",
    creatorId: alice,
    memberIds: [BOT_ID],
    ownerIds: [alice],
  });
  const log: string[] = [];
  const bot = createBot({ help: false });
  bot.command("step {n}", ({ vars }) => {
    log.push(vars.n);
    return `step ${vars.n} done`;
  });
  await startBot(bot, { config: configure(await loadConfig(pod.configPath)) });

  // The bot's next read is handled, then its connection dropped: armed, then taken.
  await pod.dev.addFault({ method: "POST", path: READ, dropAfter: true });
  await untilTrue(async () => (await pod.dev.faults()).length === 0, "the bot's next read to take the fault");
  await pod.dev.postText(room, alice, "/step 1");
  await sleep(300);
  await pod.dev.postText(room, alice, "/step 2");
  const answers = async () => (await pod.dev.messages(room)).filter((m) => m.user.userId === BOT_ID).length;
  await untilTrue(async () => (await answers()) >= 2, "the answers to both steps");
  return log;
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
