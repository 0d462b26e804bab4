/**
 * A bot in a child process (`child-bot.ts`), to be crashed (SIGKILL) and started again: what a
 * restart really is — nothing of the earlier process's memory survives.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const script = fileURLToPath(new URL("./child-bot.ts", import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

export interface BotProcess {
  /** Its output so far (stdout and stderr), for a failure's message. */
  readonly output: string[];
  /** Settles with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
}

/** Starts the todo bot on `configPath`; resolves once it printed `ready`. */
export async function startBotProcess(
  configPath: string,
  env: Record<string, string> = {},
): Promise<BotProcess> {
  const child: ChildProcess = spawn(process.execPath, ["--import", tsx, script, configPath], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  let ready!: () => void;
  const isReady = new Promise<void>((resolve) => {
    ready = resolve;
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding("utf8").on("data", (chunk: string) => {
      output.push(chunk);
      if (/^ready$/m.test(chunk)) ready();
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  await Promise.race([
    isReady,
    exited.then((code) => Promise.reject(new Error(`the bot exited (${code}): ${output.join("")}`))),
  ]);
  return { output, exited, kill: (signal) => child.kill(signal) };
}
