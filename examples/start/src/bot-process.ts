/**
 * One bot in its own process: `bot-process.ts <name> <config.yaml> <room ids as JSON> <pod URL>`, forked by
 * the runner with an IPC channel. It connects through the Symphony adapter over HTTP exactly as
 * it would to a real pod, says `{ ready }` once its datafeed is open, and stops (the batch in hand
 * finishes and is acknowledged) when told to, on SIGINT / SIGTERM, or when the runner goes away
 * (the IPC channel closes), so it can never outlive the runner.
 */
import { createLogger, symphony } from "@sprig/symphony";
import { botsNamed } from "./catalogue.ts";

export type BotProcessMessage = { readonly ready: true } | { readonly failed: string };

const [name = "", config = "", rooms = "{}", podUrl = ""] = process.argv.slice(2);
const [entry] = botsNamed([name]);
const roomIds = JSON.parse(rooms) as Record<string, string>;
const runtime = entry!.create({
  roomId: (room) => {
    const id = roomIds[room];
    if (!id) throw new Error(`The pod has no room "${room}".`);
    return id;
  },
  url: podUrl,
});
const running = symphony(runtime.bot, {
  config,
  logger: createLogger({ destination: process.stderr, level: process.env.SPRIG_LOG_LEVEL ?? "warn" }),
  ...(runtime.updateFormInPlace ? { updateFormInPlace: true } : {}),
});
const tell = (message: BotProcessMessage) => process.send?.(message);

let stopping: Promise<void> | undefined;
function stop(): Promise<void> {
  stopping ??= (async () => {
    await runtime.stopping?.();
    await running.stop();
  })().finally(() => process.exit(0));
  return stopping;
}
// `on`, not `once`: a second signal (Ctrl-C reaches the whole process group, and the runner
// asks too) must not kill the bot before it has finished the batch in hand.
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
process.on("disconnect", () => void stop());
process.on("message", (message) => {
  if ((message as { stop?: boolean }).stop) void stop();
});
// The runner may have gone while this process was still loading, before "disconnect" was heard.
if (!process.connected) void stop();

try {
  await running.start();
  await runtime.started?.(running.platform);
  tell({ ready: true });
} catch (error) {
  tell({ failed: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}

// The datafeed failed for good (e.g. the pod refused the bot): say so and end.
running.done.catch((error: unknown) => {
  if (stopping) return;
  console.error(`${entry!.username}: the datafeed stopped:`, error instanceof Error ? error.message : error);
  process.exit(1);
});
