/**
 * The Symphony adapter with `redis` in its config: start fails with a coded error when Redis cannot
 * be reached or refuses the password; and when Redis goes away while running, the bot handles
 * nothing (the feed is not read) until it is back — then the waiting message is answered once.
 */
import { createBot, silentLogger } from "@sprig/core";
import { loadConfig, silentLogger as quietAdapter, type SymphonyBot, symphony } from "@sprig/symphony";
import { BOT_ID, type EmulatedPod, startEmulatedPod } from "@sprig/testing/emulator";
import { afterEach, describe, expect, it } from "vitest";
import { freePort, type RedisServer, redisServerMissing, startRedisServer } from "../src/testing/index.ts";

const missing = redisServerMissing();

let pod: EmulatedPod | undefined;
let redis: RedisServer | undefined;
let running: SymphonyBot | undefined;
afterEach(async () => {
  await running?.stop();
  await pod?.close();
  await redis?.stop();
  running = pod = redis = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function echoBot() {
  const bot = createBot({ logger: silentLogger, help: false });
  bot.command("echo {words...}", ({ vars }) => `echo: ${vars.words.join(" ")}`);
  return bot;
}

async function startBot(env: Record<string, string>) {
  const config = await loadConfig(pod!.configPath, { env });
  running = symphony(echoBot(), { config, logger: quietAdapter() });
  await running.start();
  return running;
}

describe.skipIf(missing !== undefined)("the Symphony adapter on Redis", () => {
  it("start fails with redis.unreachable when nothing answers at the url", { timeout: 30_000 }, async () => {
    pod = await startEmulatedPod();
    const port = await freePort();
    await expect(startBot({ SPRIG_REDIS_URL: `redis://127.0.0.1:${port}` })).rejects.toMatchObject({
      code: "redis.unreachable",
      message: expect.stringMatching(/did not answer.*SPRIG_REDIS_URL/),
    });
  });

  it("start fails with redis.refused on a wrong password, and the password is never shown", async () => {
    redis = await startRedisServer({ password: "right-secret" });
    pod = await startEmulatedPod();
    const url = redis.url.replace("right-secret", "wrong-secret");
    const error = await startBot({ SPRIG_REDIS_URL: url }).catch((caught: Error) => caught);
    expect(error).toMatchObject({ code: "redis.refused" });
    expect((error as Error).message).not.toMatch(/secret/);
  });

  it("with the right password it runs (auth); Redis stopped mid-run pauses the bot, restarted it answers once", {
    timeout: 60_000,
  }, async () => {
    redis = await startRedisServer({ password: "s3cret" });
    pod = await startEmulatedPod();
    const alice = pod.personId("alice");
    const im = await pod.dev.createIm([alice, BOT_ID]);
    await startBot({ SPRIG_REDIS_URL: redis.url });
    const answers = async () =>
      (await pod!.dev.messages(im)).filter((m) => m.user.userId === BOT_ID).map((m) => m.message);
    const waitFor = async (count: number) => {
      const deadline = Date.now() + 30_000;
      while ((await answers()).length < count && Date.now() < deadline) await sleep(50);
    };
    await pod.dev.postText(im, alice, "/echo one");
    await waitFor(1);
    expect(await answers()).toHaveLength(1);

    await redis.pause({ kill: true });
    await pod.dev.postText(im, alice, "/echo two");
    await sleep(1500);
    // Without Redis nothing is handled: no answer without the guarantees.
    expect(await answers()).toHaveLength(1);

    await redis.resume();
    await waitFor(2);
    await sleep(1000);
    const all = await answers();
    expect(all).toHaveLength(2);
    expect(all[1]).toMatch(/echo: two/);
  });
});
