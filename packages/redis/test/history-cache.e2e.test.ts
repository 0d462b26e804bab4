/**
 * The shared history cache end to end: two instances of a bot on one emulated pod, sharing a real
 * redis-server through their config. What instance A posts, instance B finds with no search of the
 * pod; with Redis away the lookup answers from the pod (history is the truth); a Redis restarted
 * empty is filled again by the next lookup.
 */
import diagnostics from "node:diagnostics_channel";
import { Chat, createBot, historyOver, silentLogger, WorkRegistry, work } from "@sprig/core";
import {
  loadConfig,
  silentLogger as quietAdapter,
  type SymphonyBot,
  SymphonyConnection,
  SymphonyHistory,
  symphony,
} from "@sprig/symphony";
import { BOT_ID, type EmulatedPod, startEmulatedPod } from "@sprig/testing/emulator";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { connectRedis, type RedisConnection, RedisHistoryCache } from "../src/index.ts";
import { type RedisServer, redisServerMissing, startRedisServer } from "../src/testing/index.ts";

const missing = redisServerMissing();
const Counter = work("e2e-counter", z.object({ value: z.number() }));

/** The pod's history reads (message search, stream listing) made while `counting` is on. */
let counting = false;
let historyReads = 0;
beforeAll(() => {
  diagnostics.subscribe("undici:request:create", (message) => {
    const { method, path } = (message as { request: { method: string; path: string } }).request;
    const isSearch = path.includes("/message/search");
    const isListing = method === "GET" && /\/stream\/[^/]+\/message(\?|$)/.test(path);
    if (counting && (isSearch || isListing)) historyReads++;
  });
});

let pod: EmulatedPod | undefined;
let redis: RedisServer | undefined;
const running: SymphonyBot[] = [];
const closing: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const bot of running.splice(0)) await bot.stop();
  for (const thing of closing.splice(0)) await thing.close();
  await pod?.close();
  await redis?.stop();
  pod = redis = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A bot that posts a counter (`/set n`) and reads the latest one (`/latest`), counting pod reads meanwhile. */
function counterBot(lookups: number[]) {
  const bot = createBot({ logger: silentLogger, help: false });
  bot.command("set {n:number}", ({ vars }) => Counter.create({ value: vars.n }));
  bot.command("latest", async ({ history }) => {
    historyReads = 0;
    counting = true;
    const latest = await history.latest(Counter);
    counting = false;
    lookups.push(historyReads);
    return `value ${latest?.value}`;
  });
  return bot;
}

/** A fresh redis-server and pod, with a room alice is in. */
async function podAndRedis() {
  const server = await startRedisServer();
  const emulated = await startEmulatedPod({ rooms: [{ name: "Team", members: ["alice"] }] });
  redis = server;
  pod = emulated;
  return { pod: emulated, redis: server, room: emulated.roomId("Team"), alice: emulated.personId("alice") };
}

async function startInstance(lookups: number[] = []) {
  const config = await loadConfig(pod!.configPath, { env: { SPRIG_REDIS_URL: redis!.url } });
  const bot = symphony(counterBot(lookups), { config, logger: quietAdapter() });
  await bot.start();
  running.push(bot);
  return bot;
}

async function botAnswers(room: string): Promise<string[]> {
  return (await pod!.dev.messages(room)).filter((m) => m.user.userId === BOT_ID).map((m) => m.message);
}

async function waitForAnswers(room: string, count: number): Promise<string[]> {
  const deadline = Date.now() + 30_000;
  while ((await botAnswers(room)).length < count && Date.now() < deadline) await sleep(50);
  return botAnswers(room);
}

describe.skipIf(missing !== undefined)("the shared history cache (Symphony on Redis)", () => {
  it("what instance A posts, instance B finds with no search of the pod", { timeout: 60_000 }, async () => {
    const { pod, room, alice } = await podAndRedis();
    const a = await startInstance();
    await pod.dev.postText(room, alice, "/set 41");
    await pod.dev.postText(room, alice, "/set 42");
    await waitForAnswers(room, 2);
    await a.stop();

    const lookups: number[] = [];
    await startInstance(lookups);
    await pod.dev.postText(room, alice, "/latest");
    const answers = await waitForAnswers(room, 3);
    expect(answers[2]).toMatch(/value 42/);
    expect(lookups).toEqual([0]);
  });

  it("with Redis away the lookup answers from the pod; restarted empty, the next lookup fills it", {
    timeout: 60_000,
  }, async () => {
    const { pod, redis, room, alice } = await podAndRedis();
    const a = await startInstance();
    await pod.dev.postText(room, alice, "/set 7");
    await waitForAnswers(room, 1);
    await a.stop();

    // Another instance's view, read directly: its connection to the pod and to the shared Redis.
    const connection = new SymphonyConnection(pod.config, { logger: quietAdapter() });
    closing.push(connection);
    await connection.start();
    const shared: RedisConnection = await connectRedis({ url: redis.url });
    closing.push(shared);
    const store = new SymphonyHistory({
      messages: connection.messages,
      streamOf: async () => room,
      author: BOT_ID,
      cacheMode: "verify",
      latest: new RedisHistoryCache(shared),
    });
    const registry = new WorkRegistry();
    const lookup = async () => {
      // A fresh instance each time: nothing of the pod's answer kept in its own memory.
      const fresh = new SymphonyHistory({
        messages: connection.messages,
        streamOf: async () => room,
        author: BOT_ID,
        cacheMode: "verify",
        latest: store.latest!,
      });
      historyReads = 0;
      counting = true;
      const found = await historyOver(fresh, registry, Chat.of("symphony", room)).latest(Counter);
      counting = false;
      return { value: found?.value, reads: historyReads };
    };

    expect(await lookup()).toEqual({ value: 7, reads: 0 });
    await redis.pause();
    expect(await lookup()).toEqual({ value: 7, reads: 1 });
    await redis.resume();
    await shared.whenAvailable();
    expect(await lookup()).toEqual({ value: 7, reads: 1 });
    expect(await lookup()).toEqual({ value: 7, reads: 0 });
  });
});
