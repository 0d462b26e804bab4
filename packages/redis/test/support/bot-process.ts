/** A bot instance in a child process (`child-bot.ts`), to be killed (SIGKILL) as a crash is. */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const script = fileURLToPath(new URL("./child-bot.ts", import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

export interface BotProcess {
  readonly output: string[];
  readonly exited: Promise<number | null>;
  /** Resolves when the process printed a line matching `pattern`. */
  printed(pattern: RegExp): Promise<void>;
  kill(signal: NodeJS.Signals): void;
}

export async function startBotProcess(configPath: string, env: Record<string, string>): Promise<BotProcess> {
  const child: ChildProcess = spawn(process.execPath, ["--import", tsx, script, configPath], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const watchers: { pattern: RegExp; found: () => void }[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding("utf8").on("data", (chunk: string) => {
      output.push(chunk);
      const text = output.join("");
      for (const watcher of watchers) if (watcher.pattern.test(text)) watcher.found();
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const printed = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      if (pattern.test(output.join(""))) return resolve();
      watchers.push({ pattern, found: resolve });
      void exited.then((code) => reject(new Error(`the bot exited (${code}): ${output.join("")}`)));
    });
  await printed(/^ready$/m);
  return { output, exited, printed, kill: (signal) => child.kill(signal) };
}
