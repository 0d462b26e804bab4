/**
 * An echo bot end to end on the emulator, over HTTP on loopback: sprig (core + @sprig/symphony's
 * adapter: auth, datafeed v2, event → action, routing, rendering, send) against a minimal
 * hand-written loop (read datafeed v2 with ackId, post the reply, ack) — the practical limit — on
 * the same emulator, in the same run, rotating rounds so that the shared machine's noise falls on
 * all. The loop runs twice: on raw undici `fetch` (the baseline) and on undici `request`
 * (the cheapest client there is, and the one sprig uses: a stricter baseline). One warm-up round
 * of each first, not counted.
 *
 * The emulator and the load run in a child process (`support/echo-pod.ts`); the bot under test runs
 * in this one, as a deployed bot runs apart from its pod. So each side's own cost shows as its CPU
 * per message, and neither pays for the other's (nor for the pod's) promises and garbage.
 *
 * Load: PEOPLE people, each in a 1:1 with the bot, each sending MESSAGES messages one after another
 * (the next when the reply to the previous arrived), all people at once. Latency = a person's post
 * (dev API) → the bot's reply seen on that person's live event stream.
 *
 *   npx tsx bench/src/symphony-echo.ts        (PEOPLE, MESSAGES, ROUNDS in the environment)
 */
import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { createBot, toPlainText } from "@sprig/core";
import { loadConfig, type SymphonyConfig, silentLogger, symphony } from "@sprig/symphony";
import { SignJWT } from "jose";
import { Agent, FormData, fetch, request } from "undici";
import type { EchoPodCommand, EchoPodReady, EchoRound } from "./support/echo-pod.ts";

const BOT_ID = 9001;
const BOT_USERNAME = "sprig";
const PEOPLE = Number(process.env.PEOPLE ?? 8);
const MESSAGES = Number(process.env.MESSAGES ?? 150);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
/** The three bots measured: the hand-written loop on undici `fetch` and on undici `request`, and sprig. */
type Contestant = "fetch loop" | "request loop" | "sprig";
const CONTESTANTS: readonly Contestant[] = ["fetch loop", "request loop", "sprig"];
/** `ONLY=sprig` (or `ONLY="fetch loop"`…) runs one bot alone, for `node --cpu-prof`; no ratios then. */
const ONLY = CONTESTANTS.find((name) => name === process.env.ONLY);
/**
 * `ALS_TAX=1` turns on an AsyncLocalStorage in this process before anything runs, as sprig's core
 * does on its first action (`currentAction()`): in Node 20 that puts promise hooks on every promise
 * of the process. With `ONLY="request loop"` it measures what that costs a bot.
 */
if (process.env.ALS_TAX) new (await import("node:async_hooks")).AsyncLocalStorage().enterWith(1);

interface EchoBot {
  stop(): Promise<void>;
}

// ——— the practical limit: a hand-written loop with raw fetch ———

async function startRawLoop(config: SymphonyConfig, client: "fetch" | "request"): Promise<EchoBot> {
  const { scheme, host, port, context } = config.services.agent;
  const base = `${scheme}://${host}:${port}${context}`;
  const dispatcher = new Agent({ connections: 32 });
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}${path}`, {
      method: "POST",
      dispatcher,
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path} → ${response.status}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const auth = config.bot.auth;
  if (auth.kind !== "rsa") throw new Error("the bench uses RSA authentication");
  const { importPKCS8 } = await import("jose");
  const key = await importPKCS8(auth.privateKeyPem, "RS512");
  const jwt = () =>
    new SignJWT({ sub: BOT_USERNAME })
      .setProtectedHeader({ alg: "RS512" })
      .setExpirationTime(Math.floor(Date.now() / 1000) + 240)
      .sign(key);
  const sessionToken = (await post("/login/pubkey/authenticate", { token: await jwt() })).token as string;
  const keyManagerToken = (await post("/relay/pubkey/authenticate", { token: await jwt() })).token as string;
  const headers = { sessionToken, keyManagerToken };
  const feed = (await post("/agent/v5/datafeeds", {}, headers)).id as string;

  let running = true;
  const abort = new AbortController();
  const loop = (async () => {
    let ackId = "";
    while (running) {
      let batch: Record<string, unknown>;
      try {
        const init = {
          method: "POST",
          dispatcher,
          signal: abort.signal,
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify({ ackId }),
        } as const;
        const url = `${base}/agent/v5/datafeeds/${feed}/read`;
        batch = (
          client === "request"
            ? await (await request(url, init)).body.json()
            : await (await fetch(url, init)).json()
        ) as Record<string, unknown>;
      } catch (error) {
        if (!running) return;
        throw error;
      }
      ackId = (batch.ackId as string | undefined) ?? ackId;
      // biome-ignore lint/suspicious/noExplicitAny: raw JSON on purpose: this loop is the no-framework baseline.
      const events = (batch.events as Array<Record<string, any>> | undefined) ?? [];
      await Promise.all(
        events.map(async (event) => {
          if (event.type !== "MESSAGESENT" || event.initiator?.user?.userId === BOT_ID) return;
          const message = event.payload.messageSent.message;
          const text = String(message.message)
            .replace(/<[^>]*>/g, "")
            .replace(/&lt;/g, "<")
            .replace(/&gt;/g, ">")
            .replace(/&quot;/g, '"')
            .replace(/&#39;/g, "'")
            .replace(/&amp;/g, "&");
          const form = new FormData();
          form.set("message", `<messageML>echo: ${escapeXml(text)}</messageML>`);
          const url = `${base}/agent/v4/stream/${message.stream.streamId}/message/create`;
          const init = { method: "POST", dispatcher, headers, body: form } as const;
          if (client === "request") await (await request(url, init)).body.arrayBuffer();
          else await (await fetch(url, init)).arrayBuffer();
        }),
      );
    }
  })();
  return {
    stop: async () => {
      running = false;
      abort.abort();
      await loop.catch(() => {});
      await fetch(`${base}/agent/v5/datafeeds/${feed}`, { method: "DELETE", dispatcher, headers }).catch(
        () => {},
      );
      await dispatcher.close();
    },
  };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// ——— sprig: the same echo, as a bot author writes it ———

async function startSprigEcho(config: SymphonyConfig): Promise<EchoBot> {
  const bot = createBot({ help: false });
  bot.fallback(({ message }) => `echo: ${toPlainText(message)}`);
  const app = symphony(bot, { config, logger: silentLogger() });
  await app.start();
  return { stop: () => app.stop() };
}

// ——— the pod (emulator and load) in its own process, and the measurement ———

/** The child process holding the emulator and the load (`support/echo-pod.ts`). */
class PodProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly configPath: string,
  ) {}

  static async start(): Promise<PodProcess> {
    // fork() passes this process's execArgv on, so tsx runs the TypeScript child as it runs us.
    const child = fork(new URL("./support/echo-pod.ts", import.meta.url), { stdio: "inherit" });
    const [ready] = (await once(child, "message")) as [EchoPodReady];
    return new PodProcess(child, ready.configPath);
  }

  async round(): Promise<EchoRound> {
    const answer = once(this.child, "message");
    this.child.send({ kind: "drive" } satisfies EchoPodCommand);
    return ((await answer) as [EchoRound])[0];
  }

  async close(): Promise<void> {
    const exited = once(this.child, "exit");
    this.child.send({ kind: "close" } satisfies EchoPodCommand);
    await exited;
  }
}

interface Figures extends EchoRound {
  /** CPU time of this process — the bot alone — during the round, in µs. */
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

async function main(): Promise<void> {
  const pod = await PodProcess.start();
  const config = await loadConfig(pod.configPath, { env: {} });
  const start = (name: Contestant): Promise<EchoBot> =>
    name === "sprig"
      ? startSprigEcho(config)
      : startRawLoop(config, name === "fetch loop" ? "fetch" : "request");
  const run = async (wanted: Contestant): Promise<Figures> => {
    const bot = await start(ONLY ?? wanted);
    const cpu = process.cpuUsage();
    const round = await pod.round();
    const used = process.cpuUsage(cpu);
    await bot.stop();
    return { ...round, botCpuMicros: used.user + used.system };
  };
  // Warm-up (not counted): JIT, sockets and the emulator's store, for each.
  for (const name of CONTESTANTS) await run(name);
  // Measured rounds, rotating the order so that none always follows another.
  const figures = new Map<Contestant, Figures[]>(CONTESTANTS.map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < CONTESTANTS.length; i++) {
      const name = CONTESTANTS[(round + i) % CONTESTANTS.length]!;
      figures.get(name)!.push(await run(name));
    }
  }
  await pod.close();

  const summary = new Map(CONTESTANTS.map((name) => [name, summarise(figures.get(name)!)]));
  const line = (name: string, f: ReturnType<typeof summarise>) =>
    `${name.padEnd(24)} ${f.perSecond.toFixed(0).padStart(6)} msg/s   p50 ${f.p50.toFixed(2).padStart(6)} ms   p99 ${f.p99.toFixed(2).padStart(6)} ms   mean ${f.mean.toFixed(2).padStart(6)} ms   bot CPU ${f.botCpu.toFixed(0).padStart(4)} µs/msg   pod CPU ${f.podCpu.toFixed(0).padStart(4)} µs/msg`;
  console.log(
    `echo bot on the emulator, ${PEOPLE} people × ${MESSAGES} messages × ${ROUNDS} measured rounds each after a warm-up (rotating order); bot in this process, emulator and load in a child; Node ${process.version}`,
  );
  for (const [name, f] of summary) console.log(line(name, f));
  const s = summary.get("sprig")!;
  for (const baseline of ["fetch loop", "request loop"] as const) {
    const r = summary.get(baseline)!;
    console.log(
      `sprig against the ${baseline}${baseline === "fetch loop" ? " (the issue's baseline)" : " (stricter)"}: ` +
        `throughput ${(s.perSecond / r.perSecond).toFixed(2)}× (goal ≥ 0.9), p50 ${(s.p50 / r.p50).toFixed(2)}×, ` +
        `p99 ${(s.p99 / r.p99).toFixed(2)}× (goal ≤ 1.2), bot CPU per message ${(s.botCpu / r.botCpu).toFixed(2)}×`,
    );
  }
}

await main();
