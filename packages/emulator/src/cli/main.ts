import { startEmulator } from "../emulator.ts";
import { CliError, parseCliArguments, USAGE } from "./cli-arguments.ts";
import { writeKeyPair } from "./write-key-pair.ts";

/** Entry point of the `sprig-emulator` command. */
export async function main(argv: string[]): Promise<number> {
  let command: ReturnType<typeof parseCliArguments>;
  try {
    command = parseCliArguments(argv);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    process.stderr.write(`sprig-emulator: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (command.kind === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command.kind === "keys") {
    const written = writeKeyPair(command.name, command.dir);
    process.stdout.write(`private key: ${written.privateKeyPath}\npublic key:  ${written.publicKeyPath}\n`);
    return 0;
  }
  const emulator = await startEmulator({
    port: command.port,
    host: command.host,
    seed: command.seed,
    dataDir: command.dataDir,
    tls: command.tls,
    sessionTtlMs: command.sessionTtlMs,
    datafeed: command.datafeed,
  });
  if (emulator.certificatePath) process.stdout.write(`certificate: ${emulator.certificatePath}\n`);
  process.stdout.write(`${emulator.url}\n`);
  // The one place the access token is shown: to the person who started the emulator.
  if (emulator.accessToken) {
    process.stdout.write(
      `web chat and dev API (keep this link private): ${emulator.url}/?token=${emulator.accessToken}\n`,
    );
  }
  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return await new Promise<number>(() => {});
}
