/**
 * An echo bot end to end on the emulator, over HTTP on loopback: sprig (core + @sprig/symphony's
 * adapter: auth, datafeed v2, event → action, routing, rendering, send) against a minimal
 * hand-written loop (read datafeed v2 with ackId, post the reply, ack) — the practical limit — on
 * the same emulator, in the same run, in rotating blocks so that the shared machine's noise falls
 * on all. The loop runs twice: on raw undici `fetch` (the baseline) and on undici
 * `request` (the cheapest client there is, and the one sprig uses: a stricter baseline).
 *
 * The emulator and the load run in a child process (`support/echo-pod.ts`), and each bot in one of
 * its own (`support/echo-bot.ts`), as a deployed bot runs apart from its pod. So each bot's own cost
 * shows as its CPU per message, and none pays for another's (or the pod's) promises, garbage, JIT
 * state or async hooks.
 *
 * Load: PEOPLE people, each in a 1:1 with the bot, each sending MESSAGES messages one after another
 * (the next when the reply to the previous arrived), all people at once. Latency = a person's post
 * (dev API) → the bot's reply seen on that person's live event stream.
 *
 * Two figures per bot. Steady state: rounds while the bot has been up a while (the main figure,
 * the bot's life). Just started: the one round right after a start, where sprig looks up the
 * answers of the events stamped before (and about a second after) its first datafeed read — an
 * earlier process may have handled them (see "Restarts" in the symphony README).
 *
 *   npx tsx bench/src/symphony-echo.ts        (PEOPLE, MESSAGES, WARMUP, ROUNDS, REPEATS in the environment)
 */
import type { EchoRound } from "./support/echo-pod.ts";
import { BotProcess, PodProcess } from "./support/echo-processes.ts";
import { CONTESTANTS, type Contestant } from "./support/echo-protocol.ts";

const PEOPLE = Number(process.env.PEOPLE ?? 8);
const MESSAGES = Number(process.env.MESSAGES ?? 150);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
/** Uncounted rounds that warm each bot process up before its measured ones. */
const WARMUP = Number(process.env.WARMUP ?? 3);
/** Blocks of ROUNDS rounds per bot, each bot in a fresh process per block. */
const REPEATS = Number(process.env.REPEATS ?? 2);
/** `ONLY=sprig` (or `ONLY="fetch loop"`…) puts that bot in every slot, for `node --cpu-prof`; ratios then mean nothing. */
const ONLY = CONTESTANTS.find((name) => name === process.env.ONLY);

// ——— the pod (emulator and load) in its own process, and the measurement ———

interface Figures extends EchoRound {
  /** CPU time of the bot's process during the round, in µs. */
  readonly botCpuMicros: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function summarise(runs: readonly Figures[]) {
  const messages = runs.reduce((n, r) => n + r.messages, 0);
  const seconds = runs.reduce((n, r) => n + r.seconds, 0);
  const sorted = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return {
    perSecond: messages / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean,
    botCpu: runs.reduce((n, r) => n + r.botCpuMicros, 0) / messages,
    podCpu: runs.reduce((n, r) => n + r.podCpuMicros, 0) / messages,
  };
}

/** One round while `bot` runs, and the CPU its process spent on it. */
async function measure(bot: BotProcess, pod: PodProcess): Promise<Figures> {
  await bot.ask({ kind: "mark" });
  const round = await pod.round();
  const { cpuMicros } = await bot.ask<"cpu">({ kind: "cpu" });
  return { ...round, botCpuMicros: cpuMicros };
}

type Phase = "steady" | "just started";

async function main(): Promise<void> {
  const figures = new Map<Phase, Map<Contestant, Figures[]>>(
    (["steady", "just started"] as const).map((phase) => [
      phase,
      new Map(CONTESTANTS.map((name) => [name, []])),
    ]),
  );
  // Blocks: each bot in a fresh process against a fresh pod, started once, WARMUP rounds (not
  // counted) then ROUNDS measured rounds back to back, so each is measured warm and steady. (Every
  // bot here, the loops too, needs about three rounds — some 4,000 messages — before its CPU per
  // message settles, at about half that of its first round; a process left idle while the others
  // take turns cools down again. A fresh pod per block keeps a pod whose store grew with every
  // earlier block from slowing whichever bot comes last.) Then the bot is stopped and started
  // again, still warm, for one round just after its start. The block order rotates from one
  // repeat to the next, so the machine's noise falls on all.
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    for (let i = 0; i < CONTESTANTS.length; i++) {
      const name = CONTESTANTS[(repeat + i) % CONTESTANTS.length]!;
      const pod = await PodProcess.start();
      const bot = BotProcess.start(ONLY ?? name, pod.configPath);
      await bot.ask({ kind: "start" });
      for (let round = 0; round < WARMUP; round++) await measure(bot, pod);
      for (let round = 0; round < ROUNDS; round++)
        figures
          .get("steady")!
          .get(name)!
          .push(await measure(bot, pod));
      await bot.ask({ kind: "stop" });
      await bot.ask({ kind: "start" });
      figures
        .get("just started")!
        .get(name)!
        .push(await measure(bot, pod));
      await bot.ask({ kind: "stop" });
      await bot.close();
      await pod.close();
    }
  }

  const line = (name: string, f: ReturnType<typeof summarise>) =>
    `${name.padEnd(24)} ${f.perSecond.toFixed(0).padStart(6)} msg/s   p50 ${f.p50.toFixed(2).padStart(6)} ms   p99 ${f.p99.toFixed(2).padStart(6)} ms   mean ${f.mean.toFixed(2).padStart(6)} ms   bot CPU ${f.botCpu.toFixed(0).padStart(4)} µs/msg   pod CPU ${f.podCpu.toFixed(0).padStart(4)} µs/msg`;
  console.log(
    `echo bot on the emulator, ${PEOPLE} people × ${MESSAGES} messages × ${REPEATS} blocks × ${ROUNDS} measured rounds per bot, each block a fresh bot process and a fresh pod process (emulator and load), warmed by ${WARMUP} uncounted rounds, then one round just after a restart of the bot (rotating order); Node ${process.version}`,
  );
  for (const [phase, byBot] of figures) {
    console.log(
      `— ${phase}${phase === "steady" ? " (the bot up a while: the main figure)" : " (the first round after a start)"}`,
    );
    const summary = new Map(CONTESTANTS.map((name) => [name, summarise(byBot.get(name)!)]));
    for (const [name, f] of summary) console.log(line(name, f));
    const s = summary.get("sprig")!;
    for (const baseline of ["fetch loop", "request loop"] as const) {
      const r = summary.get(baseline)!;
      console.log(
        `${phase}: sprig against the ${baseline}${baseline === "fetch loop" ? " (the issue's baseline)" : " (stricter)"}: ` +
          `throughput ${(s.perSecond / r.perSecond).toFixed(2)}× (goal ≥ 0.9), p50 ${(s.p50 / r.p50).toFixed(2)}×, ` +
          `p99 ${(s.p99 / r.p99).toFixed(2)}× (goal ≤ 1.2), bot CPU per message ${(s.botCpu / r.botCpu).toFixed(2)}×`,
      );
    }
  }
}

await main();
