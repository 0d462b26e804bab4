/**
 * Secrets with `npm start`'s own wiring, as a user runs it: the todo bot (core's default logger on
 * stderr), the adapter with run-local's own `createLogger` (its own registry), the emulator in the
 * same process — everything the process writes, stdout and stderr, at the adapter's debug level.
 * The run logs in, retries (503s, a 429 whose body echoes both tokens and a JWT), has a send refused
 * for good (a 400 echoing them: core logs the error with its stack) and logs in again after a session
 * expiry. No token, key or JWT may appear. The tokens are learnt by a preload that only observes the
 * requests (undici's diagnostics channel) and writes them to a file, never to the output.
 *
 * Also: when the bot's datafeed dies for good, `npm start` says why and exits non-zero.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { aliceIm, aliceSays, devApi, type NpmStartChild, startNpmStart } from "./support/npm-start-child.ts";

const dir = mkdtempSync(join(tmpdir(), "sprig-start-secrets-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CREATE = "/agent/v4/stream/*/message/create";
const A_JWT = "eyJhbGciOiJSUzUxMiJ9.eyJzdWIiOiJ0b2RvLWJvdCIsImV4cCI6MTc2MDAwMDAwMH0.c2lnbmF0dXJlLW9mLWEtand0";
const JWT = /eyJ[\w-]{8,}\.eyJ[\w-]{8,}/;
const RECORD_TOKENS = new URL("./support/record-tokens.ts", import.meta.url).href;

function tokensIn(file: string): string[] {
  try {
    return readFileSync(file, "utf8").split("\n").filter(Boolean);
  } catch {
    return [];
  }
}

// npm start forks the bot as its own Node.js process: slow to start on a busy machine (bounds, not speed claims).
describe("npm start", { timeout: 120_000 }, () => {
  it("writes no token, key or JWT to stdout or stderr through logins, retries, echoed tokens and a session expiry", async () => {
    const tokenFile = join(dir, "tokens.txt");
    const run = await startNpmStart(
      { SPRIG_DIR: dir, SPRIG_LOG_LEVEL: "debug", SPRIG_TEST_TOKENS: tokenFile },
      [RECORD_TOKENS],
    );
    let stopped = false;
    try {
      const url = run.url;
      const im = await aliceIm(url);
      const [sessionToken, keyManagerToken] = tokensIn(tokenFile);
      expect(sessionToken).toBeDefined();
      expect(keyManagerToken).toBeDefined();
      const echo = `session ${sessionToken} km ${keyManagerToken} jwt ${A_JWT}`;

      await devApi(url, "POST", "/faults", { method: "POST", path: CREATE, status: 503, times: 2 });
      await devApi(url, "POST", "/faults", {
        method: "POST",
        path: CREATE,
        status: 429,
        headers: { "Retry-After": "1" },
        body: { code: 429, message: `slow down ${echo}` },
      });
      expect((await aliceSays(url, im, "/new")).message).toContain('form id="todo-list"');

      await devApi(url, "POST", "/faults", {
        method: "POST",
        path: CREATE,
        status: 400,
        body: { code: 400, message: `bad ${echo}` },
      });
      expect((await aliceSays(url, im, "/new")).message).toContain("Sorry, something went wrong");

      await devApi(url, "POST", "/sessions/expire", {});
      expect((await aliceSays(url, im, "/new")).message).toContain('form id="todo-list"');

      run.child.kill("SIGINT");
      stopped = true;
      expect(await run.exited).toBe(0);
    } finally {
      if (!stopped) run.child.kill("SIGINT");
    }
    const { out, err } = run.output();
    const all = out + err;
    // The run did what it should have logged: retries with the echoed bodies, and core's handler failure.
    expect(err).toContain("call failed, retrying after backoff");
    expect(err).toContain("slow down session [REDACTED] km [REDACTED] jwt [REDACTED]");
    expect(err).toContain("handler failed");
    expect(err).toContain("bad session [REDACTED] km [REDACTED] jwt [REDACTED]");

    const tokens = tokensIn(tokenFile);
    expect(tokens.length).toBeGreaterThanOrEqual(3); // two logins at least
    for (const token of tokens) expect(all).not.toContain(token);
    expect(all).not.toMatch(JWT);
    expect(all).not.toContain("PRIVATE KEY");
    const keyChunks = bodyChunksOf(readFileSync(join(dir, "todo-bot-private.pem"), "utf8"));
    expect(keyChunks.length).toBeGreaterThan(10);
    for (const chunk of keyChunks) expect(all).not.toContain(chunk);
  });

  it("says why and exits non-zero when the bot's datafeed dies for good (a 403 on the read)", async () => {
    const run: NpmStartChild = await startNpmStart({ SPRIG_DIR: dir });
    try {
      await devApi(run.url, "POST", "/faults", {
        method: "POST",
        path: "/agent/v5/datafeeds/*/read",
        status: 403,
        body: { code: 403, message: "datafeed not entitled" },
      });
      // The read under way is a long poll: a message ends it, and the next read meets the 403.
      await devApi(run.url, "POST", `/streams/${await aliceIm(run.url)}/messages`, {
        as: "alice",
        text: "/help",
      });
      const code = await run.exited;
      expect(code).not.toBe(0);
      const { err } = run.output();
      expect(err).toContain("the datafeed stopped for good, the bot receives no more events");
      expect(err).toContain("403: datafeed not entitled");
      expect(err).toContain("restart the bot");
    } finally {
      run.child.kill("SIGKILL");
    }
  });
});

/** 24-character pieces of the key's Base64 body: any of them in the output would be key material. */
function bodyChunksOf(pem: string): string[] {
  return pem
    .split("\n")
    .filter((l) => l.length >= 48 && !l.startsWith("-----"))
    .flatMap((l) => [l.slice(0, 24), l.slice(24, 48)]);
}
