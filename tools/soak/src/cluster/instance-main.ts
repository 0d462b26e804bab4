/**
 * One instance of the soak's bot, in a process of its own (`node --import tsx instance-main.ts
 * <config.yaml>`): the todo bot with an `/echo` command, logging as a production bot does (pino on
 * stdout — the soak scans those lines for secrets). Redis comes from `SPRIG_REDIS_URL`, as for any
 * bot. Prints `ready` once its datafeed is read; the soak SIGKILLs it at will.
 *
 * Over the IPC channel it answers `"busy?"` with how many echoes it is running, so the soak can
 * kill an instance in the middle of a batch rather than hope to.
 */
import { Socket } from "node:net";
import { createLogger, symphony } from "@sprig/symphony";
import { createTodoBot } from "@sprig/todo-bot";

const config = process.argv[2];
if (!config) throw new Error("usage: instance-main.ts <config.yaml>");

/**
 * Short leases: a SIGKILLed instance's claims hold its events from the others until they run out,
 * so the soak would wait out the default two minutes after every kill. Actions here take
 * milliseconds; 10 s is still far beyond them.
 */
const LEASE_MS = 10_000;

const logger = createLogger();
const bot = createTodoBot({ logger, dedupeLeaseMs: LEASE_MS });
let running = 0;
bot.command("echo {words...}", { description: "Say the words back, e.g. /echo hello" }, async ({ vars }) => {
  running++;
  try {
    // Long enough for the soak's "busy?" probe to find an echo under way and kill mid-batch, even
    // on a loaded CI machine (a turn of the event loop was missed there: the kill landed between batches).
    await new Promise((resolve) => setTimeout(resolve, 10));
    return vars.words.join(" ");
  } finally {
    running--;
  }
});

process.on("message", (question) => {
  if (question === "busy?") process.send?.({ busy: running });
});

// Redis (dedupe, per-conversation order, history cache) comes from SPRIG_REDIS_URL, as for any bot.
const instance = symphony(bot, { config, logger, stopGraceMs: 3_000, dedupeLeaseMs: LEASE_MS });
await instance.start();
console.log("ready");
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.log(`stopping (${signal})`);
    void instance.stop().then(() => {
      console.log("stopped");
      // Nothing should keep the process alive now; if something does, name it (the soak's clean-stop check fails).
      setTimeout(() => console.log(`still open after stop: ${stillOpen()}`), 2_000).unref();
    });
  });
}
/** What keeps the process alive: resource types, and the far end of each socket (Redis's port, the pod's). */
function stillOpen(): string {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  const sockets = handles
    .filter((h): h is Socket => h instanceof Socket && h.remotePort !== undefined)
    .map((s) => `socket to ${s.remotePort}`);
  return [...process.getActiveResourcesInfo(), ...sockets].join(", ");
}

await instance.done;
console.log("datafeed loop ended");
process.disconnect?.();
