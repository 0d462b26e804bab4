/**
 * `npm start [-- <bot> …]`: a local Symphony pod (the emulator) with a default seed, and the
 * example bots, each in its own process connected over HTTP as to a real pod. Prints the web
 * chat's URL, then `ready` once every bot's datafeed is open. Stops everything on SIGINT, SIGTERM
 * or SIGHUP, and also when the process that started it goes away (a process manager that signals
 * only npm). A bot that crashes is reported; the others keep running.
 */
import { resolve } from "node:path";
import { type Emulator, startEmulator } from "@sprig/emulator";
import { type RedisServer, startRedisServer } from "@sprig/redis/testing";
import { type BotChild, forkBot, stopBotChildren } from "./bot-children.ts";
import { writeBotConfig } from "./bot-config.ts";
import { ensureBotKeys, readPublicKey } from "./bot-keys.ts";
import { type BotEntry, botsNamed } from "./catalogue.ts";
import { defaultSeed, PEOPLE, roomIdsOf } from "./seed.ts";

/** How long a bot may take to finish its batch before it is killed. */
const STOP_GRACE_MS = 1_500;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const port = process.env.PORT === undefined || process.env.PORT === "" ? 8080 : Number(process.env.PORT);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  fail(`PORT must be a port number (0 lets the system choose), not "${process.env.PORT}".`);
}
let bots: BotEntry[];
try {
  bots = botsNamed(process.argv.slice(2));
} catch (error) {
  fail((error as Error).message);
}

// `npm run start:cluster`: each bot runs as this many instances on its one feed, sharing a local
// Redis (a throwaway redis-server, temporary directory, removed on stop) for exactly-once and order.
const instances = process.env.SPRIG_INSTANCES ? Number(process.env.SPRIG_INSTANCES) : 1;
if (!Number.isInteger(instances) || instances < 1 || instances > 8) {
  fail(`SPRIG_INSTANCES must be a whole number from 1 to 8, not "${process.env.SPRIG_INSTANCES}".`);
}

const dir = resolve(process.env.SPRIG_DIR ?? ".sprig");
const keys = new Map(bots.map((b) => [b.name, ensureBotKeys(dir, b.username)]));
const seed = defaultSeed(bots.map((b) => ({ ...b, publicKey: readPublicKey(keys.get(b.name)!) })));

// Stopping is possible from the first moment (a Ctrl-C during start-up): shutdown() stops what has
// started or is starting, and start-up goes no further.
const children: BotChild[] = [];
let emulatorStarting: Promise<Emulator> | undefined;
let redisStarting: Promise<RedisServer> | undefined;
let stopping = false;
async function shutdown(why: string, code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${why}: stopping (each bot finishes the batch in hand) …`);
  await stopBotChildren(children, STOP_GRACE_MS);
  await (await emulatorStarting?.catch(() => undefined))?.close();
  await (await redisStarting?.catch(() => undefined))?.stop();
  console.log("stopped");
  process.exit(code);
}
// `on`, not `once`: a terminal's Ctrl-C reaches every process of its group, and npm forwards it
// to us once more — a second signal must not end the runner half-way through its stop.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
  process.on(signal, () => void shutdown(signal));
// A process manager may signal only npm, which may not pass it on: when the process that started
// us is gone (we were re-parented), stop too rather than leave the pod and the bots behind.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void shutdown("the parent process ended");
}, 250).unref();
/** What `starting` gives, unless stopping began meanwhile: start-up then waits here for good (shutdown() ends the process). */
async function unlessStopping<T>(starting: Promise<T>): Promise<T> {
  const result = await starting.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (stopping) return new Promise<T>(() => {});
  if ("error" in result) throw result.error;
  return result.value;
}

emulatorStarting = startEmulator({ port, seed });
const emulator = await unlessStopping(emulatorStarting).catch((error: unknown) => {
  // The commonest first-run failure: something else already listens on the port.
  if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
    fail(`Port ${port} is already in use. Choose another with PORT=…, or PORT=0 for any free port.`);
  }
  throw error;
});

let redis: RedisServer | undefined;
if (instances > 1) {
  // In a process group of its own: a terminal's Ctrl-C (SIGINT to its whole group) would stop it at
  // once, while the bots still finish their batches with it. shutdown() stops it after them.
  redisStarting = startRedisServer({ ownProcessGroup: true });
  redis = await unlessStopping(redisStarting).catch((error: unknown) => {
    void emulator.close();
    fail(`A local Redis could not start (${(error as Error).message}); install Debian's redis-server.`);
  });
  // The bot processes inherit it: the adapter reads SPRIG_REDIS_URL as the config's redis.url.
  process.env.SPRIG_REDIS_URL = redis.url;
}

const url = new URL(emulator.url);
/** With several instances of a bot, which one a child is (for the report when one stops). */
const instanceOf = new Map<BotChild, string>();
const roomIds = await unlessStopping(roomIdsOf(emulator.url));
for (const b of bots) {
  if (stopping) break;
  const config = writeBotConfig(dir, url, b.username, keys.get(b.name)!);
  for (let i = 0; i < instances; i++) {
    const child = forkBot(b, config, roomIds, emulator.url);
    children.push(child);
    if (instances > 1) instanceOf.set(child, `instance ${i + 1} of ${instances}, pid ${child.process.pid}`);
  }
}
const started = await unlessStopping(Promise.allSettled(children.map((c) => c.ready)));
const failures = started.filter((r): r is PromiseRejectedResult => r.status === "rejected");
if (failures.length > 0) {
  for (const failure of failures) console.error((failure.reason as Error).message);
  await shutdown("a bot could not start", 1);
}

for (const child of children) {
  void child.exited.then(({ code, signal }) => {
    if (stopping) return;
    const how = signal ?? `exit code ${code}`;
    const instance = instanceOf.get(child);
    console.error(
      instance === undefined
        ? `${child.entry.username} stopped unexpectedly (${how}); the other bots keep running.`
        : `${child.entry.username} (${instance}) stopped unexpectedly (${how}); the other instances keep reading its feed: what it held comes back to them after the pod's visibility timeout.`,
    );
    if (children.every((c) => c.process.exitCode !== null || c.process.signalCode !== null)) {
      void shutdown("no bot is left", 1);
    }
  });
}

const base = emulator.url;
console.log(`sprig emulator: ${base}`);
console.log(`web chat: ${base}/?as=alice`);
console.log(
  `people: ${PEOPLE.map((p) => `${p.username} (${p.id})`).join(", ")}; bots: ${bots.map((b) => b.username).join(", ")}`,
);
console.log(
  `rooms: "Team" (everyone${bots.some((b) => b.name === "claim") ? `), "Claim Approval" (alice, bob, claim-bot)` : ")"}`,
);
console.log(`dev API: curl ${base}/emulator/v1/users/alice/streams — see examples/todo-bot/README.md`);
if (redis)
  console.log(`cluster: ${instances} instances of each bot on its one feed, sharing Redis at ${redis.url}`);
console.log("ready");
