/**
 * The logger handlers and the engine write to: the pino call shape (`log.info(obj, msg)`), so a
 * pino logger can be passed as is. The default writes warnings and errors to stderr as JSON lines.
 */
export interface LogFn {
  (object: object, message?: string): void;
  (message: string): void;
}

export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  child(bindings: Record<string, unknown>): Logger;
}

type Level = "debug" | "info" | "warn" | "error";

export function consoleLogger(
  minimum: Level = "warn",
  bindings: Record<string, unknown> = {},
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const order: Level[] = ["debug", "info", "warn", "error"];
  const enabled = (level: Level) => order.indexOf(level) >= order.indexOf(minimum);
  const at =
    (level: Level): LogFn =>
    (first: object | string, msg?: string) => {
      if (!enabled(level)) return;
      const fields = typeof first === "string" ? { msg: first } : { ...first, msg };
      write(JSON.stringify({ level, time: new Date().toISOString(), ...bindings, ...fields }, errorsAsJson));
    };
  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    child: (more) => consoleLogger(minimum, { ...bindings, ...more }, write),
  };
}

export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};

function errorsAsJson(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    return {
      name: value.name,
      message: value.message,
      code: (value as { code?: unknown }).code,
      stack: value.stack,
    };
  }
  return value;
}
