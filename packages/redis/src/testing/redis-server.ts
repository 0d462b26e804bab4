/**
 * A throwaway Redis for tests, local runs, the soak and benches: Debian's `redis-server` on a free
 * loopback port, with a temporary directory and no persistence (or an append-only file, as a
 * production Redis keeps), stopped (and its directory removed) by `stop()`. It can be stopped and
 * started again on the same port, to test what a bot does while Redis is away or restarts.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const REDIS_SERVER_PATH = process.env.SPRIG_REDIS_SERVER ?? "/usr/bin/redis-server";
/** util-linux's (Essential in Debian): runs a command that gets a signal when its parent dies. */
const SETPRIV_PATH = "/usr/bin/setpriv";

export interface RedisServerOptions {
  /** A password for the default user (`requirepass`). */
  readonly password?: string;
  /** Extra `redis-server` arguments, e.g. `["--tls-port", …]`. */
  readonly args?: readonly string[];
  /** Listen with TLS only: the server's certificate, key and the CA that signed it (PEM files). */
  readonly tls?: { readonly cert: string; readonly key: string; readonly ca: string };
  /**
   * Keep what it holds across `pause()` / `resume()`, as a production Redis with persistence does:
   * an append-only file fsynced on every write (default: nothing kept, it comes back empty).
   */
  readonly appendOnly?: boolean;
  /**
   * Run it in a process group of its own, so that a terminal's Ctrl-C (SIGINT to its whole
   * foreground group) does not stop it under the processes that still need it: `stop()` does.
   * Out of the group's reach, it is stopped when this process dies, however it dies (util-linux's
   * `setpriv --pdeathsig`, where there is one), rather than left running.
   */
  readonly ownProcessGroup?: boolean;
}

export interface RedisServer {
  /** `redis://127.0.0.1:<port>` (`rediss://` with TLS), with the password when one is set. */
  readonly url: string;
  readonly port: number;
  /** Whether the server is running now. */
  readonly running: boolean;
  /** Stops the server (SIGTERM, or SIGKILL with `{ kill: true }`); its port stays reserved for `start`. */
  pause(options?: { kill?: boolean }): Promise<void>;
  /** Starts it again on the same port (empty: nothing is persisted). */
  resume(): Promise<void>;
  /** Stops the server for good and removes its directory. */
  stop(): Promise<void>;
}

/** Whether Debian's `redis-server` is here (at `REDIS_SERVER_PATH`). */
export function redisServerInstalled(): boolean {
  return existsSync(REDIS_SERVER_PATH);
}

/** Why Redis tests cannot run here, or undefined when they can. Throws under CI=true. */
export function redisServerMissing(): string | undefined {
  if (redisServerInstalled()) return undefined;
  const message = `redis-server not found at ${REDIS_SERVER_PATH} (install Debian's "redis-server" package): Redis tests skipped`;
  if (process.env.CI === "true") throw new Error(message.replace("skipped", "cannot run under CI"));
  process.stderr.write(`\n[skip] ${message}\n`);
  return message;
}

/** A free loopback port (the kernel's choice, released at once for the server to take). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no loopback port could be found");
  return address.port;
}

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), "sprig-redis-"));
  const port = await freePort();
  const args = [
    "--bind",
    "127.0.0.1",
    "--dir",
    dir,
    "--save",
    "",
    ...(options.appendOnly ? ["--appendonly", "yes", "--appendfsync", "always"] : ["--appendonly", "no"]),
    "--protected-mode",
    "no",
    ...(options.tls
      ? [
          "--port",
          "0",
          "--tls-port",
          String(port),
          "--tls-cert-file",
          options.tls.cert,
          "--tls-key-file",
          options.tls.key,
          "--tls-ca-cert-file",
          options.tls.ca,
          "--tls-auth-clients",
          "no",
        ]
      : ["--port", String(port)]),
    ...(options.password ? ["--requirepass", options.password] : []),
    ...(options.args ?? []),
  ];
  let child: ChildProcess | undefined;
  const launch = async () => {
    child = await spawnReady(args, options.ownProcessGroup ?? false);
  };
  await launch();
  const auth = options.password ? `:${encodeURIComponent(options.password)}@` : "";
  return {
    url: `${options.tls ? "rediss" : "redis"}://${auth}127.0.0.1:${port}`,
    port,
    get running() {
      return child !== undefined;
    },
    async pause({ kill = false } = {}) {
      const running = child;
      child = undefined;
      if (running) await end(running, kill ? "SIGKILL" : "SIGTERM");
    },
    async resume() {
      if (!child) await launch();
    },
    async stop() {
      const running = child;
      child = undefined;
      if (running) await end(running, "SIGTERM");
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Spawns `redis-server` and resolves once it accepts connections (it says so on stdout). */
function spawnReady(args: readonly string[], detached: boolean): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const [command, argv] =
      detached && existsSync(SETPRIV_PATH)
        ? [SETPRIV_PATH, ["--pdeathsig", "SIGTERM", REDIS_SERVER_PATH, ...args]]
        : [REDIS_SERVER_PATH, args];
    const child = spawn(command, argv, { stdio: ["ignore", "pipe", "pipe"], detached });
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        child.stdout?.off("data", onData);
        child.stdout?.resume();
        child.off("exit", onExit);
        resolve(child);
      }
    };
    const onExit = (code: number | null) =>
      reject(
        new Error(`redis-server exited (${code}) before accepting connections:\n${output.slice(-2000)}`),
      );
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", onExit);
    child.once("error", reject);
  });
}

function end(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}
