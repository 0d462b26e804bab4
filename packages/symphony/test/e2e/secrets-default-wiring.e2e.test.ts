/**
 * Secrets stay out of the logs with the wiring a bot author has, not only with one registry shared
 * by hand: no logger at all (the README's way), the author's own `createLogger(…)` (as `npm start`
 * passes it), core's default logger of `createBot()` (which logs a failed handler's error with its
 * stack), and a logger that is not ours.
 * Each run logs in, retries (503, a 429 whose body echoes both tokens), gets a 400 whose body echoes
 * the tokens and a JWT (the error reaches core's logger), and logs in again after a session expiry.
 */
import { consoleLogger, createBot, toPlainText } from "@sprig/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "../../src/index.ts";
import { type E2eChat, startE2eChat } from "./support/e2e-chat.ts";
import { EchoCounter } from "./support/echo-exchange.ts";
import { bodyChunksOf, recordUsedTokens } from "./support/secrets-used.ts";

const CREATE = "/agent/v4/stream/*/message/create";
const JWT = /eyJ[\w-]{8,}\.eyJ[\w-]{8,}/;
const A_JWT = "eyJhbGciOiJSUzUxMiJ9.eyJzdWIiOiJ0b2RvLWJvdCIsImV4cCI6MTc2MDAwMDAwMH0.c2lnbmF0dXJlLW9mLWEtand0";

let e2e: E2eChat | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await e2e?.close();
  e2e = undefined;
});

function echoBot(options: Parameters<typeof createBot>[0] = { help: false }) {
  const bot = createBot(options);
  bot.fallback(({ message }) => `echo: ${toPlainText(message)}`);
  return bot;
}

/** Drives the faulty run; returns every token the adapter used and the key's Base64 pieces. */
async function faultyRun(chat: E2eChat): Promise<{ tokens: Set<string>; keyChunks: string[] }> {
  const { used, first } = await recordUsedTokens(chat);
  const session = chat.running.connection.session;
  const echo = `session ${first.sessionToken} km ${first.keyManagerToken} jwt ${A_JWT}`;
  const dev = chat.pod.dev;
  const talk = new EchoCounter(chat.pod);
  await dev.addFault({ method: "POST", path: CREATE, status: 503, times: 2 });
  await dev.addFault({
    method: "POST",
    path: CREATE,
    status: 429,
    headers: { "Retry-After": "1" },
    body: { code: 429, message: `slow down ${echo}` },
  });
  await talk.say("alice", "one");
  expect([...(await talk.settle(0, 10_000)).values()]).toEqual([1]);
  await dev.addFault({
    method: "POST",
    path: CREATE,
    status: 400,
    body: { code: 400, message: `bad ${echo}` },
  });
  await talk.say("bob", "refused for good", { counted: false });
  await dev.expireSessions();
  await talk.say("alice", "two");
  expect([...(await talk.settle(0, 10_000)).values()]).toEqual([1, 1]);
  expect(session.loginCount).toBeGreaterThanOrEqual(2);
  used.delete("");
  return { tokens: used, keyChunks: bodyChunksOf(chat.pod.privateKeyPem) };
}

function expectNoSecret(output: string, { tokens, keyChunks }: { tokens: Set<string>; keyChunks: string[] }) {
  expect(tokens.size).toBeGreaterThanOrEqual(3);
  expect(keyChunks.length).toBeGreaterThan(10);
  for (const token of tokens) expect(output).not.toContain(token);
  expect(output).not.toMatch(JWT);
  expect(output).not.toContain("PRIVATE KEY");
  for (const chunk of keyChunks) expect(output).not.toContain(chunk);
}

describe("secrets with the wiring a bot author has", () => {
  it("the author's own createLogger (its own registry, as npm start passes it): no token in any line", async () => {
    const lines: string[] = [];
    const logger = createLogger({ destination: { write: (line) => lines.push(line) }, level: "debug" });
    e2e = await startE2eChat(echoBot({ help: false, logger }), { logger });
    const secrets = await faultyRun(e2e);
    const output = lines.join("");
    // The lines that used to carry the tokens are there, blanked.
    expect(output).toContain("call failed, retrying after backoff");
    expect(output).toContain("slow down session [REDACTED] km [REDACTED]");
    expect(output).toContain("handler failed");
    expectNoSecret(output, secrets);
  });

  it("the README's way: no logger given to either (the adapter's own on stdout, core's on stderr)", async () => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: unknown) => {
      stdout.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: unknown) => {
      stderr.push(String(chunk));
      return true;
    });
    e2e = await startE2eChat(echoBot(), { logger: "default" });
    const secrets = await faultyRun(e2e);
    vi.restoreAllMocks();
    const adapterLines = stdout.join("");
    expect(adapterLines).toContain("slow down session [REDACTED] km [REDACTED] jwt [REDACTED]");
    expectNoSecret(adapterLines, secrets);
    const coreLines = stderr.join("");
    expect(coreLines).toContain("bad session [REDACTED] km [REDACTED] jwt [REDACTED]");
    expectNoSecret(coreLines, secrets);
  });

  it("core's default logger of createBot() (stderr) and a logger that is not ours: no token in any line", async () => {
    const stderr: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: unknown) => {
      stderr.push(String(chunk));
      return true;
    });
    const foreign: string[] = [];
    // core's console logger is not ours: it writes what it is given, as JSON, with error stacks.
    const logger = consoleLogger("debug", {}, (line) => foreign.push(line));
    e2e = await startE2eChat(echoBot(), { logger });
    const secrets = await faultyRun(e2e);
    vi.restoreAllMocks();
    const coreLines = stderr.join("");
    expect(coreLines).toContain("handler failed");
    expect(coreLines).toContain("bad session [REDACTED] km [REDACTED] jwt [REDACTED]");
    expectNoSecret(coreLines, secrets);
    const adapterLines = foreign.join("\n");
    expect(adapterLines).toContain("call failed, retrying after backoff");
    expectNoSecret(adapterLines, secrets);
  });
});
