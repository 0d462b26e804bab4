/**
 * Emulator throughput: messages created (REST multipart, as bots send them) by 10 concurrent senders and
 * delivered to ONE datafeed v2 reader (reading and acknowledging as the BDK loop does); reports messages/s,
 * the create → read latency percentiles and the server process's CPU time per message.
 *
 * Baseline, same run, same client load, same process layout (server in its own process, as a bot meets
 * it): `support/bare-pod.ts`, a bare node:http server that parses the multipart create minimally, queues
 * the message and answers the long-poll read with it as JSON — the practical limit of any pod on node:http.
 * Goal: the emulator reaches 0.75x the baseline's rate.
 *
 * Rounds alternate baseline / emulator (each server warmed up first); the medians are reported, so a
 * neighbour's burst on a shared machine skews one round, not the result.
 *
 * CPU per message is reported for the server (from /proc) and for this load generator: on a shared machine
 * the wall-clock rate moves with the neighbours' load, CPU per message far less. The emulator's throughput
 * is bounded by client + server CPU per message when the cores are busy, so both are shown. With two cores,
 * client and server on one each, the rate is bounded by the larger of the two: the rate goal holds
 * steadily only when the emulator's server CPU per message is about the client's, which is the second
 * goal: at most 1.9x the bare pod's server CPU per message, measured in the same run.
 *
 * Run: npx tsx bench/src/emulator-throughput.ts [messagesPerSender=500] [rounds=3]
 * Profile the emulator: EMULATOR_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npx tsx bench/src/emulator-throughput.ts
 * (BASELINE_FLAGS does the same for the baseline). A wall-clock profile over-counts the socket writes that
 * wake the client (the writer is often preempted there on a busy machine): read CPU per message beside it.
 */
import { type ChildProcess, fork } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { SignJWT } from "jose";

const here = dirname(fileURLToPath(import.meta.url));
const SENDERS = 10;
const PER_SENDER = Number(process.argv[2] ?? 500);
const ROUNDS = Number(process.argv[3] ?? 3);
const GOAL_RATIO = 0.75;
/** Emulator server CPU per message / the bare pod's, at most (see above). */
const CPU_GOAL_RATIO = 1.9;

/**
 * node:http with a keep-alive agent rather than fetch: undici's stream machinery would make the load
 * generator the bottleneck. Multipart bodies are written by hand, as BDK-Java does.
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

async function postJson<T>(url: string, headers: Record<string, string>, body: unknown): Promise<T> {
  const res = await post(url, { ...headers, "content-type": "application/json" }, JSON.stringify(body));
  if (res.status >= 300) throw new Error(`${url} → ${res.status} ${res.text}`);
  return JSON.parse(res.text) as T;
}

/** What the benchmark reads of a datafeed v2 read: the ack id and each message's text. */
interface FeedRead {
  readonly ackId: string;
  readonly events: ReadonlyArray<{
    readonly type: string;
    readonly payload: { readonly messageSent: { readonly message: { readonly message: string } } };
  }>;
}

const BOUNDARY = "sprigbench7MA4YWxkTrZu0gW";
function multipartMessage(messageML: string): string {
  return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="message"\r\n\r\n${messageML}\r\n--${BOUNDARY}--\r\n`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** A server process, its base URL, and its CPU time so far (µs, from /proc; 0 where there is none). */
interface ServerProcess {
  readonly url: string;
  cpuMicros(): number;
  /** Read and write system calls so far (from /proc; 0 where there is none). */
  syscalls(): number;
  close(): Promise<void>;
}

/** Forks a server module that prints its base URL on stdout (tsx runs TypeScript children as it runs us). */
async function forkServer(
  module: string,
  args: string[],
  execArgv = process.execArgv,
): Promise<ServerProcess> {
  const child: ChildProcess = fork(module, args, { stdio: ["ignore", "pipe", "inherit", "ipc"], execArgv });
  // A benchmark that fails or is interrupted must not leave its servers running.
  const killChild = () => child.kill("SIGKILL");
  process.once("exit", killChild);
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const found = /https?:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (found) {
        resolve(found[0]);
        child.stdout!.removeAllListeners("data");
        child.stdout!.pipe(process.stderr);
      }
    });
    child.once("exit", (code) => reject(new Error(`${module} exited with ${code}`)));
  });
  return {
    url,
    cpuMicros: () => {
      try {
        // Fields 14 and 15 of /proc/PID/stat: user and system time in clock ticks (100 per second).
        const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
        return (Number(fields[11]) + Number(fields[12])) * 10_000;
      } catch {
        return 0;
      }
    },
    syscalls: () => {
      try {
        const io = readFileSync(`/proc/${child.pid}/io`, "utf8");
        return Number(/syscr: (\d+)/.exec(io)?.[1]) + Number(/syscw: (\d+)/.exec(io)?.[1]);
      } catch {
        return 0;
      }
    },
    close: async () => {
      process.off("exit", killChild);
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Who sends and who reads, as headers per sender, and where. */
interface Scenario {
  readonly senders: Array<Record<string, string>>;
  readonly reader: Record<string, string>;
  readonly feedId: string;
  readonly streamId: string;
}

interface Target {
  readonly name: string;
  readonly server: ServerProcess;
  readonly scenario: Scenario;
}

async function startBarePod(): Promise<Target> {
  const server = await forkServer(
    join(here, "support/bare-pod.ts"),
    [],
    [...process.execArgv, ...(process.env.BASELINE_FLAGS?.split(" ").filter(Boolean) ?? [])],
  );
  // Headers of the same size as real session tokens, so both servers parse the same requests.
  const token = (who: string) => ({
    sessionToken: who.padEnd(128, "x"),
    keyManagerToken: who.padEnd(128, "y"),
  });
  return {
    name: "baseline (bare node:http pod)",
    server,
    scenario: {
      senders: Array.from({ length: SENDERS }, (_, i) => token(`sender-${i}`)),
      reader: token("reader"),
      feedId: "feed",
      streamId: "bench",
    },
  };
}

async function startEmulatorProcess(): Promise<Target> {
  // EMULATOR_FLAGS adds node flags to the emulator process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  // (a CPU profile for Chrome DevTools) or "--trace-gc"; what it prints goes to stderr.
  const flags = process.env.EMULATOR_FLAGS?.split(" ").filter(Boolean) ?? [];
  const server = await forkServer(
    join(here, "../../packages/emulator/bin/sprig-emulator.js"),
    ["--port", "0"],
    [...process.execArgv, ...flags],
  );
  const url = server.url;
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const publicKeyPem = publicKey.export({ type: "spki", format: "pem" });
  const dev = <T>(path: string, body: unknown) => postJson<T>(`${url}/emulator/v1${path}`, {}, body);
  const loginAs = async (username: string) => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: "RS512" })
      .setSubject(username)
      .setExpirationTime("4m")
      .sign(privateKey);
    const auth = async (path: string) =>
      (await postJson<{ token: string }>(`${url}${path}`, {}, { token })).token;
    return {
      sessionToken: await auth("/login/pubkey/authenticate"),
      keyManagerToken: await auth("/relay/pubkey/authenticate"),
    };
  };
  type User = { id: number; username: string };
  const reader = await dev<User>("/users", { username: "reader-bot", bot: true, publicKey: publicKeyPem });
  const senders: User[] = [];
  for (let i = 0; i < SENDERS; i++)
    senders.push(await dev<User>("/users", { username: `sender-${i}`, bot: true, publicKey: publicKeyPem }));
  const room = await dev<{ streamId: string }>("/rooms", {
    name: "bench",
    creatorId: reader.id,
    memberIds: senders.map((s) => s.id),
  });
  const readerHeaders = await loginAs("reader-bot");
  const feed = await postJson<{ id: string }>(`${url}/agent/v5/datafeeds`, readerHeaders, {});
  return {
    name: "emulator (create → datafeed)",
    server,
    scenario: {
      senders: await Promise.all(senders.map((s) => loginAs(s.username))),
      reader: readerHeaders,
      feedId: feed.id,
      streamId: room.streamId,
    },
  };
}

interface Result {
  perSecond: number;
  p50: number;
  p99: number;
  /** Server process CPU per message, µs. */
  serverCpu: number;
  /** This process's CPU per message (the senders and the reader), µs. */
  clientCpu: number;
  /** Server read + write system calls per message. */
  serverSyscalls: number;
  eventsPerRead: number;
}

let roundNumber = 0;

function cpuMicrosSince(before: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(before);
  return used.user + used.system;
}

/** Every sender creates `perSender` messages one after the other; one reader reads and acks them all. */
async function round(target: Target, perSender: number): Promise<Result> {
  const { server, scenario } = target;
  const tag = `r${roundNumber++}`;
  const total = SENDERS * perSender;
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let reads = 0;
  let finished = 0;
  const readLoop = (async () => {
    let ackId = "";
    while (latencies.length < total) {
      reads++;
      const read = await postJson<FeedRead>(
        `${server.url}/agent/v5/datafeeds/${scenario.feedId}/read`,
        scenario.reader,
        { ackId },
      );
      const now = performance.now();
      ackId = read.ackId;
      for (const event of read.events) {
        if (event.type !== "MESSAGESENT") continue;
        const key = /msg-(r\d+-\d+-\d+)/.exec(event.payload.messageSent.message.message)?.[1];
        const t0 = key ? sentAt.get(key) : undefined;
        if (t0 !== undefined) latencies.push(now - t0);
      }
    }
    finished = performance.now();
  })();

  const cpuBefore = server.cpuMicros();
  const clientBefore = process.cpuUsage();
  const syscallsBefore = server.syscalls();
  const started = performance.now();
  const createUrl = `${server.url}/agent/v4/stream/${scenario.streamId}/message/create`;
  await Promise.all(
    scenario.senders.map(async (headers, s) => {
      for (let i = 0; i < perSender; i++) {
        const key = `${tag}-${s}-${i}`;
        const body = multipartMessage(`<messageML>msg-${key} from sender ${s}</messageML>`);
        sentAt.set(key, performance.now());
        const res = await post(
          createUrl,
          { ...headers, "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
          body,
        );
        if (res.status !== 200) throw new Error(`create → ${res.status} ${res.text}`);
      }
    }),
  );
  await readLoop;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    perSecond: (total / (finished - started)) * 1000,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    serverCpu: (server.cpuMicros() - cpuBefore) / total,
    clientCpu: cpuMicrosSince(clientBefore) / total,
    serverSyscalls: (server.syscalls() - syscallsBefore) / total,
    eventsPerRead: total / reads,
  };
}

const fmt = (r: Result) =>
  `${r.perSecond.toFixed(0).padStart(6)} msg/s   p50 ${r.p50.toFixed(1).padStart(5)} ms   p99 ${r.p99.toFixed(1).padStart(5)} ms   server cpu ${r.serverCpu.toFixed(0).padStart(4)} µs/msg   client cpu ${r.clientCpu.toFixed(0).padStart(4)} µs/msg   ${r.serverSyscalls.toFixed(1)} syscalls/msg   ${r.eventsPerRead.toFixed(1)} events/read`;

const medianResult = (results: Result[]): Result => ({
  perSecond: median(results.map((r) => r.perSecond)),
  p50: median(results.map((r) => r.p50)),
  p99: median(results.map((r) => r.p99)),
  serverCpu: median(results.map((r) => r.serverCpu)),
  clientCpu: median(results.map((r) => r.clientCpu)),
  serverSyscalls: median(results.map((r) => r.serverSyscalls)),
  eventsPerRead: median(results.map((r) => r.eventsPerRead)),
});

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} (2-core machine shared with other work)`,
);
console.log(
  `emulator throughput: ${SENDERS} senders x ${PER_SENDER} messages, one datafeed reader, ${ROUNDS} alternating rounds (medians)`,
);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));
const bare = await startBarePod();
const emulator = await startEmulatorProcess();
const outcomes = new Map<Target, Result[]>([
  [bare, []],
  [emulator, []],
]);
for (const target of outcomes.keys()) await round(target, Math.ceil(PER_SENDER / 5)); // warm-up: JIT, sockets
for (let i = 0; i < ROUNDS; i++)
  for (const [target, results] of outcomes) results.push(await round(target, PER_SENDER));
await Promise.all([bare.server.close(), emulator.server.close()]);
agent.destroy();

const baseline = medianResult(outcomes.get(bare)!);
const measured = medianResult(outcomes.get(emulator)!);
console.log(`  ${bare.name.padEnd(30)} ${fmt(baseline)}`);
console.log(`  ${emulator.name.padEnd(30)} ${fmt(measured)}`);
const ratio = measured.perSecond / baseline.perSecond;
const cpuRatio = measured.serverCpu / baseline.serverCpu;
console.log(
  `  ratio emulator/baseline: throughput ${ratio.toFixed(2)}x (goal ${GOAL_RATIO}x: ${ratio >= GOAL_RATIO ? "MET" : "NOT MET"}), server cpu per message ${cpuRatio.toFixed(2)}x (goal at most ${CPU_GOAL_RATIO}x: ${cpuRatio <= CPU_GOAL_RATIO ? "MET" : "NOT MET"}), p99 latency ${(measured.p99 / baseline.p99).toFixed(2)}x, client + server cpu per message ${((measured.serverCpu + measured.clientCpu) / (baseline.serverCpu + baseline.clientCpu)).toFixed(2)}x`,
);
console.log(`load average at the end ${loadavg()[0]!.toFixed(1)}`);
