/**
 * One bot of the echo benchmark in a process of its own: the contestant named on the command line
 * (`fetch loop`, `request loop` or `sprig`), started and stopped by the bench over the fork IPC
 * channel, which also asks for this process's CPU time around each measured round. Each contestant
 * keeps its own process for the whole run, so none runs on a heap, JIT state or async hooks that
 * another left behind.
 */
import { createBot, toPlainText } from "@sprig/core";
import { loadConfig, type SymphonyConfig, silentLogger, symphony } from "@sprig/symphony";
import { SignJWT } from "jose";
import { Agent, FormData, fetch, request } from "undici";
import { CONTESTANTS, type Contestant, type EchoBotAnswer, type EchoBotCommand } from "./echo-protocol.ts";

const BOT_ID = 9001;
const BOT_USERNAME = "sprig";

interface EchoBot {
  stop(): Promise<void>;
}

// ——— the practical limit: a hand-written loop with raw fetch ———

async function startRawLoop(config: SymphonyConfig, client: "fetch" | "request"): Promise<EchoBot> {
  const { scheme, host, port, context } = config.services.agent;
  const base = `${scheme}://${host}:${port}${context}`;
  const dispatcher = new Agent({ connections: 32 });
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}${path}`, {
      method: "POST",
      dispatcher,
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path} → ${response.status}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const auth = config.bot.auth;
  if (auth.kind !== "rsa") throw new Error("the bench uses RSA authentication");
  const { importPKCS8 } = await import("jose");
  const key = await importPKCS8(auth.privateKeyPem, "RS512");
  const jwt = () =>
    new SignJWT({ sub: BOT_USERNAME })
      .setProtectedHeader({ alg: "RS512" })
      .setExpirationTime(Math.floor(Date.now() / 1000) + 240)
      .sign(key);
  const sessionToken = (await post("/login/pubkey/authenticate", { token: await jwt() })).token as string;
  const keyManagerToken = (await post("/relay/pubkey/authenticate", { token: await jwt() })).token as string;
  const headers = { sessionToken, keyManagerToken };
  const feed = (await post("/agent/v5/datafeeds", {}, headers)).id as string;

  let running = true;
  const abort = new AbortController();
  const loop = (async () => {
    let ackId = "";
    while (running) {
      let batch: Record<string, unknown>;
      try {
        const init = {
          method: "POST",
          dispatcher,
          signal: abort.signal,
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify({ ackId }),
        } as const;
        const url = `${base}/agent/v5/datafeeds/${feed}/read`;
        batch = (
          client === "request"
            ? await (await request(url, init)).body.json()
            : await (await fetch(url, init)).json()
        ) as Record<string, unknown>;
      } catch (error) {
        if (!running) return;
        throw error;
      }
      ackId = (batch.ackId as string | undefined) ?? ackId;
      // biome-ignore lint/suspicious/noExplicitAny: raw JSON on purpose: this loop is the no-framework baseline.
      const events = (batch.events as Array<Record<string, any>> | undefined) ?? [];
      await Promise.all(
        events.map(async (event) => {
          if (event.type !== "MESSAGESENT" || event.initiator?.user?.userId === BOT_ID) return;
          const message = event.payload.messageSent.message;
          const text = String(message.message)
            .replace(/<[^>]*>/g, "")
            .replace(/&lt;/g, "<")
            .replace(/&gt;/g, ">")
            .replace(/&quot;/g, '"')
            .replace(/&#39;/g, "'")
            .replace(/&amp;/g, "&");
          const form = new FormData();
          form.set("message", `<messageML>echo: ${escapeXml(text)}</messageML>`);
          const url = `${base}/agent/v4/stream/${message.stream.streamId}/message/create`;
          const init = { method: "POST", dispatcher, headers, body: form } as const;
          if (client === "request") await (await request(url, init)).body.arrayBuffer();
          else await (await fetch(url, init)).arrayBuffer();
        }),
      );
    }
  })();
  return {
    stop: async () => {
      running = false;
      abort.abort();
      await loop.catch(() => {});
      await fetch(`${base}/agent/v5/datafeeds/${feed}`, { method: "DELETE", dispatcher, headers }).catch(
        () => {},
      );
      await dispatcher.close();
    },
  };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// ——— sprig: the same echo, as a bot author writes it ———

async function startSprigEcho(config: SymphonyConfig): Promise<EchoBot> {
  const bot = createBot({ help: false });
  bot.fallback(({ message }) => `echo: ${toPlainText(message)}`);
  const app = symphony(bot, { config, logger: silentLogger() });
  await app.start();
  return { stop: () => app.stop() };
}

// ——— the child's side of the IPC channel ———

async function main(): Promise<void> {
  const [contestant, configPath] = process.argv.slice(2) as [Contestant, string];
  if (!CONTESTANTS.includes(contestant)) throw new Error(`unknown contestant ${contestant}`);
  /**
   * `ALS_TAX=1` turns on an AsyncLocalStorage before anything runs, as sprig's core does on its
   * first action: in Node 20 that puts promise hooks on every promise of the process. With
   * `ONLY="request loop"` it measures what that costs a bot.
   */
  if (process.env.ALS_TAX) new (await import("node:async_hooks")).AsyncLocalStorage().enterWith(1);
  // Redis (shared dedupe, order, history cache) when the bench gives SPRIG_REDIS_URL, as for any bot.
  const redisUrl = process.env.SPRIG_REDIS_URL;
  const config = await loadConfig(configPath, { env: redisUrl ? { SPRIG_REDIS_URL: redisUrl } : {} });
  const answer = (message: EchoBotAnswer) => process.send?.(message);
  let bot: EchoBot | undefined;
  let cpu = process.cpuUsage();
  process.on("message", async (command: EchoBotCommand) => {
    if (command.kind === "start") {
      bot =
        contestant === "sprig"
          ? await startSprigEcho(config)
          : await startRawLoop(config, contestant === "fetch loop" ? "fetch" : "request");
      answer({ kind: "started" });
    } else if (command.kind === "mark") {
      cpu = process.cpuUsage();
      answer({ kind: "marked" });
    } else if (command.kind === "memory") {
      (globalThis as { gc?: () => void }).gc?.();
      const { rss, heapUsed } = process.memoryUsage();
      answer({ kind: "memory", rssBytes: rss, heapUsedBytes: heapUsed });
    } else if (command.kind === "cpu") {
      const used = process.cpuUsage(cpu);
      answer({ kind: "cpu", cpuMicros: used.user + used.system, systemMicros: used.system });
    } else if (command.kind === "count") {
      (await import("./bot-counters.ts")).startCounting();
      answer({ kind: "counting" });
    } else if (command.kind === "counts") {
      const counts = (await import("./bot-counters.ts")).stopCounting();
      const scripts = Object.fromEntries((await import("@sprig/redis/testing")).knownScripts());
      answer({ kind: "counts", counts, scripts });
    } else if (command.kind === "profile") {
      await (await import("./cpu-profile.ts")).startProfile();
      answer({ kind: "profiling" });
    } else if (command.kind === "profiled") {
      answer({ kind: "profiled", selfMicros: await (await import("./cpu-profile.ts")).stopProfile() });
    } else {
      await bot?.stop();
      bot = undefined;
      answer({ kind: "stopped" });
    }
  });
  process.on("disconnect", () => process.exit(0));
}

await main();
