/**
 * The latest-state lookup (`history.latest(Counter)`) with 10, 1,000 and 10,000 earlier messages in
 * the conversation: the state the bot posted first, then people talking in the room. Time per
 * lookup and pod calls per lookup, once warm (the first lookup of a fresh process, cold, is shown
 * apart). The baseline is the lookup with 10 earlier messages, in the same run: 10,000 must stay
 * within 1.5× of it, and a warm lookup must make no pod call.
 *
 * Modes: the adapter alone (`historyCache: "trust"`: one instance sees all it posts, its memory
 * history cache answers), `"verify"` (several instances without a shared cache: one small pod
 * call per lookup, to see what the others posted), and several instances sharing Redis (a local
 * redis-server named in the config: the history cache in Redis answers — the instance that looks
 * up is not the one that posted, so "warm" means warm on a second instance).
 *
 *   npx tsx bench/src/symphony-history.ts   (LOOKUPS, SIZES="10,1000,10000", MODES="trust,verify,redis")
 */
import diagnostics from "node:diagnostics_channel";
import { performance } from "node:perf_hooks";
import { createBot, work } from "@sprig/core";
import { type RedisServer, startRedisServer } from "@sprig/redis/testing";
import { loadConfig, type SymphonyOptions, silentLogger, symphony } from "@sprig/symphony";
import { BOT_ID, type EmulatedPod, type PodMessage, startEmulatedPod } from "@sprig/testing/emulator";
import { z } from "zod";
import { type Figure, goal, recordResults } from "./support/results.ts";

const LOOKUPS = Number(process.env.LOOKUPS ?? 200);
const SIZES = (process.env.SIZES ?? "10,1000,10000").split(",").map(Number);
/** Dev API posts in flight at once while the earlier messages are seeded. */
const SEED_CONCURRENCY = 32;
const Counter = work("bench-counter", z.object({ value: z.number() }));

/** Pod calls made while a lookup runs (the adapter's, not the dev API's; no datafeed reads or sends). */
let inLookup = false;
let podCalls = 0;
diagnostics.subscribe("undici:request:create", (message) => {
  const { path } = (message as { request: { path: string } }).request;
  if (inLookup && !path.startsWith("/emulator/") && !path.includes("/datafeeds") && !path.endsWith("/create"))
    podCalls++;
});

interface Lookups {
  readonly cold: { readonly ms: number; readonly calls: number };
  /** Warm lookups: median time (ms) and pod calls per lookup. */
  readonly warmMs: number;
  readonly warmCalls: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function counterBot(record: (ms: number, calls: number) => void) {
  const bot = createBot({ help: false });
  bot.command("set", () => Counter.create({ value: 42 }));
  bot.command("latest", async ({ history }) => {
    podCalls = 0;
    inLookup = true;
    const started = performance.now();
    const latest = await history.latest(Counter);
    const ms = performance.now() - started;
    inLookup = false;
    record(ms, podCalls);
    return `value ${latest?.value}`;
  });
  return bot;
}

/** Is the room's newest message the bot's? Asks for that one message only: the whole history (10,000 messages) at every poll would cost the run more than the lookups. */
async function botAnsweredLast(pod: EmulatedPod, room: string): Promise<boolean> {
  const response = await fetch(`${pod.emulator.url}/emulator/v1/streams/${room}/messages?limit=1`);
  const [newest] = (await response.json()) as PodMessage[];
  return newest?.user.userId === BOT_ID;
}

/** Posts `text` as `as` and waits for the bot's answer to it (the room's newest message, the bot's). */
async function askAndWait(pod: EmulatedPod, room: string, as: number, text: string): Promise<void> {
  await pod.dev.postText(room, as, text);
  for (let i = 0; !(await botAnsweredLast(pod, room)); i++) {
    if (i === 3_000) throw new Error(`no answer to ${text} in a minute`);
    await sleep(20);
  }
}

/** `count` messages from alice, `SEED_CONCURRENCY` in flight at once through the dev API. */
async function seedChatter(pod: EmulatedPod, room: string, as: number, count: number): Promise<void> {
  let next = 0;
  const poster = async () => {
    while (next < count) await pod.dev.postText(room, as, `chatter ${next++}`);
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, poster));
}

async function measure(earlier: number, mode: Mode): Promise<Lookups> {
  const pod = await startEmulatedPod({ rooms: [{ name: "Team", members: ["alice"], owners: ["alice"] }] });
  let redis: RedisServer | undefined;
  try {
    if (mode.redis) redis = await startRedisServer();
    // Both instances name the same Redis (as SPRIG_REDIS_URL would), or none.
    const config = await loadConfig(pod.configPath, { env: redis ? { SPRIG_REDIS_URL: redis.url } : {} });
    const room = pod.roomId("Team");
    const alice = pod.personId("alice");
    const times: Array<{ ms: number; calls: number }> = [];
    const first = symphony(
      counterBot(() => {}),
      { config, logger: silentLogger() },
    );
    await first.start();
    await askAndWait(pod, room, alice, "/set");
    await first.stop();
    // People talk in the room while no bot runs: the state is now `earlier` messages back.
    const seeding = performance.now();
    await seedChatter(pod, room, alice, earlier);
    const seededMs = performance.now() - seeding;
    const bot = symphony(
      counterBot((ms, calls) => times.push({ ms, calls })),
      {
        config,
        logger: silentLogger(),
        ...mode.options,
      },
    );
    await bot.start();
    // The first answer also waits for what the bot reads before it (the earlier messages, when its feed holds them).
    const looking = performance.now();
    await askAndWait(pod, room, alice, "/latest");
    const firstAnswerMs = performance.now() - looking;
    for (let i = 1; i <= LOOKUPS; i++) await askAndWait(pod, room, alice, "/latest");
    await bot.stop();
    if (times.length !== LOOKUPS + 1) throw new Error(`${times.length} lookups measured, not ${LOOKUPS + 1}`);
    console.error(
      `  (${mode.name}, ${earlier} earlier: seeded in ${(seededMs / 1000).toFixed(1)} s, ${LOOKUPS + 1} lookups in ${((performance.now() - looking) / 1000).toFixed(1)} s, the first answered after ${(firstAnswerMs / 1000).toFixed(1)} s)`,
    );
    const [cold, ...warm] = times;
    const sorted = warm.map((t) => t.ms).sort((a, b) => a - b);
    return {
      cold: cold!,
      warmMs: sorted[Math.floor(sorted.length / 2)]!,
      warmCalls: warm.reduce((n, t) => n + t.calls, 0) / warm.length,
    };
  } finally {
    await pod.close();
    await redis?.stop();
  }
}

interface Mode {
  /** What `MODES` names it by. */
  readonly key: string;
  readonly name: string;
  readonly options: Partial<SymphonyOptions>;
  /** Both instances share a local redis-server (named in their config). */
  readonly redis?: boolean;
}

const ALL_MODES: readonly Mode[] = [
  { key: "trust", name: "one instance (trust)", options: { historyCache: "trust" } },
  { key: "verify", name: "several, no shared cache (verify)", options: { historyCache: "verify" } },
  { key: "redis", name: "several, Redis history cache", options: {}, redis: true },
];
const MODES = ALL_MODES.filter((mode) =>
  (process.env.MODES ?? "trust,verify,redis").split(",").includes(mode.key),
);

const figures: Figure[] = [];
console.log(
  `latest-state lookup, ${LOOKUPS} warm lookups per size after one cold one; Node ${process.version}`,
);
for (const mode of MODES) {
  const bySize = new Map<number, Lookups>();
  for (const size of SIZES) {
    const result = await measure(size, mode);
    bySize.set(size, result);
    console.log(
      `${mode.name.padEnd(34)} ${String(size).padStart(6)} earlier: warm ${result.warmMs.toFixed(3)} ms, ${result.warmCalls.toFixed(2)} pod calls/lookup; cold ${result.cold.ms.toFixed(1)} ms, ${result.cold.calls} pod calls`,
    );
  }
  const base = bySize.get(SIZES[0]!)!;
  const largest = SIZES.at(-1)!;
  const top = bySize.get(largest)!;
  figures.push(
    goal(
      `${mode.name}: warm lookup, ${largest} / ${SIZES[0]} earlier messages`,
      top.warmMs / base.warmMs,
      "≤",
      1.5,
      `${top.warmMs.toFixed(3)} / ${base.warmMs.toFixed(3)} ms`,
    ),
  );
  figures.push({
    name: `${mode.name}: pod calls per warm lookup (${largest} earlier)`,
    ratio: top.warmCalls,
    goal: "= 0",
    met: top.warmCalls === 0,
    detail: `cold: ${top.cold.calls} calls, ${top.cold.ms.toFixed(1)} ms`,
  });
}
for (const f of figures)
  console.log(
    `${f.name}: ${f.ratio.toFixed(2)}${f.goal ? ` (goal ${f.goal}: ${f.met ? "met" : "MISSED"})` : ""}   [${f.detail}]`,
  );
recordResults("symphony-history", figures, [
  "pod calls per warm lookup is a count, not a ratio; 'verify' is what several instances need without a shared cache; with the Redis history cache the lookups run on a second instance (not the one that posted)",
]);
