// hello-bot.ts
import { createBot } from "@sprig/core";
import { symphony } from "@sprig/symphony";

const bot = createBot();
bot.command("hello {who:mention?}", { description: "Say hello" }, ({ vars, user }) => {
  return `Hello, ${(vars.who ?? user).name}!`;
});

const running = symphony(bot, { config: "config.yaml" });
await running.start(); // logged in, datafeed open: messages sent from now on reach the bot
console.log("ready");
// Ctrl-C, or a container platform's SIGTERM: the batch in hand finishes (within stopGraceMs) and is acknowledged
for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => void running.stop());
await running.done; // resolves once stopped; rejects if the datafeed failed for good
console.log("stopped");
