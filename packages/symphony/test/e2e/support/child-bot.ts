/**
 * The todo bot in a process of its own, as it runs in production: `tsx child-bot.ts <config.yaml>`.
 * Prints `ready` once its datafeed is open and `stopped` after a graceful stop (SIGTERM / SIGINT);
 * a test kills it with SIGKILL to crash it. `STOP_GRACE_MS` sets the adapter's stop grace period.
 */
import { silentLogger } from "@sprig/core";
import { createTodoBot } from "@sprig/todo-bot";
import { silentLogger as quietAdapter, symphony } from "../../../src/index.ts";

const config = process.argv[2];
if (!config) throw new Error("usage: child-bot.ts <config.yaml>");
const grace = process.env.STOP_GRACE_MS;
const running = symphony(createTodoBot({ logger: silentLogger }), {
  config,
  logger: quietAdapter(),
  ...(grace ? { stopGraceMs: Number(grace) } : {}),
});
await running.start();
console.log("ready");
for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => void running.stop());
await running.done;
console.log("stopped");
