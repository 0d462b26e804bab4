/**
 * One instance of a small bot in a process of its own, sharing Redis through the environment
 * (`SPRIG_REDIS_URL`): `tsx child-bot.ts <config.yaml>`. Prints `ready` once its datafeed is open.
 * `/work` answers "worked"; the first `/work` of all instances (the one that creates `HANG_FILE`)
 * prints `hanging` and never finishes — the test kills that instance then (SIGKILL).
 * `/step n` logs `step n` when handled (the ordering test reads the log of every instance).
 * `/post` answers "posted" at once; the first `/post` of all instances (`POST_HANG_FILE`) then
 * prints `hanging` and never finishes: killed between its answer and its completion.
 * `/slow` answers "slow done"; the first `/slow` of all instances (`SLOW_FILE`) prints `slow` and
 * waits `SLOW_MS` (then prints `slow over`) before it answers; later runs answer at once.
 */
import { existsSync, writeFileSync } from "node:fs";
import { createBot, silentLogger } from "@sprig/core";
import { silentLogger as quietAdapter, symphony } from "@sprig/symphony";

const config = process.argv[2];
if (!config) throw new Error("usage: child-bot.ts <config.yaml>");
const hangFile = process.env.HANG_FILE;
const bot = createBot({ logger: silentLogger, help: false });
bot.command("work", async () => {
  if (firstRun(hangFile)) {
    console.log("hanging");
    await new Promise(() => undefined);
  }
  return "worked";
});
/** True for the one run, of all instances, that creates `file` (none without a file). */
function firstRun(file: string | undefined): boolean {
  if (!file || existsSync(file)) return false;
  try {
    writeFileSync(file, String(process.pid), { flag: "wx" });
    return true;
  } catch {
    return false; // another instance created it first
  }
}
bot.command("post", async ({ reply }) => {
  await reply("posted");
  if (firstRun(process.env.POST_HANG_FILE)) {
    console.log("hanging");
    await new Promise(() => undefined);
  }
});
bot.command("slow", async () => {
  if (firstRun(process.env.SLOW_FILE)) {
    console.log("slow");
    await new Promise((resolve) => setTimeout(resolve, Number(process.env.SLOW_MS ?? 0)));
    console.log("slow over");
  }
  return "slow done";
});
const running = symphony(bot, {
  config,
  logger: quietAdapter(),
  dedupeLeaseMs: Number(process.env.LEASE_MS ?? 120_000),
});
await running.start();
console.log("ready");
for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => void running.stop());
await running.done;
console.log("stopped");
