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
 *   npx tsx bench/src/symphony-history.ts   (LOOKUPS, SIZES="10,1000,10000")
 */
import diagnostics from "node:diagnostics_channel";
import { performance } from "node:perf_hooks";
import { createBot, work } from "@sprig/core";
import { type RedisServer, startRedisServer } from "@sprig/redis/testing";
import { loadConfig, type SymphonyOptions, silentLogger, symphony } from "@sprig/symphony";
import { BOT_ID, type EmulatedPod, startEmulatedPod } from "@sprig/testing/emulator";
import { z } from "zod";
import { type Figure, goal, recordResults } from "./support/results.ts";

const LOOKUPS = Number(process.env.LOOKUPS ?? 200);
const SIZES = (process.env.SIZES ?? "10,1000,10000").split(",").map(Number);
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

async function botAnswers(pod: EmulatedPod, room: string): Promise<number> {
  return (await pod.dev.messages(room)).filter((m) => m.user.userId === BOT_ID).length;
}

async function waitForAnswers(pod: EmulatedPod, room: string, count: number): Promise<void> {
  for (let i = 0; i < 2_000 && (await botAnswers(pod, room)) < count; i++) await sleep(20);
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
    await pod.dev.postText(room, alice, "/set");
    await waitForAnswers(pod, room, 1);
    await first.stop();
    // People talk in the room while no bot runs: the state is now `earlier` messages back.
    for (let sent = 0; sent < earlier; ) {
      const batch = Math.min(50, earlier - sent);
      await Promise.all(
        Array.from({ length: batch }, (_, i) => pod.dev.postText(room, alice, `chatter ${sent + i}`)),
      );
      sent += batch;
    }
    const bot = symphony(
      counterBot((ms, calls) => times.push({ ms, calls })),
      {
        config,
        logger: silentLogger(),
        ...mode.options,
      },
    );
    await bot.start();
    for (let i = 0; i <= LOOKUPS; i++) {
      await pod.dev.postText(room, alice, "/latest");
      await waitForAnswers(pod, room, i + 2);
    }
    await bot.stop();
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
  readonly name: string;
  readonly options: Partial<SymphonyOptions>;
  /** Both instances share a local redis-server (named in their config). */
  readonly redis?: boolean;
}

const MODES: readonly Mode[] = [
  { name: "one instance (trust)", options: { historyCache: "trust" } },
  { name: "several, no shared cache (verify)", options: { historyCache: "verify" } },
  { name: "several, Redis history cache", options: {}, redis: true },
];

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
