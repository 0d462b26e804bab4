/**
 * Emulator throughput: messages created (REST multipart, as bots send them) by 10 concurrent senders and
 * delivered to ONE datafeed v2 reader (reading and acknowledging as the BDK loop does); reports messages/s
 * and the create → read latency percentiles.
 *
 * Baseline, same run, same process layout: a bare node:http server doing one JSON round trip per message
 * (parse the request, answer JSON) with the same 10 concurrent senders — the practical ceiling of
 * "one HTTP request per message" on this machine. Goals: >= 3,000 msg/s, p99 < 50 ms.
 *
 * Run: npx tsx bench/src/emulator-throughput.ts [messagesPerSender=500]
 * Two layouts, each with its own baseline: the server in a separate process (the CLI, as a bot meets
 * it), and everything in one process (startEmulator, as tests use it).
 */
import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { Agent, createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator } from "@sprig/emulator";
import { SignJWT } from "jose";

const here = dirname(fileURLToPath(import.meta.url));
const SENDERS = 10;
const PER_SENDER = Number(process.argv[2] ?? 500);
const TOTAL = SENDERS * PER_SENDER;

/**
 * The load generator uses node:http with a keep-alive agent rather than fetch: in one shared process,
 * undici's stream machinery would otherwise dominate the profile and measure the client, not the server.
 * Multipart bodies are written by hand, as BDK-Java does.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function post(
  url: string,
  headers: Record<string, string>,
  body: string | Buffer,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: "POST", agent, headers: { ...headers, "content-length": Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** The fields the benchmark reads of the emulator's JSON answers (login, user, room, feed). */
interface Answer {
  readonly token: string;
  readonly id: number | string;
  readonly username: string;
  readonly streamId: string;
}

async function json(res: Response): Promise<Answer> {
  if (!res.ok) throw new Error(`${res.url} → ${res.status} ${await res.text()}`);
  return (await res.json()) as Answer;
}

/** What the benchmark reads of a datafeed v2 read: the ack id and each message's text. */
interface FeedRead {
  readonly ackId: string;
  readonly events: ReadonlyArray<{
    readonly type: string;
    readonly payload: { readonly messageSent: { readonly message: { readonly message: string } } };
  }>;
}

async function postJson<T = unknown>(
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<T> {
  const res = await post(url, { ...headers, "content-type": "application/json" }, JSON.stringify(body));
  if (res.status >= 300) throw new Error(`${url} → ${res.status} ${res.text}`);
  return JSON.parse(res.text) as T;
}

const BOUNDARY = "sprigbench7MA4YWxkTrZu0gW";
function multipartMessage(messageML: string): string {
  return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="message"\r\n\r\n${messageML}\r\n--${BOUNDARY}--\r\n`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** CPU time this process spent per message (user + system), a steadier figure than wall time on a shared machine. */
function cpuPerMessage(before: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / TOTAL;
}

interface Result {
  /** In-process runs only: CPU µs per message of load generator + server together. */
  cpuMicrosPerMessage?: number;
  /** Datafeed reads the reader made (fewer = bigger batches). */
  reads?: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
}

function summarise(latencies: number[], elapsedMs: number): Result {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    perSecond: (latencies.length / elapsedMs) * 1000,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? 0,
  };
}

type Mode = "in-process" | "separate-process";

/** The emulator under test: in this process, or as its CLI in a child process (as a bot meets it). */
async function startTarget(mode: Mode): Promise<{ url: string; close: () => Promise<void> }> {
  if (mode === "in-process")
    return startEmulator({ datafeed: { longPollMs: 1000 }, log: (line) => console.error(line) });
  return spawnServer(process.execPath, [
    join(here, "../../packages/emulator/bin/sprig-emulator.js"),
    "--port",
    "0",
  ]);
}

/** Spawns a server process that prints its base URL on stdout. */
async function spawnServer(
  command: string,
  args: string[],
): Promise<{ url: string; close: () => Promise<void> }> {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const found = /https?:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (found) resolve(found[0]);
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    url,
    close: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

async function emulatorRun(mode: Mode): Promise<Result> {
  const emu = await startTarget(mode);
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const publicKeyPem = publicKey.export({ type: "spki", format: "pem" });
  const dev = (path: string, body: unknown) =>
    fetch(`${emu.url}/emulator/v1${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }).then(json);
  const loginAs = async (username: string) => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: "RS512" })
      .setSubject(username)
      .setExpirationTime("4m")
      .sign(privateKey);
    const auth = (path: string) =>
      fetch(`${emu.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token }),
      }).then(json);
    return {
      sessionToken: (await auth("/login/pubkey/authenticate")).token,
      keyManagerToken: (await auth("/relay/pubkey/authenticate")).token,
    };
  };

  const reader = await dev("/users", { username: "reader-bot", bot: true, publicKey: publicKeyPem });
  const senders = [];
  for (let i = 0; i < SENDERS; i++)
    senders.push(await dev("/users", { username: `sender-${i}`, bot: true, publicKey: publicKeyPem }));
  const room = await dev("/rooms", {
    name: "bench",
    creatorId: reader.id,
    memberIds: senders.map((s) => s.id),
  });
  const readerHeaders = await loginAs("reader-bot");
  const feed = await fetch(`${emu.url}/agent/v5/datafeeds`, { method: "POST", headers: readerHeaders }).then(
    json,
  );

  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let started = 0;
  let finished = 0;
  let reads = 0;
  const readLoop = (async () => {
    let ackId = "";
    while (latencies.length < TOTAL) {
      reads++;
      const read = await postJson<FeedRead>(`${emu.url}/agent/v5/datafeeds/${feed.id}/read`, readerHeaders, {
        ackId,
      });
      const now = performance.now();
      ackId = read.ackId;
      for (const event of read.events) {
        if (event.type !== "MESSAGESENT") continue;
        const key = /msg-(\d+-\d+)/.exec(event.payload.messageSent.message.message)?.[1];
        const t0 = key ? sentAt.get(key) : undefined;
        if (t0 !== undefined) latencies.push(now - t0);
      }
    }
    finished = performance.now();
  })();

  const sessions = await Promise.all(senders.map((s) => loginAs(s.username)));
  started = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(
    sessions.map(async (headers, s) => {
      for (let i = 0; i < PER_SENDER; i++) {
        const body = multipartMessage(`<messageML>msg-${s}-${i} from sender ${s}</messageML>`);
        sentAt.set(`${s}-${i}`, performance.now());
        const res = await post(
          `${emu.url}/agent/v4/stream/${room.streamId}/message/create`,
          { ...headers, "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
          body,
        );
        if (res.status !== 200) throw new Error(`create → ${res.status} ${res.text}`);
      }
    }),
  );
  await readLoop;
  await emu.close();
  return {
    ...summarise(latencies, finished - started),
    reads,
    cpuMicrosPerMessage: cpuPerMessage(cpuBefore),
  };
}

/** The baseline server: one JSON round trip per message, nothing else. */
const ECHO_SERVER = `
const server = require("node:http").createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const message = JSON.parse(Buffer.concat(chunks).toString());
    const body = JSON.stringify({ messageId: "x", message: message.text });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(0, "127.0.0.1", () => console.log("http://127.0.0.1:" + server.address().port));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
`;

async function startBaseline(mode: Mode): Promise<{ url: string; close: () => Promise<void> }> {
  if (mode === "separate-process") return spawnServer(process.execPath, ["-e", ECHO_SERVER]);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const message = JSON.parse(Buffer.concat(chunks).toString()) as { text: string };
      const body = JSON.stringify({ messageId: "x", message: message.text });
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function baselineRun(mode: Mode): Promise<Result> {
  const server = await startBaseline(mode);
  const url = `${server.url}/`;
  const latencies: number[] = [];
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(
    Array.from({ length: SENDERS }, async (_, s) => {
      for (let i = 0; i < PER_SENDER; i++) {
        const t0 = performance.now();
        await postJson(url, {}, { text: `msg-${s}-${i}` });
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = performance.now() - started;
  await server.close();
  return { ...summarise(latencies, elapsed), cpuMicrosPerMessage: cpuPerMessage(cpuBefore) };
}

const fmt = (r: Result) =>
  (r.reads === undefined ? "" : `(${(TOTAL / r.reads).toFixed(1)} events/read) `) +
  `${r.perSecond.toFixed(0).padStart(6)} msg/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   max ${r.max.toFixed(1).padStart(6)} ms` +
  (r.cpuMicrosPerMessage === undefined
    ? ""
    : `   cpu ${r.cpuMicrosPerMessage.toFixed(0)} µs/msg (this process)`);

console.log(
  `emulator throughput: ${SENDERS} senders x ${PER_SENDER} messages, one datafeed reader (create → read latency)`,
);
for (const mode of ["separate-process", "in-process"] as const) {
  await baselineRun(mode); // warm-up (JIT, connection pool)
  const baseline = await baselineRun(mode);
  const emulator = await emulatorRun(mode);
  console.log(
    `[${mode}: ${mode === "in-process" ? "load generator and server share one process" : "server in its own process, as a bot meets it"}]`,
  );
  console.log(`  baseline (bare node:http JSON round trip): ${fmt(baseline)}`);
  console.log(`  emulator (multipart create → datafeed):    ${fmt(emulator)}`);
  console.log(
    `  ratio emulator/baseline: throughput ${(emulator.perSecond / baseline.perSecond).toFixed(2)}x, p99 latency ${(emulator.p99 / baseline.p99).toFixed(2)}x`,
  );
  console.log(
    `  goals: >= 3000 msg/s ${emulator.perSecond >= 3000 ? "MET" : "NOT MET"}, p99 < 50 ms ${emulator.p99 < 50 ? "MET" : "NOT MET"}`,
  );
}
agent.destroy();
