/**
 * The datafeed loop outlives every pod fault of issue 13, on the emulator over HTTP: each scenario
 * checks that every person's message is answered exactly once (none lost, none doubled), that the
 * loop still runs (`done` unsettled, no "stopped for good" line), the line a person reads about the
 * fault, and that no token the adapter used is in any log line. Scenarios already covered elsewhere
 * (5xx bursts, 429 on sending, one session expiry, feed gone or deleted, dropped connections) are in
 * faults.e2e.test.ts and not repeated here.
 */
import { silentLogger as coreSilentLogger, createBot, toPlainText } from "@sprig/core";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/index.ts";
import { type E2eChat, startE2eChat } from "./support/e2e-chat.ts";
import { EchoCounter } from "./support/echo-exchange.ts";
import { recordUsedTokens } from "./support/secrets-used.ts";

const VISIBILITY_MS = 600;
const SETTLE_MS = 2 * VISIBILITY_MS + 200;
const CREATE = "/agent/v4/stream/*/message/create";
const READ = "/agent/v5/datafeeds/*/read";

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

interface Run {
  e2e: E2eChat;
  talk: EchoCounter;
  lines: string[];
  used: Set<string>;
  /** Settles (with "ended") if the datafeed loop ended: it must not. */
  ended: Promise<string>;
}

let e2e: E2eChat | undefined;
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

async function start(): Promise<Run> {
  const lines: string[] = [];
  const logger = createLogger({ destination: { write: (line) => lines.push(line) }, level: "debug" });
  const bot = createBot({ help: false, logger: coreSilentLogger });
  bot.fallback(({ message }) => `echo: ${toPlainText(message)}`);
  e2e = await startE2eChat(bot, {
    logger,
    datafeed: { visibilityTimeoutMs: VISIBILITY_MS, longPollMs: 100 },
  });
  const { used } = await recordUsedTokens(e2e);
  const ended = e2e.running.done.then(
    () => "ended",
    () => "ended",
  );
  return { e2e, talk: new EchoCounter(e2e.pod), lines, used, ended };
}

function expectExactlyOnce(answers: Map<string, number>, sent: number): void {
  expect([...answers.entries()].filter(([, n]) => n !== 1)).toEqual([]);
  expect(answers.size).toBe(sent);
}

/** Resolves when the emulator has used up every injected fault (the bot hit them all). */
async function faultsUsedUp(e2e: E2eChat, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await e2e.pod.dev.faults()).length > 0) {
    if (Date.now() > deadline)
      throw new Error(`Faults left unused: ${JSON.stringify(await e2e.pod.dev.faults())}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The loop still runs, nothing was logged as fatal, and no token the adapter used is in any line. */
async function expectLoopAliveAndNoSecrets(run: Run): Promise<LogLine[]> {
  const still = await Promise.race([run.ended, new Promise((r) => setTimeout(() => r("running"), 50))]);
  expect(still).toBe("running");
  const parsed = run.lines.map((line) => JSON.parse(line) as LogLine);
  expect(parsed.filter((l) => l.msg.includes("stopped for good"))).toEqual([]);
  const all = run.lines.join("\n");
  run.used.delete("");
  expect(run.used.size).toBeGreaterThan(0);
  for (const token of run.used) expect(all).not.toContain(token);
  return parsed;
}

describe("the pod refuses the session even after a fresh login", () => {
  it("three reads in a row find their session expired: the loop logs in again, backs off, reads on — nothing lost", async () => {
    const run = await start();
    const { e2e, talk } = run;
    await talk.say("alice", "before");
    await talk.settle(0);
    const loginsBefore = e2e.running.connection.session.loginCount;
    await e2e.pod.dev.addFault({ method: "POST", path: READ, expireSessions: true, times: 3 });
    await faultsUsedUp(e2e);
    for (let i = 0; i < 3; i++) await talk.say(i % 2 ? "alice" : "bob", `after ${i}`);
    expectExactlyOnce(await talk.settle(SETTLE_MS), 4);
    // One login per refusal: the first at once, the later ones after a backoff.
    expect(e2e.running.connection.session.loginCount - loginsBefore).toBe(3);
    const lines = await expectLoopAliveAndNoSecrets(run);
    const refused = lines.filter((l) => l.level === 40 && l.status === 401);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.msg).toContain("even after logging in again");
  });
});

describe("an action's call refused past its retries", () => {
  it("the action fails, is left unacknowledged and redelivered: answered once, and the loop goes on", async () => {
    const run = await start();
    const { e2e, talk } = run;
    // 1 refusal answered by the free re-login, 10 by the 10 attempts of FAST_RETRY: the send gives up.
    await e2e.pod.dev.addFault({ method: "POST", path: CREATE, expireSessions: true, times: 11 });
    await talk.say("alice", "refused for a while");
    await talk.say("bob", "said meanwhile");
    expectExactlyOnce(await talk.settle(SETTLE_MS), 2);
    await faultsUsedUp(e2e);
    const lines = await expectLoopAliveAndNoSecrets(run);
    const failed = lines.filter((l) => l.level === 50);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.map((l) => l.msg).join("\n")).toContain("the datafeed will deliver it again");
    expect(JSON.stringify(failed)).toContain("even after logging in again");
  });

  it("sessions expire on every kind of call while three people talk: all answered once", async () => {
    const run = await start();
    const { e2e, talk } = run;
    const dev = e2e.pod.dev;
    await dev.addFault({ method: "POST", path: CREATE, expireSessions: true, times: 3 });
    await dev.addFault({ method: "POST", path: READ, expireSessions: true, times: 3 });
    await Promise.all(
      ["alice", "bob", "cy"].map(async (person) => {
        for (let i = 0; i < 3; i++) await talk.say(person, `${person} expiring ${i}`);
      }),
    );
    expectExactlyOnce(await talk.settle(SETTLE_MS), 9);
    await faultsUsedUp(e2e);
    await expectLoopAliveAndNoSecrets(run);
  });
});
