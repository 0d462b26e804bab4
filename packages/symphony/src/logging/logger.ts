import { type DestinationStream, type Logger, pino } from "pino";
import { SecretRegistry } from "./secret-registry.ts";

export type { Logger } from "pino";

export interface LoggerOptions {
  /** pino level; defaults to `SPRIG_LOG_LEVEL` or "info". */
  readonly level?: string;
  /** Where lines go; defaults to standard output. Anything with `write(line)`. */
  readonly destination?: { write(line: string): unknown };
  /** The secrets to blank out of every line; share it with the auth session. */
  readonly secrets?: SecretRegistry;
  readonly name?: string;
}

/** Fields that hold secrets wherever they appear (top level, or one or two levels down). */
const SECRET_FIELDS = [
  "sessionToken",
  "sessiontoken",
  "keyManagerToken",
  "keymanagertoken",
  "token",
  "authorizationToken",
  "authorization",
  "Authorization",
  "privateKey",
  "privateKeyPem",
  "password",
  "passphrase",
  "jwt",
];
const REDACT_PATHS = SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);

/**
 * The adapter's one logger. Two layers keep secrets out: pino's `redact` for fields known to hold
 * them, and a destination that blanks registered secrets, JWTs and PEM private keys from the
 * finished line — so a token echoed in an error body or a stack trace is caught as well.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = options.secrets ?? new SecretRegistry();
  const target = options.destination ?? process.stdout;
  const destination: DestinationStream = { write: (line: string) => target.write(secrets.scrub(line)) };
  return pino(
    {
      name: options.name ?? "sprig-symphony",
      level: options.level ?? process.env.SPRIG_LOG_LEVEL ?? "info",
      redact: { paths: REDACT_PATHS, censor: "[REDACTED]" },
    },
    destination,
  );
}

/** A logger that drops everything (tests, or callers that do not want logs). */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
