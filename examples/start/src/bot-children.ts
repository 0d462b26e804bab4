/**
 * The bots as child processes of the runner. Why processes, not five adapters in one: that is how
 * they run against a real pod — each its own service account, event loop and memory — so a bot
 * that crashes or hangs takes no other bot with it, and the runner can report it. The price is
 * a second or two more start-up (one Node.js per bot).
 */
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { BotProcessMessage } from "./bot-process.ts";
import type { BotEntry } from "./catalogue.ts";

const BOT_PROCESS = fileURLToPath(new URL("./bot-process.ts", import.meta.url));

export interface BotChild {
  readonly entry: BotEntry;
  readonly process: ChildProcess;
  /** Resolves once the bot's datafeed is open; rejects if it fails or ends first. */
  readonly ready: Promise<void>;
  /** Resolves with how the process ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Forks a bot (tracked from the start, so a stop while it is starting ends it too). */
export function forkBot(
  entry: BotEntry,
  configPath: string,
  roomIds: Readonly<Record<string, string>>,
  podUrl: string,
): BotChild {
  const child = fork(BOT_PROCESS, [entry.name, configPath, JSON.stringify(roomIds), podUrl], {
    // The runner's own Node.js flags (`--import tsx`, and any preload a test adds).
    execArgv: process.execArgv,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<void>((resolve, reject) => {
    child.on("message", (message: BotProcessMessage) => {
      if ("ready" in message) resolve();
      else reject(new Error(`${entry.username} could not start: ${message.failed}`));
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`${entry.username} ended before it was ready (${signal ?? `exit code ${code}`}).`)),
    );
  });
  ready.catch(() => undefined); // the runner reads it; never an unhandled rejection
  return { entry, process: child, ready, exited };
}

/**
 * Stops bots: asks each to stop (it finishes and acknowledges the batch in hand), and kills any
 * still running after `graceMs`.
 */
export async function stopBotChildren(children: readonly BotChild[], graceMs: number): Promise<void> {
  await Promise.all(
    children.map(async ({ process: child, exited }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.send({ stop: true });
      else child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    }),
  );
}
