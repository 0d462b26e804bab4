/**
 * A datafeed that fails for good (a 403 on the read: the agent forbids the bot its feed) does not
 * die silently: an error line says what failed and what to do, and `done` rejects with the error.
 */
import { silentLogger as coreSilentLogger, createBot } from "@sprig/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "../../src/index.ts";
import { type E2eChat, startE2eChat } from "./support/e2e-chat.ts";
import { FAST_RETRY } from "./support/test-pod.ts";

let e2e: E2eChat | undefined;
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

for (const version of ["v2", "v1"] as const) {
  describe(`datafeed ${version} refused for good`, () => {
    it("logs an error line naming the failure and what to do, and done rejects", async () => {
      const lines: string[] = [];
      const logger = createLogger({ destination: { write: (line) => lines.push(line) }, level: "info" });
      e2e = await startE2eChat(createBot({ help: false, logger: coreSilentLogger }), {
        logger,
        datafeed: { longPollMs: 50 },
        config: { datafeed: { version, retry: { ...FAST_RETRY, maxAttempts: -1 } } },
      });
      const read = version === "v2" ? "/agent/v5/datafeeds/*/read" : "/agent/v4/datafeed/*/read";
      await e2e.pod.dev.addFault({
        method: version === "v2" ? "POST" : "GET",
        path: read,
        status: 403,
        body: { code: 403, message: "datafeed not entitled" },
      });
      const failure = await e2e.running.done.then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toMatchObject({ code: "HTTP_CLIENT_ERROR", status: 403 });
      const errors = lines.map((line) => JSON.parse(line)).filter((line) => line.level === 50);
      expect(errors).toHaveLength(1);
      expect(errors[0].msg).toContain("the datafeed stopped for good, the bot receives no more events");
      expect(errors[0].msg).toContain("403: datafeed not entitled");
      expect(errors[0].msg).toContain("entitled to read a datafeed");
      expect(errors[0].msg).toContain("restart the bot");
    });
  });
}

describe("a datafeed failure nobody watches", () => {
  it("still ends the process non-zero: process.exitCode is set to 1", async () => {
    const before = process.exitCode;
    const lines: string[] = [];
    const logger = createLogger({ destination: { write: (line) => lines.push(line) }, level: "error" });
    try {
      e2e = await startE2eChat(createBot({ help: false, logger: coreSilentLogger }), {
        logger,
        datafeed: { longPollMs: 50 },
      });
      // `done` is never read here, as in a bot that only awaits start().
      await e2e.pod.dev.addFault({ method: "POST", path: "/agent/v5/datafeeds/*/read", status: 403 });
      await vi.waitFor(() => expect(lines.join("")).toContain("the datafeed stopped for good"), {
        timeout: 10_000,
      });
      await vi.waitFor(() => expect(process.exitCode).toBe(1));
    } finally {
      process.exitCode = before;
    }
  });

  it("leaves the exit code alone when done is watched", async () => {
    const before = process.exitCode;
    try {
      e2e = await startE2eChat(createBot({ help: false, logger: coreSilentLogger }), {
        datafeed: { longPollMs: 50 },
      });
      const failed = e2e.running.done.catch(() => "failed");
      await e2e.pod.dev.addFault({ method: "POST", path: "/agent/v5/datafeeds/*/read", status: 403 });
      expect(await failed).toBe("failed");
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(process.exitCode).toBe(before);
    } finally {
      process.exitCode = before;
    }
  });
});

describe("datafeed stopped on purpose", () => {
  it("logs no failure and done resolves", async () => {
    const lines: string[] = [];
    const logger = createLogger({ destination: { write: (line) => lines.push(line) }, level: "info" });
    e2e = await startE2eChat(createBot({ help: false, logger: coreSilentLogger }), {
      logger,
      datafeed: { longPollMs: 50 },
    });
    await e2e.running.stop();
    await expect(e2e.running.done).resolves.toBeUndefined();
    expect(lines.filter((line) => JSON.parse(line).level >= 50)).toEqual([]);
  });
});
