/**
 * One instance of a small bot in a process of its own, sharing Redis through the environment
 * (`SPRIG_REDIS_URL`): `tsx child-bot.ts <config.yaml>`. Prints `ready` once its datafeed is open.
 * `/work` answers "worked"; the first `/work` of all instances (the one that creates `HANG_FILE`)
 * prints `hanging` and never finishes — the test kills that instance then (SIGKILL).
 * `/step n` logs `step n` when handled (the ordering test reads the log of every instance).
 */
import { existsSync, writeFileSync } from "node:fs";
import { createBot, silentLogger } from "@sprig/core";
import { silentLogger as quietAdapter, symphony } from "@sprig/symphony";

const config = process.argv[2];
if (!config) throw new Error("usage: child-bot.ts <config.yaml>");
const hangFile = process.env.HANG_FILE;
const bot = createBot({ logger: silentLogger, help: false });
bot.command("work", async () => {
  if (hangFile && !existsSync(hangFile)) {
    writeFileSync(hangFile, String(process.pid), { flag: "wx" });
    console.log("hanging");
    await new Promise(() => undefined);
  }
  return "worked";
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
