import type { DatafeedSettings } from "../datafeed/datafeed-settings.ts";

/** Command line of `sprig-emulator`. */
export type CliCommand =
  | {
      kind: "serve";
      port: number;
      host: string;
      seed?: string;
      dataDir?: string;
      tls: boolean;
      sessionTtlMs?: number;
      datafeed: Partial<DatafeedSettings>;
    }
  | { kind: "keys"; name: string; dir: string }
  | { kind: "help" };

/** Flags that set a datafeed timing or limit, with the setting each one sets. */
const DATAFEED_FLAGS = {
  "--visibility-timeout-ms": "visibilityTimeoutMs",
  "--long-poll-ms": "longPollMs",
  "--feed-ttl-ms": "ttlMs",
  "--max-feeds-per-account": "maxFeedsPerAccount",
  "--max-batch-size": "maxBatchSize",
} as const satisfies Record<string, keyof DatafeedSettings>;

export const USAGE = `Usage:
  sprig-emulator [--port N] [--host H] [--seed file.yaml] [--data-dir DIR] [--tls] [timings]
      Run a local Symphony pod (REST API + datafeed + dev API /emulator/v1 + web chat at /).
      Default port 8443 with --tls, else 8080; 0 lets the OS choose. Prints the base URL once it
      listens. With a --host other than loopback (e.g. 0.0.0.0) the dev API and the web chat want
      the access token printed at start (open the printed URL).
      timings (milliseconds, for tests that must not wait the pod's real durations):
        --session-ttl-ms N          session and key-manager token lifetime (default 2 h)
        --visibility-timeout-ms N   an unacknowledged datafeed batch comes back after this (30 s)
        --long-poll-ms N            an empty datafeed read waits this long (30 s)
        --feed-ttl-ms N             a datafeed nobody reads for this long is gone (30 min)
        --max-feeds-per-account N   active datafeeds per account (20)
        --max-batch-size N          most events in one datafeed read (100)
  sprig-emulator keys NAME [--dir DIR]
      Write an RSA key pair for a bot: NAME-private.pem (keep it) and NAME-public.pem (put it in the
      seed file as publicKeyFile, or POST it to /emulator/v1/users as publicKey).`;

export class CliError extends Error {}

export function parseCliArguments(argv: string[]): CliCommand {
  const args = [...argv];
  if (args.includes("--help") || args.includes("-h")) return { kind: "help" };
  const value = (flag: string): string | undefined => {
    const at = args.indexOf(flag);
    if (at < 0) return undefined;
    const next = args[at + 1];
    if (next === undefined || next.startsWith("--")) throw new CliError(`${flag} needs a value`);
    args.splice(at, 2);
    return next;
  };
  /** A positive whole number of milliseconds (or a count). */
  const positive = (flag: string): number | undefined => {
    const raw = value(flag);
    if (raw === undefined) return undefined;
    if (!/^\d{1,12}$/.test(raw) || Number(raw) < 1)
      throw new CliError(`${flag} must be a positive whole number, not ${raw}`);
    return Number(raw);
  };
  if (args[0] === "keys") {
    const dir = value("--dir") ?? ".";
    const name = args[1];
    if (!name || !/^[A-Za-z0-9._-]+$/.test(name))
      throw new CliError("keys needs a NAME made of letters, digits, . _ -");
    if (args.length > 2) throw new CliError(`Unexpected argument ${args[2]}`);
    return { kind: "keys", name, dir };
  }
  const tls = args.includes("--tls");
  if (tls) args.splice(args.indexOf("--tls"), 1);
  const rawPort = value("--port");
  const port = rawPort === undefined ? (tls ? 8443 : 8080) : Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliError(`--port must be 0-65535, not ${rawPort}`);
  const datafeed: Partial<DatafeedSettings> = {};
  for (const [flag, setting] of Object.entries(DATAFEED_FLAGS)) {
    const given = positive(flag);
    if (given !== undefined) datafeed[setting] = given;
  }
  const command: CliCommand = {
    kind: "serve",
    port,
    host: value("--host") ?? "127.0.0.1",
    seed: value("--seed"),
    dataDir: value("--data-dir"),
    tls,
    sessionTtlMs: positive("--session-ttl-ms"),
    datafeed,
  };
  if (args.length > 0) throw new CliError(`Unexpected argument ${args[0]}`);
  return command;
}
