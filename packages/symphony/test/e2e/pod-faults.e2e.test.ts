/**
 * The datafeed loop outlives the pod faults of issue 13, on the emulator over HTTP: each scenario
 * checks that every person's message is answered exactly once (none lost, none doubled), that the
 * loop still runs (`done` unsettled, no "stopped for good" line), the line a person reads about the
 * fault, and that no token the adapter used is in any log line. Scenarios covered elsewhere (5xx
 * bursts, 429 on sending, one session expiry, the feed gone or deleted, dropped connections before
 * and after the answer) are in faults.e2e.test.ts and not repeated here.
 */
import { silentLogger as coreSilentLogger, createBot, toPlainText } from "@sprig/core";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger, type SessionTokens, type SymphonyBot, symphony } from "../../src/index.ts";
import { EchoCounter } from "./support/echo-exchange.ts";
import { FAST_RETRY, startTestPod, type TestPod } from "./support/test-pod.ts";

const VISIBILITY_MS = 600;
const SETTLE_MS = 2 * VISIBILITY_MS + 200;
const CREATE = "/agent/v4/stream/*/message/create";
const READ = "/agent/v5/datafeeds/*/read";
const RELAY = "/relay/pubkey/authenticate";
/** More failures than one call's attempts (FAST_RETRY: 10): the call gives up. */
const PAST_RETRIES = FAST_RETRY.maxAttempts + 1;

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

interface Run {
  pod: TestPod;
  running: SymphonyBot;
  talk: EchoCounter;
  lines: string[];
  /** Every token the adapter used (recorded as it asks for them). */
  used: Set<string>;
  /** Settles (with "ended") if the datafeed loop ended: it must not. */
  ended: Promise<string>;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function echoBot() {
  const bot = createBot({ help: false, logger: coreSilentLogger });
  bot.fallback(({ message }) => `echo: ${toPlainText(message)}`);
  return bot;
}

/** An emulated pod, `arm`ed with faults before the echo bot starts on it. */
async function start(arm?: (pod: TestPod) => Promise<unknown>): Promise<Run> {
  const pod = await startTestPod({ datafeed: { visibilityTimeoutMs: VISIBILITY_MS, longPollMs: 100 } });
  cleanups.push(() => pod.close());
  await arm?.(pod);
  const lines: string[] = [];
  const logger = createLogger({ destination: { write: (line) => lines.push(line) }, level: "debug" });
  const running = symphony(echoBot(), { config: pod.configPath, logger });
  cleanups.push(() => running.stop());
  const used = new Set<string>();
  const ended = running.done.then(
    () => "ended",
    () => "ended",
  );
  await running.start();
  const session = running.connection.session;
  const tokens = session.tokens.bind(session);
  const record = (pair: SessionTokens) => {
    used.add(pair.sessionToken);
    used.add(pair.keyManagerToken);
    return pair;
  };
  record(await tokens());
  session.tokens = async () => record(await tokens());
  return { pod, running, talk: new EchoCounter(pod), lines, used, ended };
}

function expectExactlyOnce(answers: Map<string, number>, sent: number): void {
  expect([...answers.entries()].filter(([, n]) => n !== 1)).toEqual([]);
  expect(answers.size).toBe(sent);
}

/** Resolves when the emulator has used up every injected fault (the bot hit them all). */
async function faultsUsedUp(pod: TestPod, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await pod.dev.faults()).length > 0) {
    if (Date.now() > deadline)
      throw new Error(`Faults left unused: ${JSON.stringify(await pod.dev.faults())}`);
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
    const { pod, running, talk } = run;
    await talk.say("alice", "before");
    await talk.settle(0);
    const loginsBefore = running.connection.session.loginCount;
    await pod.dev.addFault({ method: "POST", path: READ, expireSessions: true, times: 3 });
    await faultsUsedUp(pod);
    for (let i = 0; i < 3; i++) await talk.say(i % 2 ? "alice" : "bob", `after ${i}`);
    expectExactlyOnce(await talk.settle(SETTLE_MS), 4);
    // One login per refusal: the first at once, the later ones after a backoff.
    expect(running.connection.session.loginCount - loginsBefore).toBe(3);
    const lines = await expectLoopAliveAndNoSecrets(run);
    const refused = lines.filter((l) => l.level === 40 && l.status === 401);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.msg).toBe(
      "session refused (401) even after logging in again: waiting, then logging in again and retrying",
    );
  });

  it("an action's send refused past its retries: the action fails, unacknowledged, redelivered — answered once, the loop goes on", async () => {
    const run = await start();
    const { pod, talk } = run;
    // 1 refusal answered by the free re-login, then one per attempt: the send gives up.
    await pod.dev.addFault({ method: "POST", path: CREATE, expireSessions: true, times: PAST_RETRIES });
    await talk.say("alice", "refused for a while");
    await talk.say("bob", "said meanwhile");
    expectExactlyOnce(await talk.settle(SETTLE_MS), 2);
    await faultsUsedUp(pod);
    const lines = await expectLoopAliveAndNoSecrets(run);
    const failed = lines.filter((l) => l.level === 50);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.map((l) => l.msg).join("\n")).toContain("the datafeed will deliver it again");
    expect(JSON.stringify(failed)).toContain("even after logging in again");
  });

  it("sessions expire on reads and sends while three people talk: all answered once", async () => {
    const run = await start();
    const { pod, talk } = run;
    await pod.dev.addFault({ method: "POST", path: CREATE, expireSessions: true, times: 3 });
    await pod.dev.addFault({ method: "POST", path: READ, expireSessions: true, times: 3 });
    await Promise.all(
      ["alice", "bob", "cy"].map(async (person) => {
        for (let i = 0; i < 3; i++) await talk.say(person, `${person} expiring ${i}`);
      }),
    );
    expectExactlyOnce(await talk.settle(SETTLE_MS), 9);
    await faultsUsedUp(pod);
    await expectLoopAliveAndNoSecrets(run);
  });
});

describe("the key manager or the agent unreachable", () => {
  it("the key manager unreachable at start for a while: start waits it out, then every message is answered", async () => {
    const run = await start((pod) =>
      pod.dev.addFault({ method: "POST", path: RELAY, drop: true, times: FAST_RETRY.maxAttempts - 1 }),
    );
    await faultsUsedUp(run.pod);
    for (let i = 0; i < 3; i++) await run.talk.say("alice", `after a slow start ${i}`);
    expectExactlyOnce(await run.talk.settle(SETTLE_MS), 3);
    const lines = await expectLoopAliveAndNoSecrets(run);
    const retried = lines.filter((l) => l.level === 40 && String(l.operation).includes(RELAY));
    expect(retried).toHaveLength(FAST_RETRY.maxAttempts - 1);
    expect(retried[0]!.msg).toBe("call failed, retrying after backoff");
  });

  it("the key manager down for good at start: start fails with a coded error saying what could not be reached", async () => {
    const pod = await startTestPod();
    cleanups.push(() => pod.close());
    await pod.dev.addFault({ method: "POST", path: RELAY, drop: true, times: 1000 });
    const lines: string[] = [];
    const logger = createLogger({ destination: { write: (line) => lines.push(line) }, level: "debug" });
    const running = symphony(echoBot(), { config: pod.configPath, logger });
    cleanups.push(() => running.stop());
    const failure = await running.start().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: "AUTH_FAILED" });
    expect((failure as Error).message).toContain("Could not obtain the key-manager token");
    expect((failure as Error).message).toContain("could not reach the server");
    await expect(running.done).rejects.toBe(failure);
    expect(lines.join("\n")).not.toMatch(/eyJ[\w-]{8,}\.eyJ/); // the login JWT is never logged
  });

  it("the key manager unreachable while the feed is replaced: the loop waits out the failed login, makes the new feed, goes on", async () => {
    const run = await start();
    const { pod, talk } = run;
    await talk.say("alice", "before");
    await talk.settle(0);
    // The read finds the feed gone; deleting its rest finds the session expired; the re-login finds
    // the key manager down for longer than a login's retries (AUTH_FAILED).
    await pod.dev.addFault({ method: "POST", path: RELAY, drop: true, times: PAST_RETRIES });
    await pod.dev.addFault({ method: "DELETE", path: "/agent/v5/datafeeds/*", expireSessions: true });
    await pod.dev.addFault({
      method: "POST",
      path: READ,
      status: 400,
      body: { code: 400, message: "Datafeed not found or expired" },
    });
    await faultsUsedUp(pod);
    // Events of a feed that is gone are gone with it (as on a pod): the probe waits for the new one.
    await talk.probe("bob");
    for (let i = 0; i < 3; i++) await talk.say(i % 2 ? "alice" : "bob", `on the new feed ${i}`);
    expectExactlyOnce(await talk.settle(SETTLE_MS), 4);
    const lines = await expectLoopAliveAndNoSecrets(run);
    const messages = lines.map((l) => l.msg);
    expect(messages).toContain("datafeed is gone (400): creating a new one");
    expect(messages).toContain("could not log in again: the datafeed waits and retries");
  });

  it("the agent unreachable while running (reads and sends dropped, more than a call's attempts): nothing lost", async () => {
    const run = await start();
    const { pod, talk } = run;
    await talk.say("alice", "before");
    await talk.settle(0);
    // The datafeed retries without limit; a send that runs out of attempts fails its action, redelivered.
    await pod.dev.addFault({ method: "POST", path: READ, drop: true, times: PAST_RETRIES + 4 });
    await talk.say("bob", "while the agent is away");
    await faultsUsedUp(pod);
    await pod.dev.addFault({ method: "POST", path: CREATE, drop: true, times: PAST_RETRIES });
    await talk.say("cy", "a send that gives up");
    expectExactlyOnce(await talk.settle(SETTLE_MS), 3);
    await faultsUsedUp(pod);
    const lines = await expectLoopAliveAndNoSecrets(run);
    const dropped = lines.filter((l) => l.level === 40 && String(l.operation).includes("datafeed"));
    expect(dropped.length).toBeGreaterThanOrEqual(PAST_RETRIES);
    // Dropped once the pod had the request: the client cannot tell it was not acted on.
    expect(dropped[0]!.msg).toMatch(/^call failed after its request was sent .*lost-answer wait$/);
    expect(dropped[0]!.requestSent).toBe("maybe");
    expect(dropped[0]!.error).toMatch(/other side closed|ECONNRESET/);
  });
});

describe("429 with Retry-After on the datafeed read", () => {
  it("waits what the pod asks (not its own backoff) and reads on: nothing lost", async () => {
    const run = await start();
    const { pod, talk } = run;
    await pod.dev.addFault({
      method: "POST",
      path: READ,
      status: 429,
      headers: { "Retry-After": "0.15" },
      times: 3,
    });
    await faultsUsedUp(pod);
    for (let i = 0; i < 3; i++) await talk.say("alice", `after the rate limit ${i}`);
    expectExactlyOnce(await talk.settle(SETTLE_MS), 3);
    const lines = await expectLoopAliveAndNoSecrets(run);
    const limited = lines.filter((l) => l.level === 40 && l.status === 429);
    // 150 ms each time, where the backoff would have waited 20, 40, 80 ms (less jitter).
    expect(limited.map((l) => l.retryInMs)).toEqual([150, 150, 150]);
    expect(limited[0]!.msg).toBe("call failed, retrying after backoff");
  });
});
