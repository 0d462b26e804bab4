/**
 * The scene of the kill tests: an emulated pod, a real redis-server, and bot instances in child
 * processes on one feed sharing both, with alice in an IM with the bot. Whatever a test started
 * is SIGKILLed and stopped after it, whether it passed or not.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BOT_ID, type EmulatedPod, type PodMessage, startEmulatedPod } from "@sprig/testing/emulator";
import { afterEach } from "vitest";
import { type RedisServer, startRedisServer } from "../../src/testing/index.ts";
import { type BotProcess, startBotProcess } from "./bot-process.ts";

export interface KillSceneOptions {
  /** How many bot instances share the feed. */
  readonly instances: number;
  /** The datafeed's redelivery delay of an unacknowledged event. */
  readonly visibilityTimeoutMs: number;
  /** The lease of a claim in Redis (the bots' `LEASE_MS`). */
  readonly leaseMs: number;
  /** More of the bots' environment; `files` is a fresh folder for their hang and slow files. */
  readonly env: (files: string) => Record<string, string>;
}

export interface KillScene {
  readonly pod: EmulatedPod;
  readonly alice: number;
  readonly im: string;
  readonly instances: readonly BotProcess[];
  /** The bot's messages in the IM that contain `text`. */
  answers(text: string): Promise<PodMessage[]>;
  /** Polls `done` until it holds; throws after a minute, naming `what`. */
  waitFor(what: string, done: () => Promise<boolean>): Promise<void>;
  /** The first of `among` to print a line matching `pattern`. */
  firstToPrint(pattern: RegExp, among?: readonly BotProcess[]): Promise<BotProcess>;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Call at the top of a test file: registers the cleanup and answers the function that sets a scene up. */
export function killScenes(): (options: KillSceneOptions) => Promise<KillScene> {
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

  return async (options) => {
    redis = await startRedisServer();
    const started = await startEmulatedPod({
      datafeed: { visibilityTimeoutMs: options.visibilityTimeoutMs, longPollMs: 200 },
    });
    pod = started;
    const alice = started.personId("alice");
    const im = await started.dev.createIm([alice, BOT_ID]);
    const env = {
      SPRIG_REDIS_URL: redis.url,
      LEASE_MS: String(options.leaseMs),
      ...options.env(mkdtempSync(join(tmpdir(), "sprig-kill-"))),
    };
    const instances = await Promise.all(
      Array.from({ length: options.instances }, () => startBotProcess(started.configPath, env)),
    );
    bots.push(...instances);
    return {
      pod: started,
      alice,
      im,
      instances,
      answers: async (text) =>
        (await started.dev.messages(im)).filter((m) => m.user.userId === BOT_ID && m.message.includes(text)),
      waitFor: async (what, done) => {
        const deadline = Date.now() + 60_000;
        while (!(await done())) {
          if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
          await sleep(50);
        }
      },
      firstToPrint: (pattern, among = instances) =>
        Promise.race(among.map((bot) => bot.printed(pattern).then(() => bot))),
    };
  };
}
