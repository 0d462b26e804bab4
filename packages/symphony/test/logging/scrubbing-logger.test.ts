import { consoleLogger } from "@sprig/core";
import { describe, expect, it } from "vitest";
import { type Logger, SecretRegistry, SymphonyHttpError } from "../../src/index.ts";
import { scrubbedValue, scrubErrorInPlace } from "../../src/logging/scrubbed-value.ts";
import { scrubbingLogger } from "../../src/logging/scrubbing-logger.ts";

const TOKEN = "session-token-0123456789abcdef";

/** A logger that is not ours: it keeps what it is given. */
function recordingLogger(calls: unknown[][], enabled = () => true): Logger {
  const at =
    (level: string) =>
    (...args: unknown[]) => {
      calls.push([level, ...args]);
    };
  const logger: Logger = {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    child: (bindings) => {
      const child = recordingLogger(calls, enabled);
      const info = child.info;
      return {
        ...child,
        info: (...args: unknown[]) => (info as (...a: unknown[]) => void)("bound", bindings, ...args),
      };
    },
    isLevelEnabled: enabled,
  };
  return logger;
}

describe("scrubbingLogger", () => {
  it("blanks secrets registered after it was made, in every argument, and leaves the caller's objects alone", () => {
    const secrets = new SecretRegistry();
    const calls: unknown[][] = [];
    const logger = scrubbingLogger(recordingLogger(calls), secrets);
    secrets.addRotating(TOKEN); // a login after the logger was handed over
    const fields = { body: { message: `echo ${TOKEN}` }, list: [TOKEN] };
    const cause = new Error(`cause ${TOKEN}`);
    const error = new SymphonyHttpError("HTTP_CLIENT_ERROR", 400, "send", `said ${TOKEN}`, fields);
    Object.defineProperty(error, "cause", { value: cause });
    logger.warn(fields, `message ${TOKEN}`, TOKEN);
    logger.error({ err: error }, "failed");
    logger.child({ bound: TOKEN }).info("child line");
    const text = JSON.stringify(calls, (_k, v) =>
      v instanceof Error ? { ...v, message: v.message, stack: v.stack, cause: v.cause } : v,
    );
    expect(text).not.toContain(TOKEN);
    expect(text).toContain("[REDACTED]");
    // The logger got an error still (its serializer treats it as one), of the same class.
    const logged = (calls[1]![1] as { err: unknown }).err;
    expect(logged).toBeInstanceOf(SymphonyHttpError);
    expect((logged as SymphonyHttpError).status).toBe(400);
    expect(((logged as Error).cause as Error).message).toBe("cause [REDACTED]");
    // What the caller holds is untouched.
    expect(fields.body.message).toBe(`echo ${TOKEN}`);
    expect(error.message).toContain(TOKEN);
  });

  it("prepares nothing for a level the logger drops", () => {
    const calls: unknown[][] = [];
    const logger = scrubbingLogger(
      recordingLogger(calls, () => false),
      new SecretRegistry(),
    );
    logger.debug({ a: 1 }, "dropped");
    expect(calls).toEqual([]);
  });

  it("is not wrapped twice with one registry", () => {
    const secrets = new SecretRegistry();
    const once = scrubbingLogger(consoleLogger("error"), secrets);
    expect(scrubbingLogger(once, secrets)).toBe(once);
  });

  it("blanks a JWT cut short (header and payload only)", () => {
    const jwt = "eyJhbGciOiJSUzUxMiJ9.eyJzdWIiOiJ0b2RvLWJvdCJ9";
    expect(new SecretRegistry().scrub(`token ${jwt} end`)).toBe("token [REDACTED] end");
  });
});

describe("scrubErrorInPlace", () => {
  it("blanks message, stack, server message, body and cause, and keeps the error's identity", () => {
    const secrets = new SecretRegistry();
    secrets.addRotating(TOKEN);
    const error = new SymphonyHttpError("HTTP_CLIENT_ERROR", 400, "send message", `bad ${TOKEN}`, {
      message: `bad ${TOKEN}`,
    });
    const same = scrubErrorInPlace(error, (t) => secrets.scrub(t));
    expect(same).toBe(error);
    expect(error).toBeInstanceOf(SymphonyHttpError);
    expect(error.code).toBe("HTTP_CLIENT_ERROR");
    expect(error.status).toBe(400);
    expect(error.message).toBe("send message was rejected with 400: bad [REDACTED].");
    expect(error.stack).not.toContain(TOKEN);
    expect(error.serverMessage).toBe("bad [REDACTED]");
    expect(error.body).toEqual({ message: "bad [REDACTED]" });
  });

  it("copies cycles as cycles", () => {
    const value: Record<string, unknown> = { text: TOKEN };
    value.self = value;
    const copy = scrubbedValue(value, (t) => t.replace(TOKEN, "x")) as Record<string, unknown>;
    expect(copy.text).toBe("x");
    expect(copy.self).toBe(copy);
  });
});
