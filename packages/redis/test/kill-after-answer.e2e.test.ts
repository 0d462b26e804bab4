/**
 * Three instances of a bot on one feed, sharing Redis: the one handling `/post` answers, then dies
 * (SIGKILL) before completing its claim. Its place at the head of the conversation's line stays
 * until the event's redelivery runs in it (once the dead claim's lease has run out), so the next
 * event of the conversation, `/slow`, waits on a live instance — and then takes longer than the
 * lease to answer. Every answer must come exactly once:
 *
 * - `/post`'s redelivery, run on another instance as "again", finds the answer the dead one posted;
 * - `/slow`'s claim is kept alive by its live holder however long it waits and works, so the
 *   datafeed's redelivery of `/slow` (its batch is unacknowledged all that time) to the other
 *   instance is refused as held, not run alongside. (A claim whose lease simply ran out meanwhile
 *   answered "again" there: both instances ran `/slow`, the redelivery looked for an answer
 *   before the first run had posted it, and the person got two. The soak showed this after a kill.)
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BOT_ID, type EmulatedPod, startEmulatedPod } from "@sprig/testing/emulator";
import { afterEach, describe, expect, it } from "vitest";
import { type RedisServer, redisServerMissing, startRedisServer } from "../src/testing/index.ts";
import { type BotProcess, startBotProcess } from "./support/bot-process.ts";

const missing = redisServerMissing();
const VISIBILITY_MS = 500;
const LEASE_MS = 2000;

let pod: EmulatedPod | undefined;
let redis: RedisServer | undefined;
const bots: BotProcess[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) {
    bot.kill("SIGKILL");
    await bot.exited;
  }
  await pod?.close();
  await redis?.stop();
  pod = undefined;
  redis = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(missing !== undefined)("an instance killed after answering, before completing", () => {
  it("its event and the next one of the conversation are each answered exactly once", {
    timeout: 180_000,
  }, async () => {
    redis = await startRedisServer();
    pod = await startEmulatedPod({ datafeed: { visibilityTimeoutMs: VISIBILITY_MS, longPollMs: 200 } });
    const alice = pod.personId("alice");
    const im = await pod.dev.createIm([alice, BOT_ID]);
    const files = mkdtempSync(join(tmpdir(), "sprig-kill-after-"));
    const env = {
      SPRIG_REDIS_URL: redis.url,
      LEASE_MS: String(LEASE_MS),
      POST_HANG_FILE: join(files, "post"),
      SLOW_FILE: join(files, "slow"),
      // Past the lease (with its wait behind the dead place), within the ten leases a live
      // holder keeps its claims.
      SLOW_MS: String(1.5 * LEASE_MS),
    };
    const instances = await Promise.all([0, 1, 2].map(() => startBotProcess(pod!.configPath, env)));
    bots.push(...instances);
    const answers = async (text: string) =>
      (await pod!.dev.messages(im)).filter((m) => m.user.userId === BOT_ID && m.message.includes(text));
    const waitFor = async (what: string, done: () => Promise<boolean>) => {
      const deadline = Date.now() + 60_000;
      while (!(await done())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await sleep(50);
      }
    };

    await pod.dev.postText(im, alice, "/post");
    const dying = await Promise.race(instances.map((bot) => bot.printed(/hanging/).then(() => bot)));
    await waitFor("the answer to /post", async () => (await answers("posted")).length > 0);
    dying.kill("SIGKILL"); // answered, never completed nor acknowledged
    await dying.exited;

    await pod.dev.postText(im, alice, "/slow");
    const survivors = instances.filter((bot) => bot !== dying);
    const slow = await Promise.race(survivors.map((bot) => bot.printed(/^slow$/m).then(() => bot)));
    await slow.printed(/^slow over$/m);
    await waitFor("the answer to /slow", async () => (await answers("slow done")).length > 0);
    // Long enough for the slow run's own answer, and for any other run to show.
    await sleep(LEASE_MS + 4 * VISIBILITY_MS);
    expect(await answers("posted")).toHaveLength(1);
    expect(await answers("slow done")).toHaveLength(1);
  });
});
