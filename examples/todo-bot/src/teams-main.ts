// `npm run start:teams`: the todo bot as a Teams bot on http://127.0.0.1:${PORT:-3978}/api/messages.
// Without CLIENT_ID / CLIENT_SECRET it runs in local development mode (unauthenticated activities,
// loopback only, answers through each activity's serviceUrl); with them, as a real Teams bot.
// Cards, conversations and delivered sends are kept in ${SPRIG_DIR:-.sprig}/teams-state.jsonl.
import { join } from "node:path";
import { consoleLogger } from "@sprig/core";
import { FileStateStore, teams } from "@sprig/teams";
import { createTodoBot } from "./todo-bot.ts";

const port = process.env.PORT === undefined || process.env.PORT === "" ? 3978 : Number(process.env.PORT);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`PORT must be a port number (0 lets the system choose), not "${process.env.PORT}".`);
  process.exit(2);
}

const logger = consoleLogger((process.env.SPRIG_LOG_LEVEL as "debug" | "info" | "warn" | "error") || "warn");
const store = await FileStateStore.open(join(process.env.SPRIG_DIR ?? ".sprig", "teams-state.jsonl"));
const running = teams(createTodoBot({ logger }), { port, store, botName: "todo-bot", logger });
const url = await running.start().catch((error: unknown) => {
  if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
    console.error(`Port ${port} is already in use. Choose another with PORT=…, or PORT=0 for any free port.`);
    process.exit(2);
  }
  throw error;
});
console.log(`sprig Teams bot: ${url}`);
if (running.localMode) {
  console.log(
    "local development mode (no CLIENT_ID / CLIENT_SECRET): unauthenticated activities accepted on 127.0.0.1 only; answers go to each activity's serviceUrl",
  );
  console.log(
    "talk to it with a local Bot Framework client, e.g. the Microsoft 365 Agents Playground: examples/todo-bot/README.md",
  );
}
console.log("ready");

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping …`);
  await running.stop();
  console.log("stopped");
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
