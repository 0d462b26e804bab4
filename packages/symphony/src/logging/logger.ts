import { type DestinationStream, type Logger as PinoLogger, pino } from "pino";
import { SecretRegistry } from "./secret-registry.ts";

/** pino's call shape: `log.info(object, message, ...args)` or `log.info(message, ...args)`. */
export interface LogFn {
  (object: object, message?: string, ...args: unknown[]): void;
  (message: string, ...args: unknown[]): void;
}

/**
 * What the adapter logs through: a pino logger (ours from `createLogger`, or the author's), core's
 * logger, or any object of this shape. The adapter scrubs its secrets out of every call it makes,
 * whatever logger it is given.
 */
export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  child(bindings: Record<string, unknown>): Logger;
  /** When present, lines of a disabled level are not even prepared. */
  isLevelEnabled?(level: string): boolean;
}

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
export function createLogger(options: LoggerOptions = {}): PinoLogger {
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
