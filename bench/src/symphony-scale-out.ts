/**
 * The echo bot on the emulator as it scales out: 1 instance without Redis, 1 instance with Redis,
 * 2 instances with Redis on one feed — against the hand-written undici `fetch` loop (the limit),
 * all in the same run. Figures: the bots' CPU per message (all instances together) and throughput.
 * Redis may add at most 15 % CPU per message.
 *
 * Steady state: every bot is started once and left to run for STEADY_AFTER_S seconds (default 60)
 * before any measurement: an event in an adapter's first second after its first feed read may have
 * been handled by an earlier process, so it looks before it posts (ProcessStart); a few seconds
 * suffice (STEADY_AFTER_S=5). Then each contestant is warmed by WARMUP rounds
 * and measured for ROUNDS, in rotating order over REPEATS blocks, so the machine's noise falls on all.
 * Each contestant has its own pod process (emulator and load, `support/echo-pod.ts`) and its own
 * Redis, so none pays for another's store.
 *
 * A fifth setup is the control for the two instances: one instance + Redis with half the people,
 * i.e. the share of the traffic each of the two gets.
 *
 * The census (one round per Redis setup, under Redis's MONITOR) counts the round trips by script
 * and what the bots did per message; PROFILE=1 adds one profiled round per sprig setup (self time
 * by area and by function). What they showed (issue 13, December 2026, 8 people × 100 messages):
 * - Two instances coordinate for nothing extra: per message the same Redis calls as one instance
 *   (take turn 1.01: one event in a hundred waited for its turn), no redelivery, every claim
 *   answered "first" (none "held", "again" or "done"), no event given back (HeldElsewhereError),
 *   0.02 turn messages heard on pub/sub (a finished turn is published only when someone waits in
 *   its line), and no 250 ms poll to speak of (it runs only under a waiter).
 * - What costs is the share: each instance sees half the events in flight, so what is paid per
 *   batch or per wake-up is shared by fewer messages. Datafeed reads (each also acknowledges the
 *   batch before it) are 0.16 per message with one reader, 0.34 with two; and the Redis calls and
 *   HTTP requests of the events in flight leave in fewer, smaller writes (node-redis sends what a
 *   tick issued in one write), each a wake-up of the process. The control shows it: one instance
 *   at half the load costs 1.87× per message what it costs at full load, more than two instances
 *   cost (1.62× one instance + Redis). So the rest of the 2-instance figure is not coordination.
 * - The profiler's self time is wall time between samples: on a loaded machine a socket write
 *   that wakes Redis or the pod often hands the core over mid-call, so `writev` shows far more
 *   than the kernel CPU the process is charged (the table's "kernel" column). Read its areas as
 *   where time passes, the CPU column as what is paid.
 * - Cut: an action's two dedupe keys are claimed in one script and completed in one, the
 *   completion sent together with the end of the turn — 7 calls in 7 round trips per message
 *   became 5 calls in 4 (the batch's enters leave together). Before and after, run side by side
 *   on one (busy) machine: 1 instance + Redis / without 1.30× → 1.14×; 2 instances + Redis / 1
 *   without 1.96× → 1.84× (the control at half the load: 1.60× → 1.87× its full load).
 * - Cut again: the scripts issued in one tick go out as one call (a batch's places, the claims of
 *   its actions; an action's completion with the end of its turn), and an action's claim takes
 *   its turn in the same script when the turn is free — 5.32 calls per message became 1.59 (the
 *   end of the turn 1.00; per batch, 0.15 a message each: the places, the claims with their turns,
 *   the read turn's take and its release). Before and after, each a run of its own: quiet
 *   (load < 1.5 to 4), 1 instance + Redis / without 1.29× → 1.17×, 2 instances + Redis / 1
 *   without 2.57× → 2.17×, throughput with Redis 0.42× → 0.77× of the fetch loop's; busy (load
 *   8–13), 1.36× → 1.08× and 1.92× → 1.97×. What is left with Redis is mostly the one call per
 *   message (the end of its turn and its completion, kernel time included).
 *
 *   npx tsx bench/src/symphony-scale-out.ts   (PEOPLE, MESSAGES, WARMUP, ROUNDS, REPEATS, STEADY_AFTER_S, PROFILE)
 */
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import "@sprig/redis";
import { knownScripts, type RedisServer, startRedisServer } from "@sprig/redis/testing";
import type { EchoRound } from "./support/echo-pod.ts";
import { BotProcess, PodProcess } from "./support/echo-processes.ts";
import type { Contestant } from "./support/echo-protocol.ts";
import { goal, recordResults } from "./support/results.ts";

const PEOPLE = Number(process.env.PEOPLE ?? 8);
const MESSAGES = Number(process.env.MESSAGES ?? 100);
const WARMUP = Number(process.env.WARMUP ?? 1);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const REPEATS = Number(process.env.REPEATS ?? 2);
const STEADY_AFTER_S = Number(process.env.STEADY_AFTER_S ?? 60);

interface Setup {
  readonly name: string;
  readonly bot: Contestant;
  readonly instances: number;
  readonly redis: boolean;
  /** People posting at once, if not PEOPLE. */
  readonly people?: number;
}

const SETUPS: readonly Setup[] = [
  { name: "fetch loop (the limit)", bot: "fetch loop", instances: 1, redis: false },
  { name: "sprig, 1 instance", bot: "sprig", instances: 1, redis: false },
  { name: "sprig, 1 instance + Redis", bot: "sprig", instances: 1, redis: true },
  { name: "sprig, 2 instances + Redis", bot: "sprig", instances: 2, redis: true },
  // The control: one instance with what each of the two sees — half the people, so half as many
  // events in flight and smaller batches. What it pays over the full load, two instances pay too.
  {
    name: "sprig, 1 instance + Redis, ½ load",
    bot: "sprig",
    instances: 1,
    redis: true,
    people: Math.max(1, Math.floor(PEOPLE / 2)),
  },
];

/** Commands Redis has processed so far (INFO stats), to show the bots really use it. */
function redisCommands(redis: RedisServer): number {
  const info = spawnSync("redis-cli", ["-p", String(redis.port), "info", "stats"], {
    encoding: "utf8",
  }).stdout;
  return Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? Number.NaN);
}

/** Round trips to Redis in one round, by command (a script by its name), from Redis's MONITOR trace. */
interface Census {
  messages: number;
  calls: Map<string, number>;
  /** Finished turns published by the order's scripts: each one reaches every instance's subscriber. */
  publishes: number;
  /** What the bots did, summed over the instances (`bot-counters.ts`). */
  counts: Map<string, number>;
}

/**
 * One round with Redis's MONITOR on: every command a client sent, one line each; the commands a
 * script runs inside Redis are marked `lua` and are not round trips. Run apart from the measured
 * rounds, since MONITOR slows Redis.
 */
async function census(running: Running): Promise<Census> {
  const monitor = spawn("redis-cli", ["-p", String(running.redis!.port), "monitor"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: monitor.stdout! });
  const calls = new Map<string, number>();
  let publishes = 0;
  const ready = new Promise<void>((resolve) => {
    lines.on("line", (line) => {
      if (line === "OK") return resolve();
      const m = /^[\d.]+ \[\d+ ([^\]]+)\] "([^"]+)"(?: "([^"]*)")?/.exec(line);
      if (!m) return;
      const command = m[2]!.toLowerCase();
      if (m[1] === "lua") {
        if (command === "publish") publishes++;
        return;
      }
      // A script by its digest, named once the bots have said what they combined.
      const name = command.startsWith("eval") ? `${command} ${m[3] ?? ""}` : command;
      calls.set(name, (calls.get(name) ?? 0) + 1);
    });
  });
  await ready;
  for (const bot of running.bots) await bot.ask({ kind: "count" });
  const figures = await running.pod.round();
  // Let the last finishes of the round reach the trace.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const exited = once(monitor, "exit");
  monitor.kill();
  await exited;
  const counts = new Map<string, number>();
  const scripts = new Map(knownScripts());
  for (const bot of running.bots) {
    const answer = (await bot.ask({ kind: "counts" })) as {
      counts: Record<string, number>;
      scripts: Record<string, string>;
    };
    for (const [name, n] of Object.entries(answer.counts)) counts.set(name, (counts.get(name) ?? 0) + n);
    for (const [sha, name] of Object.entries(answer.scripts)) scripts.set(sha, name);
  }
  const named = new Map<string, number>();
  for (const [call, n] of calls) {
    const [command, sha] = call.split(" ");
    const name = sha === undefined ? call : (scripts.get(sha) ?? `${command} (unknown)`);
    named.set(name, (named.get(name) ?? 0) + n);
  }
  return { messages: figures.messages, calls: named, publishes, counts };
}

/** One unmeasured round under the CPU profiler (PROFILE=1): self time by function, all instances summed. */
async function profile(running: Running): Promise<void> {
  for (const bot of running.bots) await bot.ask({ kind: "profile" });
  const figures = await running.pod.round();
  const self = new Map<string, number>();
  for (const bot of running.bots) {
    const answer = (await bot.ask({ kind: "profiled" })) as { selfMicros: Array<[string, number]> };
    for (const [name, micros] of answer.selfMicros) self.set(name, (self.get(name) ?? 0) + micros);
  }
  self.delete("(idle) ");
  running.profile = { messages: figures.messages, self };
}

/** Where a function's code lives: its npm package, sprig's package, or V8's own work. */
function areaOf(name: string): string {
  const file = name.slice(name.indexOf(" ") + 1);
  if (!file) return name.split(" ")[0]!;
  const m = /^(@[^/]+\/[^/]+|[^/]+)\//.exec(file);
  if (!m) return `node:${file.split(/[/:]/)[0]}`;
  return m[1] === "redis" || m[1]?.startsWith("sprig") ? `@sprig/${file.split("/")[0]}` : m[1]!;
}

interface Running {
  readonly setup: Setup;
  readonly pod: PodProcess;
  readonly bots: BotProcess[];
  readonly redis: RedisServer | undefined;
  readonly rounds: Array<
    EchoRound & { botCpuMicros: number; botSystemMicros: number; redisCommands: number }
  >;
  census?: Census;
  profile?: { messages: number; self: Map<string, number> };
}

async function startSetup(setup: Setup): Promise<Running> {
  const pod = await PodProcess.start(setup.people);
  const redis = setup.redis ? await startRedisServer({ appendOnly: true }) : undefined;
  const bots = Array.from({ length: setup.instances }, () =>
    BotProcess.start(setup.bot, pod.configPath, redis?.url),
  );
  for (const bot of bots) await bot.ask({ kind: "start" });
  return { setup, pod, bots, redis, rounds: [] };
}

async function round(running: Running, counted: boolean): Promise<void> {
  for (const bot of running.bots) await bot.ask({ kind: "mark" });
  const before = running.redis ? redisCommands(running.redis) : 0;
  const figures = await running.pod.round();
  let cpu = 0;
  let system = 0;
  for (const bot of running.bots) {
    const used = (await bot.ask({ kind: "cpu" })) as { cpuMicros: number; systemMicros: number };
    cpu += used.cpuMicros;
    system += used.systemMicros;
  }
  // Less the INFO that asked for `before`.
  const commands = running.redis ? redisCommands(running.redis) - before - 1 : 0;
  if (counted)
    running.rounds.push({ ...figures, botCpuMicros: cpu, botSystemMicros: system, redisCommands: commands });
}

function summarise(running: Running) {
  const { rounds } = running;
  const messages = rounds.reduce((n, r) => n + r.messages, 0);
  const seconds = rounds.reduce((n, r) => n + r.seconds, 0);
  const latencies = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  return {
    perSecond: messages / seconds,
    p50: latencies[Math.floor(latencies.length / 2)] ?? Number.NaN,
    botCpu: rounds.reduce((n, r) => n + r.botCpuMicros, 0) / messages,
    botSystem: rounds.reduce((n, r) => n + r.botSystemMicros, 0) / messages,
    redisPerMessage: rounds.reduce((n, r) => n + r.redisCommands, 0) / messages,
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const all: Running[] = [];
  for (const setup of SETUPS) all.push(await startSetup(setup));
  const wait = STEADY_AFTER_S * 1000 - (Date.now() - started);
  if (wait > 0) {
    console.log(
      `every bot started; waiting ${Math.round(wait / 1000)} s for the adapters' first minute to pass`,
    );
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    for (let i = 0; i < all.length; i++) {
      const running = all[(repeat + i) % all.length]!;
      for (let r = 0; r < WARMUP; r++) await round(running, false);
      if (running.redis && !running.census) running.census = await census(running);
      if (process.env.PROFILE && running.setup.bot === "sprig" && !running.profile) await profile(running);
      for (let r = 0; r < ROUNDS; r++) await round(running, true);
    }
  }
  for (const running of all) {
    for (const bot of running.bots) {
      await bot.ask({ kind: "stop" });
      await bot.close();
    }
    await running.pod.close();
    await running.redis?.stop();
  }

  const figures = new Map(all.map((r) => [r.setup.name, summarise(r)]));
  console.log(
    `echo bot scaling out on the emulator: ${PEOPLE} people × ${MESSAGES} messages a round, ${REPEATS} blocks × (${WARMUP} warm-up + ${ROUNDS} measured rounds) per setup, after ${STEADY_AFTER_S} s of steady running; Node ${process.version}`,
  );
  for (const [name, f] of figures) {
    console.log(
      `${name.padEnd(34)} ${f.perSecond.toFixed(0).padStart(5)} msg/s   p50 ${f.p50.toFixed(2).padStart(6)} ms   bot CPU ${f.botCpu.toFixed(0).padStart(5)} µs/msg (kernel ${f.botSystem.toFixed(0).padStart(4)})` +
        (f.redisPerMessage ? `   Redis ${f.redisPerMessage.toFixed(1)} commands/msg` : ""),
    );
  }
  for (const running of all) {
    const c = running.census;
    if (!c) continue;
    const total = [...c.calls.values()].reduce((n, v) => n + v, 0);
    const each = [...c.calls]
      .sort((a, b) => b[1] - a[1])
      .map(([name, n]) => `${name} ${(n / c.messages).toFixed(2)}`)
      .join(", ");
    console.log(
      `${running.setup.name.padEnd(34)} Redis calls (round trips) per message: ${(total / c.messages).toFixed(2)}  [${each}]`,
    );
    const did = [...c.counts]
      .sort((a, b) => b[1] - a[1])
      .map(([name, n]) => `${name} ${(n / c.messages).toFixed(3)}`)
      .join(", ");
    const heard = (c.publishes * running.bots.length) / c.messages;
    console.log(`${"".padEnd(34)} per message: ${did}, turn messages heard (pub/sub) ${heard.toFixed(3)}`);
  }
  for (const running of all) {
    const p = running.profile;
    if (!p) continue;
    const areas = new Map<string, number>();
    for (const [name, micros] of p.self) areas.set(areaOf(name), (areas.get(areaOf(name)) ?? 0) + micros);
    const top = (map: Map<string, number>, n: number) =>
      [...map]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([name, micros]) => `${name} ${(micros / p.messages).toFixed(0)}`)
        .join("; ");
    console.log(`${running.setup.name.padEnd(34)} profiled self time, µs/msg, by area: ${top(areas, 12)}`);
    console.log(`${"".padEnd(34)} by function: ${top(p.self, 15)}`);
  }
  const limit = figures.get("fetch loop (the limit)")!;
  const one = figures.get("sprig, 1 instance")!;
  const oneRedis = figures.get("sprig, 1 instance + Redis")!;
  const two = figures.get("sprig, 2 instances + Redis")!;
  const half = figures.get("sprig, 1 instance + Redis, ½ load")!;
  const results = [
    goal(
      "bot CPU per message: 1 instance + Redis / without",
      oneRedis.botCpu / one.botCpu,
      "≤",
      1.15,
      `${oneRedis.botCpu.toFixed(0)} / ${one.botCpu.toFixed(0)} µs`,
    ),
    goal(
      "bot CPU per message: 2 instances + Redis / 1 without",
      two.botCpu / one.botCpu,
      "≤",
      1.15,
      `${two.botCpu.toFixed(0)} / ${one.botCpu.toFixed(0)} µs (both instances' CPU)`,
    ),
    {
      name: "bot CPU per message: 2 instances + Redis / 1 instance + Redis",
      ratio: two.botCpu / oneRedis.botCpu,
      detail: `${two.botCpu.toFixed(0)} / ${oneRedis.botCpu.toFixed(0)} µs`,
    },
    {
      name: "bot CPU per message: 1 instance + Redis at ½ load / at full load (what a smaller share costs)",
      ratio: half.botCpu / oneRedis.botCpu,
      detail: `${half.botCpu.toFixed(0)} / ${oneRedis.botCpu.toFixed(0)} µs`,
    },
    {
      name: "throughput: 1 instance without Redis / fetch loop",
      ratio: one.perSecond / limit.perSecond,
      detail: `${one.perSecond.toFixed(0)} / ${limit.perSecond.toFixed(0)} msg/s`,
    },
    {
      name: "throughput: 1 instance + Redis / fetch loop",
      ratio: oneRedis.perSecond / limit.perSecond,
      detail: `${oneRedis.perSecond.toFixed(0)} / ${limit.perSecond.toFixed(0)} msg/s`,
    },
    {
      name: "throughput: 2 instances + Redis / fetch loop",
      ratio: two.perSecond / limit.perSecond,
      detail: `${two.perSecond.toFixed(0)} / ${limit.perSecond.toFixed(0)} msg/s`,
    },
    {
      name: "bot CPU per message: 1 instance without Redis / fetch loop",
      ratio: one.botCpu / limit.botCpu,
      detail: `${one.botCpu.toFixed(0)} / ${limit.botCpu.toFixed(0)} µs`,
    },
  ];
  for (const f of results)
    console.log(
      `${f.name}: ${f.ratio.toFixed(2)}×${"goal" in f && f.goal ? ` (goal ${f.goal}: ${f.met ? "met" : "MISSED"})` : ""}   [${f.detail}]`,
    );
  const notes = [
    `measured after ${STEADY_AFTER_S} s of running (an event in an adapter's first second is looked up before it is answered)`,
  ];
  if (!(oneRedis.redisPerMessage > 0))
    notes.push(
      "the bots sent Redis no command: Redis is not wired into the adapter in this build; the with-Redis rows measure nothing more than without",
    );
  for (const note of notes) console.log(`note: ${note}`);
  recordResults("symphony-scale-out", results, notes);
}

await main();
