/**
 * Core throughput: actions handled per second for a two-variable command
 * ("/add {a:number} {b:number}") on the test kit's in-memory platform, on one core (one Node
 * thread), against a baseline measured in the same run: a bare hand-written regex dispatch doing
 * the same work (match the command, read two numbers, call the handler, record the reply).
 *
 * Three sprig figures:
 *   handle, sequential   bot.handle(action) awaited one at a time (prebuilt actions)
 *   handle, batched      batches of 256 actions over 64 conversations, awaited together
 *   end to end           typed text → action (the platform parses it) → handle → send, batched
 *
 * Each figure is given per second of wall-clock time and per second of CPU time this process used
 * (on a shared, loaded machine the CPU figure is the closer estimate of one free core).
 *
 * Run: npx tsx bench/src/core-throughput.ts [seconds-per-round=1] [rounds=5]
 * (tsx's transform keeps function names with a call per closure created; a build without
 * keepNames, e.g. `esbuild --bundle`, runs the same code a little faster.)
 */

import { cpus, loadavg } from "node:os";
import { type Action, createBot, silentLogger, type User } from "@sprig/core";
import { InMemoryPlatform } from "@sprig/testing";

const loadAtStart = loadavg();
const SECONDS = Number(process.argv[2] ?? 1);
const ROUNDS = Number(process.argv[3] ?? 5);
const BATCH = 256;
const CONVERSATIONS = 64;

function makeBot() {
  const bot = createBot({ logger: silentLogger });
  bot.command("add {a:number} {b:number}", ({ vars }) => `${vars.a} + ${vars.b} = ${vars.a + vars.b}`);
  bot.command("echo {words...}", ({ vars }) => vars.words.join(" "));
  bot.command("new", () => "new");
  const platform = new InMemoryPlatform(bot, { transcriptLimit: 1_000 });
  const users: User[] = Array.from({ length: CONVERSATIONS }, (_, i) => platform.directory.user(`user${i}`));
  return { bot, platform, users };
}

interface Rate {
  /** Actions per second of wall-clock time. */
  readonly wall: number;
  /**
   * Actions per second of CPU time this process used: on a shared, loaded machine this is the
   * closer estimate of what one free core does (the wall figure includes waiting for the CPU).
   */
  readonly cpu: number;
}

/** Runs `round` repeatedly for SECONDS and returns operations per second. */
async function measure(round: () => Promise<number>): Promise<Rate> {
  let ops = 0;
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(SECONDS * 1e9));
  let now = start;
  while (now < deadline) {
    ops += await round();
    now = process.hrtime.bigint();
  }
  const cpu = process.cpuUsage(cpuStart);
  return { wall: ops / (Number(now - start) / 1e9), cpu: ops / ((cpu.user + cpu.system) / 1e6) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

// ── sprig ──────────────────────────────────────────────────────────────────────────────
const sprig = makeBot();
let counter = 0;
function action(i: number): Action {
  const user = sprig.users[i % CONVERSATIONS]!;
  counter++;
  return sprig.platform.message(user, user, `/add ${counter % 1000} ${i % 97}`);
}
const prebuilt: Action[] = Array.from({ length: BATCH * 40 }, (_, i) => action(i));
let cursor = 0;
/** A prebuilt action with a fresh event id (so dedupe lets it through, as a new event). */
function nextPrebuilt(): Action {
  const base = prebuilt[cursor++ % prebuilt.length]!;
  return { ...base, eventId: `b${counter++}` };
}

async function sprigSequential(): Promise<number> {
  for (let i = 0; i < BATCH; i++) await sprig.bot.handle(nextPrebuilt());
  return BATCH;
}
async function sprigBatched(): Promise<number> {
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < BATCH; i++) pending.push(sprig.bot.handle(nextPrebuilt()));
  await Promise.all(pending);
  return BATCH;
}
async function sprigEndToEnd(): Promise<number> {
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < BATCH; i++) pending.push(sprig.platform.deliver(action(i)));
  await Promise.all(pending);
  return BATCH;
}

// ── baseline: a bare regex dispatch doing the same work ─────────────────────────────────
const ADD = /^\/?add\s+(-?\d+)\s+(-?\d+)$/i;
const ECHO = /^\/?echo\s+(.+)$/i;
const NEW = /^\/?new$/i;
const replies: string[] = [];
const texts = Array.from({ length: BATCH * 40 }, (_, i) => `/add ${i % 1000} ${i % 97}`);
function baselineHandle(text: string): void {
  const add = ADD.exec(text);
  const echo = add ? null : ECHO.exec(text);
  if (add) {
    const a = Number(add[1]);
    const b = Number(add[2]);
    replies.push(`${a} + ${b} = ${a + b}`);
  } else if (echo) replies.push(echo[1]!);
  else if (NEW.test(text)) replies.push("new");
  if (replies.length > 1_000) replies.length = 0;
}
let baselineCursor = 0;
async function baselineAsync(): Promise<number> {
  // Same shape as the bot: one awaited call per action.
  for (let i = 0; i < BATCH; i++)
    await Promise.resolve(baselineHandle(texts[baselineCursor++ % texts.length]!));
  return BATCH;
}

async function main() {
  // Sanity: the bot really answers.
  const check = await sprig.bot.handle(nextPrebuilt());
  if (check.status !== "command" || check.sent !== 1)
    throw new Error(`unexpected outcome ${JSON.stringify(check)}`);

  const cases: [string, () => Promise<number>][] = [
    ["baseline: regex dispatch (awaited)", baselineAsync],
    ["sprig: handle, sequential", sprigSequential],
    ["sprig: handle, batched", sprigBatched],
    ["sprig: end to end, batched", sprigEndToEnd],
  ];
  for (const [, run] of cases) await measure(run); // warm-up
  const results = new Map<string, Rate[]>(cases.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, run] of cases) results.get(name)!.push(await measure(run));
  }
  const wall = (name: string) => median(results.get(name)!.map((r) => r.wall));
  const cpu = (name: string) => median(results.get(name)!.map((r) => r.cpu));
  const baseline = cases[0]![0];
  const fmt = (n: number) => Math.round(n).toLocaleString("en-US").padStart(11);
  console.log(
    `core throughput — node ${process.version}, one thread, ${ROUNDS} rounds of ${SECONDS}s, medians`,
  );
  console.log("command: /add {a:number} {b:number} (two variables), in-memory platform, 64 conversations");
  console.log(
    `load average at start: ${loadAtStart.map((l) => l.toFixed(1)).join(" ")} on ${cpus().length} cores`,
  );
  console.log(`${"".padEnd(38)} ${"wall /s".padStart(11)} ${"CPU /s".padStart(11)}   vs baseline (CPU)`);
  for (const [name] of cases) {
    console.log(
      `${name.padEnd(38)} ${fmt(wall(name))} ${fmt(cpu(name))}   ${(cpu(name) / cpu(baseline)).toFixed(4)} ×`,
    );
  }
  const goal = cpu("sprig: handle, batched");
  console.log(
    `goal ≥ 100,000 actions per CPU-second (handle, batched): ${goal >= 100_000 ? "met" : "NOT met"}`,
  );
}

await main();
