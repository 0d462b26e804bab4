/**
 * The Symphony adapter with `redis` in its config, as a bot author writes it: start fails with a
 * coded error when Redis cannot be reached, refuses the password or presents a certificate the
 * given CA did not sign — the password in no error message and no log line; over TLS (`rediss://`)
 * and with an ACL user the bot runs (dedupe, order and history cache over that connection); and
 * when Redis goes away while running, the bot handles nothing (the feed is not read) until it is
 * back — then the waiting message is answered once.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createBot, silentLogger } from "@sprig/core";
import { createSelfSignedCertificate } from "@sprig/emulator";
import {
  createLogger,
  envVariableFor,
  loadConfig,
  silentLogger as quietAdapter,
  type SymphonyBot,
  symphony,
} from "@sprig/symphony";
import { BOT_ID, type EmulatedPod, startEmulatedPod } from "@sprig/testing/emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { connectRedis } from "../src/index.ts";
import { freePort, type RedisServer, redisServerMissing, startRedisServer } from "../src/testing/index.ts";

const missing = redisServerMissing();
const PASSWORD = "pw-Zq7-never-shown";
const ACL_USER = ["--user", "sprig-bot", "on", `>${PASSWORD}`, "~*", "&*", "+@all"];
const caPath = envVariableFor("redis.tls.caPath");
const username = envVariableFor("redis.username");
const password = envVariableFor("redis.password");

let dir: string;
let certs: { cert: string; key: string; ca: string; strangerCa: string };
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "sprig-redis-tls-"));
  const write = (name: string, pem: string) => {
    writeFileSync(join(dir, name), pem);
    return join(dir, name);
  };
  // Self-signed for 127.0.0.1, made with node:crypto (no openssl binary): its own CA.
  const server = createSelfSignedCertificate({ commonName: "localhost" });
  const stranger = createSelfSignedCertificate({ commonName: "localhost" });
  const cert = write("server.pem", server.cert);
  certs = {
    cert,
    key: write("server.key", server.key),
    ca: cert,
    strangerCa: write("stranger.pem", stranger.cert),
  };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let pod: EmulatedPod | undefined;
let redis: RedisServer | undefined;
let running: SymphonyBot | undefined;
afterEach(async () => {
  await running?.stop();
  await pod?.close();
  await redis?.stop();
  running = pod = redis = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function echoBot() {
  const bot = createBot({ logger: silentLogger, help: false });
  bot.command("echo {words...}", ({ vars }) => `echo: ${vars.words.join(" ")}`);
  return bot;
}

/** Starts the echo bot with this environment; given `lines`, every line it logs (at trace) lands there. */
async function startBot(env: Record<string, string>, lines?: string[]) {
  const config = await loadConfig(pod!.configPath, { env });
  const logger = lines
    ? createLogger({ level: "trace", destination: { write: (line: string) => lines.push(line) } })
    : quietAdapter();
  running = symphony(echoBot(), { config, logger });
  await running.start();
  return running;
}

/** Start must fail: the error, and all that was logged meanwhile, joined for searching. */
async function failedStart(env: Record<string, string>) {
  const lines: string[] = [];
  const error = (await startBot(env, lines).then(
    () => undefined,
    (caught: unknown) => caught,
  )) as (Error & { code?: string; cause?: unknown }) | undefined;
  running = undefined;
  return { error, shown: [error?.message, String(error?.cause), error?.stack, ...lines].join("\n") };
}

/** alice says "/echo over the wire" in a 1:1; the bot's answer (or undefined after 30 s). */
async function echoes(): Promise<string | undefined> {
  const alice = pod!.personId("alice");
  const im = await pod!.dev.createIm([alice, BOT_ID]);
  await pod!.dev.postText(im, alice, "/echo over the wire");
  for (let i = 0; i < 600; i++) {
    const answer = (await pod!.dev.messages(im)).find((m) => m.user.userId === BOT_ID);
    if (answer) return answer.message;
    await sleep(50);
  }
  return undefined;
}

describe.skipIf(missing !== undefined)("the Symphony adapter on Redis", () => {
  it("start fails with redis.unreachable when nothing answers at the url", { timeout: 30_000 }, async () => {
    pod = await startEmulatedPod();
    const port = await freePort();
    await expect(startBot({ SPRIG_REDIS_URL: `redis://127.0.0.1:${port}` })).rejects.toMatchObject({
      code: "redis.unreachable",
      message: expect.stringMatching(/did not answer.*SPRIG_REDIS_URL/),
    });
  });

  it("a url that is no url (a space in its host), with a password: redis.invalid_config saying what to fix, the password nowhere", async () => {
    pod = await startEmulatedPod();
    const { error, shown } = await failedStart({ SPRIG_REDIS_URL: "redis://:pw-secret@redis host:6379" });
    expect(error).toMatchObject({
      code: "redis.invalid_config",
      message: expect.stringMatching(/redis\.url.*SPRIG_REDIS_URL/),
    });
    // Node's own "Invalid URL" error carries the whole url (its `input`), password included.
    const everything = JSON.stringify([error, error?.cause], (_key, value: unknown) =>
      value instanceof Error ? { ...value, message: value.message } : value,
    );
    expect(`${shown}\n${everything}`).not.toMatch(/secret/);
  });

  it("SPRIG_REDIS_URL not redis://: the error names the variable, not the config file", async () => {
    pod = await startEmulatedPod();
    const { error } = await failedStart({ SPRIG_REDIS_URL: "http://127.0.0.1:6379" });
    expect(error).toMatchObject({
      code: "CONFIG_INVALID_VALUE",
      message: expect.stringContaining("SPRIG_REDIS_URL"),
    });
    expect(error?.message).not.toContain(pod.configPath);
  });

  it("a wrong password in the url: redis.refused, the url shown with *** in its place, in no log line", async () => {
    redis = await startRedisServer({ password: "right-secret" });
    pod = await startEmulatedPod();
    const url = redis.url.replace("right-secret", "wrong-secret");
    const { error, shown } = await failedStart({ SPRIG_REDIS_URL: url });
    expect(error).toMatchObject({
      code: "redis.refused",
      message: expect.stringContaining(":***@127.0.0.1"),
    });
    expect(shown).not.toMatch(/secret/);
  });

  it("rediss:// with the server's CA and an ACL user in the url: the bot runs on it", {
    timeout: 60_000,
  }, async () => {
    redis = await startRedisServer({ tls: certs, args: ACL_USER });
    pod = await startEmulatedPod();
    const lines: string[] = [];
    const url = `rediss://sprig-bot:${PASSWORD}@127.0.0.1:${redis.port}`;
    await startBot({ SPRIG_REDIS_URL: url, [caPath]: certs.ca }, lines);
    expect(await echoes()).toMatch(/echo: over the wire/);
    expect(lines.join("\n")).toContain("Redis connected");
    expect(lines.join("\n")).not.toContain(PASSWORD);
  });

  it("rediss:// to a certificate the CA given did not sign: redis.refused, naming redis.tls", {
    timeout: 60_000,
  }, async () => {
    redis = await startRedisServer({ tls: certs });
    pod = await startEmulatedPod();
    const { error } = await failedStart({
      SPRIG_REDIS_URL: `rediss://127.0.0.1:${redis.port}`,
      [caPath]: certs.strangerCa,
    });
    expect(error).toMatchObject({ code: "redis.refused", message: expect.stringMatching(/redis\.tls/) });
  });

  it("an ACL user and password from the config (not the url): a wrong password fails start, never shown; the right one runs", {
    timeout: 60_000,
  }, async () => {
    redis = await startRedisServer({ args: ACL_USER });
    pod = await startEmulatedPod();
    const url = `redis://127.0.0.1:${redis.port}`;
    const wrong = "pw-wrong-also-secret";
    const { error, shown } = await failedStart({
      SPRIG_REDIS_URL: url,
      [username]: "sprig-bot",
      [password]: wrong,
    });
    expect(error).toMatchObject({
      code: "redis.refused",
      message: expect.stringMatching(/refused.*redis\.username \/ redis\.password/),
    });
    expect(shown).not.toContain(wrong);

    const lines: string[] = [];
    await startBot({ SPRIG_REDIS_URL: url, [username]: "sprig-bot", [password]: PASSWORD }, lines);
    expect(await echoes()).toMatch(/echo: over the wire/);
    expect(lines.join("\n")).not.toContain(PASSWORD);
  });

  it("Redis full (maxmemory, noeviction) refuses commands: reading pauses with backoff, logged once, and the message is answered once when it accepts them again", {
    timeout: 60_000,
  }, async () => {
    redis = await startRedisServer();
    pod = await startEmulatedPod();
    const alice = pod.personId("alice");
    const im = await pod.dev.createIm([alice, BOT_ID]);
    const lines: string[] = [];
    await startBot({ SPRIG_REDIS_URL: redis.url }, lines);
    const answers = async () =>
      (await pod!.dev.messages(im)).filter((m) => m.user.userId === BOT_ID).map((m) => m.message);
    const waitFor = async (done: () => Promise<boolean> | boolean) => {
      const deadline = Date.now() + 30_000;
      while (!(await done()) && Date.now() < deadline) await sleep(50);
    };
    await pod.dev.postText(im, alice, "/echo one");
    await waitFor(async () => (await answers()).length >= 1);
    expect(await answers()).toHaveLength(1);

    const admin = await connectRedis({ url: redis.url });
    try {
      const scriptCalls = async () => {
        const stats = String(await admin.client.sendCommand(["INFO", "commandstats"]));
        // Every try counts, run or refused (Redis counts a call refused for OOM apart).
        const calls = (name: string) => {
          const line = new RegExp(`cmdstat_${name}:([^\\r\\n]*)`).exec(stats)?.[1] ?? "";
          return [...line.matchAll(/(?:^|,)(?:calls|rejected_calls|failed_calls)=(\d+)/g)].reduce(
            (sum, [, n]) => sum + Number(n),
            0,
          );
        };
        return calls("evalsha") + calls("eval");
      };
      await admin.client.sendCommand(["CONFIG", "SET", "maxmemory-policy", "noeviction"]);
      await admin.client.sendCommand(["CONFIG", "SET", "maxmemory", "1"]);
      const before = await scriptCalls();
      await pod.dev.postText(im, alice, "/echo two");
      await sleep(3_000);
      // Nothing handled without the guarantees, and no tight loop of retries (it made thousands).
      expect(await answers()).toHaveLength(1);
      const tries = (await scriptCalls()) - before;
      console.info(`script calls in 3 s while Redis was full: ${tries}`);
      expect(tries).toBeLessThan(100);
      const messages = lines.map((line) => JSON.parse(line) as { msg: string; reason?: string });
      const refusals = messages.filter((m) => m.msg.startsWith("Redis refuses commands"));
      expect(refusals).toHaveLength(1);
      expect(refusals[0]!.reason).toMatch(/OOM/);

      await admin.client.sendCommand(["CONFIG", "SET", "maxmemory", "0"]);
      await waitFor(async () => (await answers()).length >= 2);
      await sleep(1_000);
      const all = await answers();
      expect(all).toHaveLength(2);
      expect(all[1]).toMatch(/echo: two/);
      await waitFor(() => lines.some((line) => line.includes("Redis accepts commands again")));
      expect(lines.some((line) => line.includes("Redis accepts commands again"))).toBe(true);
    } finally {
      await admin.close();
    }
  });

  it("with the right password it runs (auth); Redis stopped mid-run pauses the bot, restarted it answers once", {
    timeout: 60_000,
  }, async () => {
    redis = await startRedisServer({ password: "s3cret" });
    pod = await startEmulatedPod();
    const alice = pod.personId("alice");
    const im = await pod.dev.createIm([alice, BOT_ID]);
    await startBot({ SPRIG_REDIS_URL: redis.url });
    const answers = async () =>
      (await pod!.dev.messages(im)).filter((m) => m.user.userId === BOT_ID).map((m) => m.message);
    const waitFor = async (count: number) => {
      const deadline = Date.now() + 30_000;
      while ((await answers()).length < count && Date.now() < deadline) await sleep(50);
    };
    await pod.dev.postText(im, alice, "/echo one");
    await waitFor(1);
    expect(await answers()).toHaveLength(1);

    await redis.pause({ kill: true });
    await pod.dev.postText(im, alice, "/echo two");
    await sleep(1500);
    // Without Redis nothing is handled: no answer without the guarantees.
    expect(await answers()).toHaveLength(1);

    await redis.resume();
    await waitFor(2);
    await sleep(1000);
    const all = await answers();
    expect(all).toHaveLength(2);
    expect(all[1]).toMatch(/echo: two/);
  });
});
