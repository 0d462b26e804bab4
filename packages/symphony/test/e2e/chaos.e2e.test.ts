/**
 * Issue 10's acceptance run: the todo bot in its own process on the emulator, 20 people talking to
 * it, random faults (5xx bursts, 429, connections dropped before and after the pod acted, sessions
 * expired, duplicated deliveries of both kinds), and the bot SIGKILLed and started again 3 times at
 * random moments. Every message is answered exactly once; the last bot stops on SIGTERM, cleanly.
 *
 * CHAOS_MS sets how long people talk (default 20 000 ms; the full run is CHAOS_MS=120000).
 * CHAOS_SEED fixes the randomness (printed on failure).
 */
import { afterEach, describe, expect, it } from "vitest";
import { type BotProcess, startBotProcess } from "./support/bot-process.ts";
import type { Fault } from "./support/dev-api.ts";
import { BOT_ID, startTestPod, type TestPod } from "./support/test-pod.ts";

const DURATION_MS = Number(process.env.CHAOS_MS ?? 20_000);
const SEED = Number(process.env.CHAOS_SEED ?? Date.now() % 100_000);
const PEOPLE = 20;
const RESTARTS = 3;
const VISIBILITY_MS = 1_500;

/** A small seeded generator (mulberry32), so a failing run can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const CREATE = "/agent/v4/stream/*/message/create";
const READ = "/agent/v5/datafeeds/*/read";
const FAULTS: Fault[] = [
  { method: "POST", path: CREATE, status: 503, times: 3 },
  { method: "POST", path: CREATE, status: 502, times: 2 },
  { method: "POST", path: READ, status: 500, times: 3 },
  { method: "POST", path: READ, status: 429, headers: { "Retry-After": "0.2" }, times: 2 },
  { method: "POST", path: CREATE, status: 429, headers: { "Retry-After": "0.1" }, times: 1 },
  { method: "POST", path: CREATE, drop: true, times: 1 },
  { method: "POST", path: CREATE, dropAfter: true, times: 1 },
  { method: "POST", path: READ, drop: true, times: 1 },
  { method: "POST", path: READ, dropAfter: true, times: 1 },
];

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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("chaos: faults, duplicates and kill -9 restarts", () => {
  it(`every message of ${PEOPLE} people answered exactly once (seed ${SEED})`, {
    timeout: DURATION_MS + 240_000,
  }, async () => {
    const random = seeded(SEED);
    pod = await startTestPod({ datafeed: { visibilityTimeoutMs: VISIBILITY_MS, longPollMs: 300 } });
    const { dev } = pod;
    const people: { id: number; im: string; said: number }[] = [];
    for (let i = 0; i < PEOPLE; i++) {
      const user = await dev.createUser({ username: `p${i}`, displayName: `Person ${i}` });
      people.push({ id: user.id, im: await dev.createIm([user.id, BOT_ID]), said: 0 });
    }
    const env = { STOP_GRACE_MS: "3000" };
    let bot = await startBotProcess(pod.configPath, env);
    bots.push(bot);
    const killAt = Array.from({ length: RESTARTS }, () => random() * DURATION_MS).sort((a, b) => a - b);
    const started = Date.now();
    let restarts = 0;
    while (Date.now() - started < DURATION_MS) {
      const elapsed = Date.now() - started;
      if (restarts < RESTARTS && elapsed >= killAt[restarts]!) {
        bot.kill("SIGKILL");
        await bot.exited;
        restarts++;
        bot = await startBotProcess(pod.configPath, env);
        bots.push(bot);
      }
      const roll = random();
      if (roll < 0.15) await dev.addFault(FAULTS[Math.floor(random() * FAULTS.length)]!);
      else if (roll < 0.2) await dev.expireSessions();
      else if (roll < 0.25)
        await dev.duplicateNext(1 + Math.floor(random() * 2), random() < 0.5 ? "same" : "otherPod");
      const person = people[Math.floor(random() * PEOPLE)]!;
      person.said++;
      await dev.postText(person.im, person.id, "/new");
      await sleep(50 + random() * 200);
    }
    while (restarts < RESTARTS) {
      bot.kill("SIGKILL");
      await bot.exited;
      restarts++;
      bot = await startBotProcess(pod.configPath, env);
      bots.push(bot);
    }
    await dev.clearFaults();

    const answered = async () =>
      Promise.all(
        people.map(async (p) => (await dev.messages(p.im)).filter((m) => m.user.userId === BOT_ID).length),
      );
    const expected = people.map((p) => p.said);
    let counts: number[] = [];
    for (let i = 0; i < 240; i++) {
      counts = await answered();
      if (counts.every((n, j) => n >= expected[j]!)) break;
      await sleep(500);
    }
    await sleep(3 * VISIBILITY_MS); // redeliveries and duplicates would show by now
    counts = await answered();
    expect({ seed: SEED, counts }).toEqual({ seed: SEED, counts: expected });

    bot.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
    expect(bot.output.join("")).toContain("stopped");
  });
});
