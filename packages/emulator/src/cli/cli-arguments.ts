/** Command line of `sprig-emulator`. */
export type CliCommand =
  | { kind: "serve"; port: number; host: string; seed?: string; dataDir?: string; tls: boolean }
  | { kind: "keys"; name: string; dir: string }
  | { kind: "help" };

export const USAGE = `Usage:
  sprig-emulator [--port N] [--host H] [--seed file.yaml] [--data-dir DIR] [--tls]
      Run a local Symphony pod (REST API + datafeed + dev API /emulator/v1). Default port 8443
      with --tls, else 8080; 0 lets the OS choose. Prints the base URL once it listens.
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
  const command: CliCommand = {
    kind: "serve",
    port,
    host: value("--host") ?? "127.0.0.1",
    seed: value("--seed"),
    dataDir: value("--data-dir"),
    tls,
  };
  if (args.length > 0) throw new CliError(`Unexpected argument ${args[0]}`);
  return command;
}
