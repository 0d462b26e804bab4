/**
 * The bot's instances as child processes: started, SIGKILLed, started again. Every line each
 * process ever wrote is kept (the soak scans them for secrets), and an exit nobody asked for is
 * counted as a crash.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const script = fileURLToPath(new URL("./instance-main.ts", import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const START_TIMEOUT_MS = 60_000;

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

interface Running {
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  /** The instance's last 50 lines, to show why it crashed or did not stop. */
  readonly lastLines: () => string;
  killedOnPurpose: boolean;
}

/** How an instance ended when nobody asked it to (a crash) or when asked to stop. */
export interface ExitReport extends Exit {
  readonly instance: number;
  readonly lastLines: string;
}

export class Instances {
  /** Every line written by any process of any instance, in arrival order. */
  readonly lines: string[] = [];
  readonly crashes: ExitReport[] = [];
  readonly #running: Array<Running | undefined> = [];
  readonly #env: Record<string, string>;

  constructor(
    private readonly configPath: string,
    env: Record<string, string>,
  ) {
    this.#env = env;
  }

  get count(): number {
    return this.#running.length;
  }

  /** Starts instance `index` (a new process); resolves once it printed `ready`. */
  async start(index: number): Promise<void> {
    const child = spawn(process.execPath, ["--import", tsx, script, this.configPath], {
      env: { ...process.env, ...this.#env },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    let ready!: () => void;
    const isReady = new Promise<void>((resolve) => (ready = resolve));
    const own: string[] = [];
    for (const stream of [child.stdout, child.stderr]) {
      let partial = "";
      stream?.setEncoding("utf8").on("data", (chunk: string) => {
        const parts = (partial + chunk).split("\n");
        partial = parts.pop() ?? "";
        for (const line of parts) {
          this.lines.push(line);
          own.push(line);
          if (own.length > 50) own.shift();
          if (line === "ready") ready();
        }
      });
    }
    const lastLines = () => own.join("\n");
    const exited = new Promise<Exit>((resolve) =>
      child.once("exit", (code, signal) => {
        if (!entry.killedOnPurpose)
          this.crashes.push({ instance: index, code, signal, lastLines: lastLines() });
        resolve({ code, signal });
      }),
    );
    const entry: Running = { child, exited, lastLines, killedOnPurpose: false };
    this.#running[index] = entry;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      isReady,
      exited.then(({ code, signal }) =>
        Promise.reject(
          new Error(`instance ${index} exited (${code ?? signal}) before it was ready:\n${lastLines()}`),
        ),
      ),
      new Promise((_, reject) => {
        timer = setTimeout(
          () =>
            reject(new Error(`instance ${index} not ready within ${START_TIMEOUT_MS} ms:\n${lastLines()}`)),
          START_TIMEOUT_MS,
        );
      }),
    ]).finally(() => clearTimeout(timer));
  }

  /** How many echoes instance `index` is running (0 when it does not answer within 200 ms). */
  async busy(index: number): Promise<number> {
    const child = this.#running[index]?.child;
    if (!child?.connected) return 0;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        child.off("message", onMessage);
        resolve(0);
      }, 200);
      const onMessage = (answer: unknown) => {
        clearTimeout(timer);
        child.off("message", onMessage);
        resolve((answer as { busy?: number }).busy ?? 0);
      };
      child.on("message", onMessage);
      child.send("busy?", () => {});
    });
  }

  /** SIGKILL: no grace, nothing flushed, nothing acknowledged. */
  async kill(index: number): Promise<void> {
    const entry = this.#running[index];
    if (!entry) return;
    entry.killedOnPurpose = true;
    entry.child.kill("SIGKILL");
    await entry.exited;
    this.#running[index] = undefined;
  }

  /**
   * SIGTERM to every instance; resolves with the ones that did not stop cleanly (an exit code
   * other than 0, or still running after `graceMs`: then SIGKILLed), each with its last lines.
   */
  async stopAll(graceMs = 15_000): Promise<ExitReport[]> {
    const running = [...this.#running.entries()].filter((e): e is [number, Running] => e[1] !== undefined);
    for (const [, entry] of running) {
      entry.killedOnPurpose = true;
      entry.child.kill("SIGTERM");
    }
    const exits = await Promise.all(
      running.map(async ([instance, e]) => {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), graceMs)));
        const exit = await Promise.race([e.exited, late]);
        clearTimeout(timer);
        if (exit === "late") e.child.kill("SIGKILL");
        return { instance, ...(await e.exited), lastLines: e.lastLines() };
      }),
    );
    this.#running.length = 0;
    return exits.filter((exit) => exit.code !== 0);
  }

  /** For clean-up after a failure: SIGKILL whatever still runs. */
  async killAll(): Promise<void> {
    await Promise.all(this.#running.map((_, i) => this.kill(i)));
  }
}
