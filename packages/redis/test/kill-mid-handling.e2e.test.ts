/**
 * Two instances of a bot on one feed, sharing Redis: the one handling an event dies (SIGKILL)
 * before answering. Its claim stays in Redis, held. The datafeed redelivers the event to the other
 * instance while that claim still holds: it must not be acknowledged as a duplicate (the event
 * would be lost), but left for redelivery until the lease runs out — then the survivor answers it,
 * exactly once.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BOT_ID, type EmulatedPod, startEmulatedPod } from "@sprig/testing/emulator";
import { afterEach, describe, expect, it } from "vitest";
import { type RedisServer, redisServerMissing, startRedisServer } from "../src/testing/index.ts";
import { type BotProcess, startBotProcess } from "./support/bot-process.ts";

const missing = redisServerMissing();
const VISIBILITY_MS = 600;
const LEASE_MS = 3000;

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

describe.skipIf(missing !== undefined)("an instance killed mid-handling, Redis shared", () => {
  it("the event is answered exactly once, by the other instance", { timeout: 120_000 }, async () => {
    redis = await startRedisServer();
    pod = await startEmulatedPod({ datafeed: { visibilityTimeoutMs: VISIBILITY_MS, longPollMs: 200 } });
    const alice = pod.personId("alice");
    const im = await pod.dev.createIm([alice, BOT_ID]);
    const hangFile = join(mkdtempSync(join(tmpdir(), "sprig-kill-")), "hang");
    const env = { SPRIG_REDIS_URL: redis.url, HANG_FILE: hangFile, LEASE_MS: String(LEASE_MS) };
    const [a, b] = await Promise.all([
      startBotProcess(pod.configPath, env),
      startBotProcess(pod.configPath, env),
    ]);
    bots.push(a, b);

    await pod.dev.postText(im, alice, "/work");
    // Whichever instance read it hangs in the handler, its claim held in Redis: kill it there.
    const hanging = await Promise.race([
      a.printed(/hanging/).then(() => a),
      b.printed(/hanging/).then(() => b),
    ]);
    const survivor = hanging === a ? b : a;
    hanging.kill("SIGKILL");
    await hanging.exited;
    expect(existsSync(hangFile)).toBe(true);

    const answers = async () =>
      (await pod!.dev.messages(im)).filter((m) => m.user.userId === BOT_ID && /worked/.test(m.message));
    // Redelivered every VISIBILITY_MS to the survivor, refused as held (not acked) until the
    // lease runs out; then run again there.
    const deadline = Date.now() + 60_000;
    while ((await answers()).length === 0 && Date.now() < deadline) await sleep(50);
    expect(await answers()).toHaveLength(1);
    // Nothing more comes: a later redelivery is a duplicate, acknowledged.
    await sleep(3 * VISIBILITY_MS);
    expect(await answers()).toHaveLength(1);
    expect(survivor.output.join("")).not.toMatch(/hanging/);
  });
});
