/**
 * One connection to the shared Redis for everything `@sprig/redis` does. At start it must answer
 * within `connectTimeoutMs`, or start fails with a coded error that says what to check. Once up, a
 * lost connection is retried for ever with backoff, and commands fail at once meanwhile (no
 * offline queue: a command queued while Redis is away would run late, outside the guarantees it
 * was meant to give). `available` and `whenAvailable()` let the datafeed pause until it is back.
 */
import { readFile } from "node:fs/promises";
import { createClient, type RedisClientType } from "@redis/client";
import type { Logger } from "@sprig/core";
import { RedisError, RedisErrorCode } from "../errors/redis-error.ts";
import { type RedisConfig, safeUrl } from "./redis-config.ts";

const DEFAULT_CONNECT_TIMEOUT_MS = 5000;
const MAX_BACKOFF_MS = 5000;

export interface RedisConnection {
  readonly client: RedisClientType;
  /** The start of every key (`<prefix>:`). */
  readonly prefix: string;
  /** Whether Redis answers now. */
  readonly available: boolean;
  /** Resolves once Redis answers (at once if it does now); rejects when `signal` aborts. */
  whenAvailable(signal?: AbortSignal): Promise<void>;
  /** A second connection of the same settings (a subscriber needs its own); closed with this one. */
  duplicate(): Promise<RedisClientType>;
  /** Closes this connection and every duplicate still open: nothing it opened keeps the process alive. */
  close(): Promise<void>;
}

export async function connectRedis(config: RedisConfig, logger?: Logger): Promise<RedisConnection> {
  const options = await clientOptions(config);
  const timeoutMs = config.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const where = safeUrl(config.url);
  let started = false;
  const startedAt = Date.now();
  let lastError: unknown;
  const client = createClient({
    ...options,
    disableOfflineQueue: true,
    socket: {
      ...options.socket,
      connectTimeout: Math.min(timeoutMs, 5000),
      reconnectStrategy: (retries: number, cause: Error) => {
        lastError = cause;
        // At start: give up after the timeout, so a wrong url fails clearly instead of hanging.
        if (!started && Date.now() - startedAt >= timeoutMs) return false;
        if (!started && isRefusal(cause)) return false;
        return Math.min(50 * 2 ** Math.min(retries, 10), MAX_BACKOFF_MS);
      },
    },
  }) as RedisClientType;

  let available = false;
  let closed = false;
  let waiters: (() => void)[] = [];
  const duplicates = new Set<RedisClientType>();
  // A key every instance sets at start and none deletes: missing after a reconnection, Redis came
  // back empty (restarted without persistence, or flushed) and forgot every claim and place.
  const marker = `${config.prefix ?? "sprig"}:connected`;
  client.on("ready", () => {
    if (started && !available) {
      logger?.info({ redis: where }, "Redis is back");
      void noteIfEmpty(client, marker, where, logger);
    }
    available = true;
    for (const wake of waiters) wake();
    waiters = [];
  });
  client.on("end", () => {
    available = false;
  });
  client.on("error", (error: unknown) => {
    lastError = error;
    if (available && started)
      logger?.warn({ err: describe(error), redis: where }, "Redis went away: retrying");
    available = false;
  });

  try {
    await client.connect();
  } catch (error) {
    await client.destroy?.();
    throw startFailure(lastError ?? error, where, timeoutMs);
  }
  await client.set(marker, "1").catch(() => undefined);
  started = true;
  logger?.info({ redis: where }, "Redis connected");

  return {
    client,
    prefix: config.prefix ?? "sprig",
    get available() {
      return available && client.isReady;
    },
    whenAvailable(signal) {
      if (available && client.isReady) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => reject(signal?.reason);
        if (signal?.aborted) return onAbort();
        signal?.addEventListener("abort", onAbort, { once: true });
        waiters.push(() => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        });
      });
    },
    async duplicate() {
      if (closed) throw new RedisError(RedisErrorCode.Unavailable, "This Redis connection is closed.");
      const second = client.duplicate({ disableOfflineQueue: false }) as RedisClientType;
      second.on("error", () => undefined); // the main connection reports outages
      // Tracked from the start: one still connecting when this connection closes must not live on.
      duplicates.add(second);
      second.once("end", () => duplicates.delete(second));
      await second.connect();
      return second;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const wake of waiters) wake();
      waiters = [];
      // A duplicate serves subscriptions alone: nothing in flight to drain, so it is cut at once.
      for (const second of duplicates) second.destroy();
      duplicates.clear();
      if (client.isOpen) await client.close();
      else client.destroy();
    },
  };
}

/** After a reconnection: warns when Redis came back without what it held (the marker is gone). */
async function noteIfEmpty(client: RedisClientType, marker: string, where: string, logger?: Logger) {
  try {
    if ((await client.set(marker, "1", { GET: true })) !== null) return;
    logger?.warn(
      { redis: where },
      "Redis came back empty (restarted without persistence, or flushed): the claims, conversation places and cached history it held are lost — an event in flight may be answered twice, and a conversation's order is not kept across the gap. Run Redis with persistence (appendonly yes) or a replica.",
    );
  } catch {
    // Gone again: the next reconnection looks again.
  }
}

/** Turns the config into node-redis options: url, credentials, TLS with a CA. */
async function clientOptions(config: RedisConfig) {
  if (!config.url || !/^rediss?:\/\//.test(config.url)) {
    throw new RedisError(
      RedisErrorCode.InvalidConfig,
      `redis.url must start with redis:// or rediss:// (TLS), got ${config.url ? `"${safeUrl(config.url)}"` : "nothing"}: set it in the bot config (redis: { url }) or SPRIG_REDIS_URL.`,
    );
  }
  // Checked here, not left to node-redis: Node's "Invalid URL" error would carry the whole url
  // (its `input`), password included, into whatever logs it — and say nothing of what to fix.
  if (!URL.canParse(config.url)) {
    throw new RedisError(
      RedisErrorCode.InvalidConfig,
      "redis.url is not a valid url (not shown: it may hold a password): write it as redis://[user:password@]host:port[/db] (or rediss://), percent-encoding any special character of the password, in the bot config (redis: { url }) or SPRIG_REDIS_URL.",
    );
  }
  const tls = config.url.startsWith("rediss://");
  let ca = config.tls?.ca;
  if (config.tls?.caFile) {
    try {
      ca = await readFile(config.tls.caFile, "utf8");
    } catch (error) {
      throw new RedisError(
        RedisErrorCode.InvalidConfig,
        `redis.tls.caFile "${config.tls.caFile}" cannot be read (${describe(error)}): give the path of the CA's PEM file.`,
        { cause: error },
      );
    }
  }
  return {
    url: config.url,
    ...(config.username ? { username: config.username } : {}),
    ...(config.password ? { password: config.password } : {}),
    socket: tls
      ? {
          tls: true as const,
          ...(ca ? { ca } : {}),
          ...(config.tls?.servername ? { servername: config.tls.servername } : {}),
        }
      : {},
  };
}

function isRefusal(error: unknown): boolean {
  const text = describe(error);
  return /WRONGPASS|NOAUTH|NOPERM|invalid username-password|certificate|self[- ]signed|SSL|TLS/i.test(text);
}

function startFailure(error: unknown, where: string, timeoutMs: number): RedisError {
  const reason = describe(error);
  if (isRefusal(error)) {
    return new RedisError(
      RedisErrorCode.Refused,
      `Redis at ${where} refused the connection (${reason}): check redis.username / redis.password (or the url's credentials) and, with rediss://, redis.tls.ca.`,
      { cause: error },
    );
  }
  return new RedisError(
    RedisErrorCode.Unreachable,
    `Redis at ${where} did not answer within ${timeoutMs} ms (${reason}): check that it runs and that redis.url (or SPRIG_REDIS_URL) names its host and port. Without Redis, leave redis out and run one instance.`,
    { cause: error },
  );
}

function describe(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(describe).join("; ");
  return error instanceof Error ? error.message || error.name : String(error);
}
