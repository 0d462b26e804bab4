/**
 * `npm start`'s runner as a child process, for the browser tests and the screenshot script: the
 * emulator and the chosen bots, on a free port, keys and configs in `dir`. Resolves once the runner
 * prints `ready` (every bot's datafeed open).
 */
import { type ChildProcess, spawn } from "node:child_process";

const ROOT = new URL("../../../", import.meta.url);

export interface LocalPod {
  /** The emulator's base URL; the web chat is at `${url}/?as=alice`. */
  readonly url: string;
  /** SIGTERM to the runner (it stops its bots, then the pod); resolves once it has exited. */
  stop(): Promise<void>;
}

export async function startLocal(dir: string, bots: readonly string[] = []): Promise<LocalPod> {
  const runner: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "examples/start/src/main.ts", ...bots],
    {
      cwd: ROOT,
      env: { ...process.env, PORT: "0", SPRIG_DIR: dir },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const exited = new Promise<void>((resolve) => runner.on("exit", () => resolve()));
  let out = "";
  runner.stderr!.on("data", (d) => {
    out += String(d);
  });
  await new Promise<void>((resolve, reject) => {
    runner.stdout!.on("data", (d) => {
      out += String(d);
      if (out.split("\n").includes("ready")) resolve();
    });
    void exited.then(() => reject(new Error(`npm start's runner exited before ready:\n${out}`)));
  });
  const url = /sprig emulator: (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
  if (url === undefined) throw new Error(`npm start's runner printed no "sprig emulator: URL" line:\n${out}`);
  return {
    url,
    stop: async () => {
      runner.kill("SIGTERM");
      await exited;
    },
  };
}
