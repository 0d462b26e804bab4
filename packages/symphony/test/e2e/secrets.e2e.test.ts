/**
 * Secrets never reach a log line: one run with RSA login, retries (5xx, 429, a dropped
 * connection), a session expiry (401 → login again) and an error body that echoes the session
 * token back, with every log line of the adapter, of the bot and of the emulator captured, the
 * adapter's at the most verbose level. None holds a session token, a key-manager token, a JWT or private-key material.
 * Here one registry is shared by hand between the logger and the connection; the wiring a bot author
 * has (their own `createLogger`, core's default logger, `npm start`) is tested in
 * secrets-default-wiring.e2e.test.ts and examples/todo-bot/test/npm-start-secrets.test.ts.
 */
import { createBot, toPlainText } from "@sprig/core";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger, SecretRegistry } from "../../src/index.ts";
import { type E2eChat, startE2eChat } from "./support/e2e-chat.ts";
import { EchoCounter } from "./support/echo-exchange.ts";
import { bodyChunksOf, recordUsedTokens } from "./support/secrets-used.ts";

const CREATE = "/agent/v4/stream/*/message/create";
const READ = "/agent/v5/datafeeds/*/read";
const JWT = /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}/;

let e2e: E2eChat | undefined;
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

describe("secrets in the logs of an end-to-end run", () => {
  it("no session token, key-manager token, JWT or private key in any line", async () => {
    const lines: string[] = [];
    const secrets = new SecretRegistry();
    const logger = createLogger({
      destination: { write: (line) => lines.push(line) },
      level: "trace",
      secrets,
    });
    const bot = createBot({ help: false, logger });
    bot.fallback(({ message }) => `echo: ${toPlainText(message)}`);
    bot.command("boom", () => {
      throw new Error("the handler failed");
    });
    e2e = await startE2eChat(bot, {
      logger,
      secrets,
      // The emulator's own lines (internal errors only) are captured with the rest.
      log: (line) => lines.push(line),
      datafeed: { visibilityTimeoutMs: 600, longPollMs: 100 },
    });

    // Every token the adapter ever used, across logins.
    const { used, first } = await recordUsedTokens(e2e);
    const session = e2e.running.connection.session;

    const dev = e2e.pod.dev;
    const talk = new EchoCounter(e2e.pod);
    await dev.addFault({ method: "POST", path: CREATE, status: 503, times: 2 });
    await dev.addFault({
      method: "POST",
      path: CREATE,
      status: 500,
      body: { code: 500, message: `token ${first.sessionToken} / km ${first.keyManagerToken} refused` },
    });
    await dev.addFault({ method: "POST", path: CREATE, status: 429, headers: { "Retry-After": "1" } });
    await dev.addFault({ method: "POST", path: READ, drop: true });
    await talk.say("alice", "one");
    await talk.say("alice", "/boom", { counted: false });
    await dev.expireSessions();
    await talk.say("bob", "two");
    await talk.say("alice", "three");
    expect([...(await talk.settle(0, 10_000)).values()]).toEqual([1, 1, 1]);
    const keyChunks = bodyChunksOf(e2e.pod.privateKeyPem);
    await e2e.close();
    e2e = undefined;

    // The run did log in twice, retry, and log the failures (else this test would prove little).
    expect(session.loginCount).toBeGreaterThanOrEqual(2);
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.some((l) => /"level":(40|50)/.test(l))).toBe(true);
    expect(lines.join("")).toMatch(/refused/);

    used.delete("");
    expect(used.size).toBeGreaterThanOrEqual(3);
    expect(keyChunks.length).toBeGreaterThan(10);
    for (const line of lines) {
      for (const token of used) expect(line).not.toContain(token);
      expect(line).not.toMatch(JWT);
      expect(line).not.toMatch(/PRIVATE KEY/);
      for (const chunk of keyChunks) expect(line).not.toContain(chunk);
    }
  });
});
