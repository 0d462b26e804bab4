/**
 * Two instances sharing one feed read it one at a time, each keeping the read turn until the events
 * it got are in their conversations' lines. Instance A's read is answered late (the pod handed it
 * step 1 at once; the answer travels for seconds): instance B, started meanwhile, must not read
 * step 2 and start it before step 1 is even known — in parallel reads, it did (the soak saw this
 * some tens of milliseconds apart under load: out-of-order answers with no fault at all).
 */
import { createBot } from "@sprig/core";
import { type RedisServer, redisServerMissing, startRedisServer } from "@sprig/redis/testing";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/index.ts";
import { podAndBotsPerTest } from "./support/pod-and-bots.ts";
import { BOT_ID } from "./support/test-pod.ts";
import { untilTrue } from "./support/until.ts";

const missing = redisServerMissing();
const { startPod, startBot } = podAndBotsPerTest();
let redis: RedisServer | undefined;
afterEach(async () => {
  await redis?.stop();
  redis = undefined;
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const READ = "/agent/v5/datafeeds/*/read";

function stepBot(name: string, log: string[]) {
  const bot = createBot({ help: false });
  bot.command("step {n}", async ({ vars }) => {
    log.push(`${name}+${vars.n}`);
    await sleep(20);
    log.push(`${name}-${vars.n}`);
    return `step ${vars.n} done`;
  });
  return bot;
}

describe.skipIf(missing !== undefined)("reading one shared feed in turn", () => {
  it("an earlier event whose read answer is slow is still handled before a later one read elsewhere", {
    timeout: 90_000,
  }, async () => {
    redis = await startRedisServer();
    const pod = await startPod({ datafeed: { visibilityTimeoutMs: 30_000, longPollMs: 200 } });
    const alice = pod.personId("alice");
    const room = await pod.dev.createRoom({
      name: "Slow answers",
      creatorId: alice,
      memberIds: [BOT_ID],
      ownerIds: [alice],
    });
    const config = await loadConfig(pod.configPath, { env: { SPRIG_REDIS_URL: redis.url } });
    const log: string[] = [];
    await startBot(stepBot("A", log), { config });

    // A's next read is answered 4 s late: armed, then taken (the fault leaves the list).
    await pod.dev.addFault({ method: "POST", path: READ, answerDelayMs: 4_000 });
    await untilTrue(
      async () => (await pod.dev.faults()).length === 0,
      "A's next read to take the slow answer",
    );
    await pod.dev.postText(room, alice, "/step 1");

    // B starts while A's answer (step 1) is on its way, and step 2 is posted for B to read.
    await startBot(stepBot("B", log), { config });
    await pod.dev.postText(room, alice, "/step 2");

    const answers = async () => (await pod.dev.messages(room)).filter((m) => m.user.userId === BOT_ID).length;
    await untilTrue(async () => (await answers()) >= 2, "the answers to both steps");
    expect(log.map((entry) => entry.slice(1))).toEqual(["+1", "-1", "+2", "-2"]);
    expect(log[0]).toBe("A+1");
  });
});
