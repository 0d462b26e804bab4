/**
 * Order tests' common ground: a bot whose numbered steps log when they start and end, a room in
 * which alice posts them, and for instances of one bot sharing a feed, a real Redis per test.
 */
import { createBot } from "@sprig/core";
import { type RedisServer, redisServerMissing, startRedisServer } from "@sprig/redis/testing";
import { afterEach } from "vitest";
import { loadConfig } from "../../../src/index.ts";
import { podAndBotsPerTest } from "./pod-and-bots.ts";
import { BOT_ID, type TestPod } from "./test-pod.ts";

/** What the handlers did, in the order they did it: "A+1" (A starts step 1), "A-1" (A ends it)… */
export type StepLog = string[];

/** "/step {n}": logs `${name}+n`, takes `slow(n)`, logs `${name}-n` and answers "step n done". */
export function stepBot(name: string, log: StepLog, slow: (step: number) => Promise<void> = async () => {}) {
  const bot = createBot({ help: false });
  bot.command("step {n}", async ({ vars }) => {
    const step = Number(vars.n);
    log.push(`${name}+${step}`);
    await slow(step);
    log.push(`${name}-${step}`);
    return `step ${step} done`;
  });
  return bot;
}

export interface StepRoom {
  readonly streamId: string;
  /** alice posts `text` in the room. */
  say(text: string): Promise<unknown>;
  /** How many messages the bot has posted in the room. */
  answers(): Promise<number>;
}

/** A room of alice's (she owns it) with the bot in it. */
export async function stepRoom(pod: TestPod, name: string): Promise<StepRoom> {
  const alice = pod.personId("alice");
  const streamId = await pod.dev.createRoom({
    name,
    creatorId: alice,
    memberIds: [BOT_ID],
    ownerIds: [alice],
  });
  return {
    streamId,
    say: (text) => pod.dev.postText(streamId, alice, text),
    answers: async () => (await pod.dev.messages(streamId)).filter((m) => m.user.userId === BOT_ID).length,
  };
}

/**
 * Instances of one bot on one feed, sharing a real Redis: `start` gives each test its Redis, a pod
 * whose long visibility never hands a slow instance's batch to another meanwhile, a step room and
 * the config naming the Redis; after the test the bots stop, then the pod and Redis. `missing`
 * says why there is no Redis to run on.
 */
export function sharedFeedPerTest() {
  const { startPod, startBot } = podAndBotsPerTest();
  const redis = redisPerTest();
  return {
    missing: redis.missing,
    startBot,
    async start(roomName: string) {
      const { url } = await redis.start();
      const pod = await startPod({ datafeed: { visibilityTimeoutMs: 30_000, longPollMs: 200 } });
      const room = await stepRoom(pod, roomName);
      const config = await loadConfig(pod.configPath, { env: { SPRIG_REDIS_URL: url } });
      return { pod, room, config };
    },
  };
}

/** A real Redis for each test of the file (stopped after it); `missing` says why there is none. */
function redisPerTest(): { missing: string | undefined; start(): Promise<RedisServer> } {
  let redis: RedisServer | undefined;
  afterEach(async () => {
    await redis?.stop();
    redis = undefined;
  });
  return {
    missing: redisServerMissing(),
    async start() {
      redis = await startRedisServer();
      return redis;
    },
  };
}
