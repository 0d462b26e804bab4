import type { LogFn, Logger } from "./logger.ts";
import { scrubbedValue } from "./scrubbed-value.ts";
import type { SecretRegistry } from "./secret-registry.ts";

const LEVELS = ["debug", "info", "warn", "error"] as const;
type Level = (typeof LEVELS)[number];

/** The wrappers made here, with the registry they scrub with (a logger is never wrapped twice). */
const wrapped = new WeakMap<Logger, SecretRegistry>();

/**
 * The given logger, with the secrets of `secrets` (and any JWT or PEM private key) taken out of
 * every argument before it is called: whatever logger the bot author passes — one of ours with its
 * own registry, core's, or any other object with the pino call shape — no line the adapter writes
 * through it can hold a token or key, even one learned at a login long after the logger was made.
 */
export function scrubbingLogger(target: Logger, secrets: SecretRegistry): Logger {
  if (wrapped.get(target) === secrets) return target;
  const scrub = (text: string) => secrets.scrub(text);
  const at =
    (level: Level): LogFn =>
    (...args: unknown[]) => {
      // Nothing is copied for a line the logger would drop (debug lines on every call, say).
      if (typeof target.isLevelEnabled === "function" && !target.isLevelEnabled(level)) return;
      const clean = args.map((arg) => scrubbedValue(arg, scrub));
      (target[level] as (...a: unknown[]) => void).apply(target, clean);
    };
  const logger: Logger = {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    child: (bindings) =>
      scrubbingLogger(target.child(scrubbedValue(bindings, scrub) as Record<string, unknown>), secrets),
    ...(typeof target.isLevelEnabled === "function"
      ? { isLevelEnabled: (level: string) => target.isLevelEnabled?.(level) ?? true }
      : {}),
  };
  wrapped.set(logger, secrets);
  return logger;
}
