/**
 * Emulator persistence: the message rate with `--data-dir` when the pod already holds 50,000 messages,
 * against the same with an empty data dir, both measured in this run (goal: within 1.5×). A data dir
 * that rewrote its whole state on every change would slow down as the pod grows; a journal does not.
 * The rate without a data dir is printed too, for scale.
 *
 * Load: 10 concurrent senders posting through the dev API (one JSON request per message, answered only
 * once the change is journalled), keep-alive connections, everything in one process.
 *
 * Run: npx tsx bench/src/emulator-persistence.ts [stored=50000] [measured=3000]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "@sprig/emulator";

const STORED = Number(process.argv[2] ?? 50_000);
const MEASURED = Number(process.argv[3] ?? 3_000);
const SENDERS = 10;

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function postJson<T>(url: string, body: unknown): Promise<T> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(text) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const answer = Buffer.concat(chunks).toString();
          if ((res.statusCode ?? 0) >= 300) reject(new Error(`${url} → ${res.statusCode} ${answer}`));
          else resolve(JSON.parse(answer) as T);
        });
      },
    );
    req.on("error", reject);
    req.end(text);
  });
}

interface Conversation {
  url: string;
  streamId: string;
  authorId: number;
}

async function setUp(url: string): Promise<Conversation> {
  const alice = await postJson<{ id: number }>(`${url}/emulator/v1/users`, { username: "alice" });
  const bob = await postJson<{ id: number }>(`${url}/emulator/v1/users`, { username: "bob" });
  const im = await postJson<{ streamId: string }>(`${url}/emulator/v1/ims`, { userIds: [alice.id, bob.id] });
  return { url, streamId: im.streamId, authorId: alice.id };
}

/** Posts `count` messages from 10 concurrent senders; messages/s and the slowest answers. */
async function send(conversation: Conversation, count: number, label: string) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < count) {
        const i = next++;
        const sent = performance.now();
        await postJson(`${conversation.url}/emulator/v1/streams/${conversation.streamId}/messages`, {
          as: conversation.authorId,
          text: `${label} message ${i}: some ordinary text of ordinary length, #tag and all`,
        });
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: (count / elapsed) * 1000,
    p99: latencies[Math.floor(0.99 * latencies.length)] ?? Number.NaN,
    max: latencies.at(-1) ?? Number.NaN,
  };
}

type Measured = Awaited<ReturnType<typeof send>>;
const line = (name: string, m: Measured) =>
  `${name.padEnd(44)} ${m.perSecond.toFixed(0).padStart(6)} msg/s   p99 ${m.p99.toFixed(1).padStart(6)} ms   max ${m.max.toFixed(1).padStart(6)} ms`;

async function measure(dataDir: string | undefined, stored: number): Promise<Measured> {
  let emulator = await startEmulator({ dataDir });
  let conversation = await setUp(emulator.url);
  if (stored > 0) {
    await send(conversation, stored, "stored");
    // Restart on the same data dir: the measured run starts from what was loaded, as a user's would.
    await emulator.close();
    emulator = await startEmulator({ dataDir });
    conversation = { ...conversation, url: emulator.url };
  }
  await send(conversation, Math.min(300, MEASURED), "warm-up");
  try {
    return await send(conversation, MEASURED, "measured");
  } finally {
    await emulator.close();
  }
}

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "sprig-bench-persistence-"));
  dirs.push(dir);
  return dir;
};
try {
  await measure(undefined, 0); // warms the JIT, so the first measured run is not the slow one
  const memory = await measure(undefined, 0);
  const emptyBefore = await measure(tempDir(), 0);
  const full = await measure(tempDir(), STORED);
  // The baseline is measured before and after the long run, so a drift of the (shared) machine shows.
  const emptyAfter = await measure(tempDir(), 0);
  console.log(`emulator message rate, ${SENDERS} senders, ${MEASURED} messages measured`);
  console.log(line("no data dir (for scale)", memory));
  console.log(line("--data-dir, empty (baseline, before)", emptyBefore));
  console.log(line(`--data-dir, ${STORED} messages stored`, full));
  console.log(line("--data-dir, empty (baseline, after)", emptyAfter));
  const ratio = (emptyBefore.perSecond + emptyAfter.perSecond) / 2 / full.perSecond;
  console.log(
    `ratio empty / ${STORED} stored: ${ratio.toFixed(2)}× (goal ≤ 1.5×) ${ratio <= 1.5 ? "OK" : "MISSED"}`,
  );
} finally {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  agent.destroy();
}
