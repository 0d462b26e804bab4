/**
 * Redis over TLS (`rediss://`) and with credentials (a password, an ACL user), through the Symphony
 * adapter's config as a bot author writes it: the bot answers (dedupe, order and history cache all
 * over that connection); a wrong password or a certificate it cannot trust fails start with a
 * coded error saying what to check — and the password is in no error message and no log line.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createBot, silentLogger } from "@sprig/core";
import { createSelfSignedCertificate } from "@sprig/emulator";
import { createLogger, envVariableFor, loadConfig, type SymphonyBot, symphony } from "@sprig/symphony";
import { BOT_ID, type EmulatedPod, startEmulatedPod } from "@sprig/testing/emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RedisServer, redisServerMissing, startRedisServer } from "../src/testing/index.ts";

const missing = redisServerMissing();
const PASSWORD = "pw-Zq7-never-shown";
const ACL_USER = ["--user", "sprig-bot", "on", `>${PASSWORD}`, "~*", "&*", "+@all"];

let dir: string;
let certs: { cert: string; key: string; ca: string; strangerCa: string };
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "sprig-redis-tls-"));
  const write = (name: string, pem: string) => {
    writeFileSync(join(dir, name), pem);
    return join(dir, name);
  };
  // Self-signed for 127.0.0.1, made with node:crypto: the certificate is its own CA.
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

/** Starts an echo bot on a fresh pod with this Redis environment; every log line it writes kept in `lines`. */
async function startBot(env: Record<string, string>, lines: string[]) {
  pod = await startEmulatedPod();
  const bot = createBot({ logger: silentLogger, help: false });
  bot.command("echo {words...}", ({ vars }) => `echo: ${vars.words.join(" ")}`);
  const config = await loadConfig(pod.configPath, { env });
  const logger = createLogger({ level: "trace", destination: { write: (line: string) => lines.push(line) } });
  running = symphony(bot, { config, logger });
  await running.start();
}

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

/** Start must fail; returns the error, with every line logged meanwhile. */
async function failedStart(env: Record<string, string>) {
  const lines: string[] = [];
  const error = (await startBot(env, lines).then(
    () => undefined,
    (caught: unknown) => caught,
  )) as (Error & { code?: string; cause?: unknown }) | undefined;
  running = undefined;
  return { error, lines };
}

const caPath = envVariableFor("redis.tls.caPath");
const username = envVariableFor("redis.username");
const password = envVariableFor("redis.password");

describe.skipIf(missing !== undefined)("Redis over TLS and with credentials", () => {
  it("rediss:// with the server's CA and an ACL user in the url: the bot runs on it", {
    timeout: 60_000,
  }, async () => {
    redis = await startRedisServer({ tls: certs, args: ACL_USER });
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
    const { error } = await failedStart({
      SPRIG_REDIS_URL: `rediss://127.0.0.1:${redis.port}`,
      [caPath]: certs.strangerCa,
    });
    expect(error).toMatchObject({ code: "redis.refused", message: expect.stringMatching(/redis\.tls/) });
  });

  it("an ACL user and password from the config (not the url): runs; a wrong password fails start, never shown", {
    timeout: 60_000,
  }, async () => {
    redis = await startRedisServer({ args: ACL_USER });
    const url = `redis://127.0.0.1:${redis.port}`;
    const wrong = "pw-wrong-also-secret";
    const { error, lines } = await failedStart({
      SPRIG_REDIS_URL: url,
      [username]: "sprig-bot",
      [password]: wrong,
    });
    expect(error).toMatchObject({
      code: "redis.refused",
      message: expect.stringMatching(/refused.*redis\.username \/ redis\.password/),
    });
    const shown = [error?.message, String(error?.cause), error?.stack, ...lines].join("\n");
    expect(shown).not.toContain(wrong);
    expect(shown).not.toContain(PASSWORD);
    await pod?.close();

    const ok: string[] = [];
    await startBot({ SPRIG_REDIS_URL: url, [username]: "sprig-bot", [password]: PASSWORD }, ok);
    expect(await echoes()).toMatch(/echo: over the wire/);
    expect(ok.join("\n")).not.toContain(PASSWORD);
  });

  it("a wrong password in the url: redis.refused, and the url is shown with *** in its place", {
    timeout: 60_000,
  }, async () => {
    redis = await startRedisServer({ password: PASSWORD });
    const wrong = "pw-wrong-in-url";
    const { error, lines } = await failedStart({
      SPRIG_REDIS_URL: `redis://:${wrong}@127.0.0.1:${redis.port}`,
    });
    expect(error).toMatchObject({
      code: "redis.refused",
      message: expect.stringContaining(":***@127.0.0.1"),
    });
    const shown = [error?.message, String(error?.cause), error?.stack, ...lines].join("\n");
    expect(shown).not.toContain(wrong);
  });
});
