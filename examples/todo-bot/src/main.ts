// `npm start`: a local Symphony pod (the emulator) and the todo bot connected to it over HTTP.
// Prints the emulator's URL, then `ready` once the bot's datafeed is open; Ctrl-C stops both.
import { runLocal } from "./local-pod/run-local.ts";

const port = process.env.PORT === undefined || process.env.PORT === "" ? 8080 : Number(process.env.PORT);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`PORT must be a port number (0 lets the system choose), not "${process.env.PORT}".`);
  process.exit(2);
}

const local = await runLocal({
  port,
  dir: process.env.SPRIG_DIR ?? ".sprig",
  ...(process.env.SPRIG_LOG_LEVEL ? { logLevel: process.env.SPRIG_LOG_LEVEL } : {}),
}).catch((error: unknown) => {
  // The commonest first-run failure: something else already listens on the port.
  if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
    console.error(`Port ${port} is already in use. Choose another with PORT=…, or PORT=0 for any free port.`);
    process.exit(2);
  }
  throw error;
});
const url = local.emulator.url;
console.log(`sprig emulator: ${url}`);
console.log(`web chat: ${url}/?as=alice`);
console.log(`people: alice (1001, owner of room "Team"), bob (1002), carol (1003); the bot is todo-bot`);
console.log(`streams of alice: curl ${url}/emulator/v1/users/alice/streams`);
console.log(
  `talk as alice: curl -X POST ${url}/emulator/v1/streams/<streamId>/messages -H 'content-type: application/json' -d '{"as":"alice","text":"/help"}'`,
);
console.log(
  `read the answers: curl ${url}/emulator/v1/streams/<streamId>/messages — pressing buttons and submitting forms: examples/todo-bot/README.md`,
);
console.log("ready");

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping (the batch in hand finishes and is acknowledged) …`);
  try {
    await local.stop();
    console.log("stopped");
    process.exit(0);
  } catch (error) {
    console.error("could not stop cleanly:", error);
    process.exit(1);
  }
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));

// The datafeed failed for good (e.g. the pod refused the bot): say so and end.
local.bot.done.catch(async (error: unknown) => {
  if (stopping) return;
  console.error("the bot's datafeed stopped:", error instanceof Error ? error.message : error);
  await local.emulator.close();
  process.exit(1);
});
