/**
 * Several instances of one bot on one feed: when the config names a Redis (`redis: { url }` or
 * `SPRIG_REDIS_URL`), the instances share it through `@sprig/redis` — a dedupe store (an event is
 * answered once, whichever instance reads it), a per-conversation order (one conversation's events in the pod's order,
 * never two at once, whichever instances read them) and a history cache (what one instance posts, the others find
 * with one Redis read). When Redis goes away later, the datafeed is not read until it is back: no
 * event is handled without the guarantees Redis gives.
 */
import type { ConversationOrder, DedupeStore, HistoryCache } from "@sprig/core";
import type { RedisSettings } from "../config/config-types.ts";
import { SymphonyError } from "../errors/symphony-error.ts";
import { type Clock, systemClock } from "../http/clock.ts";
import type { Logger } from "../logging/logger.ts";
import type { DatafeedApi } from "../rest/datafeed-api.ts";
import type { ReadTurn } from "./read-in-turn.ts";

export interface SharedState {
  readonly dedupe: DedupeStore;
  /** Per-conversation order across the instances: one conversation's events in pod order, one at a time. */
  readonly order: ConversationOrder;
  /** The newest work per conversation and key, written by every instance: a lookup is one Redis read. */
  readonly history: HistoryCache;
  /** The feed's read turn: one instance reads at a time, until its events are in their lines. */
  readonly readTurn: ReadTurn;
  /** Whether Redis answers now. */
  readonly available: boolean;
  /** Resolves once Redis answers; rejects when `signal` aborts. */
  whenAvailable(signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

export async function openSharedRedis(
  settings: RedisSettings,
  logger: Logger,
  leaseMs: number,
): Promise<SharedState> {
  let redis: typeof import("@sprig/redis");
  try {
    redis = await import("@sprig/redis");
  } catch (error) {
    throw new SymphonyError(
      "REDIS_PACKAGE_MISSING",
      `The config names a Redis (redis.url) but @sprig/redis cannot be loaded (${(error as Error).message}): install it next to @sprig/symphony (npm install @sprig/redis), or leave redis out to run one instance.`,
      { cause: error },
    );
  }
  const connection = await redis.connectRedis(
    {
      url: settings.url,
      ...(settings.username ? { username: settings.username } : {}),
      ...(settings.password ? { password: settings.password } : {}),
      ...(settings.tls?.ca ? { tls: { ca: settings.tls.ca } } : {}),
      ...(settings.prefix ? { prefix: settings.prefix } : {}),
    },
    logger.child({ component: "redis" }),
  );
  const order = new redis.RedisConversationOrder(connection, { leaseMs });
  const readTurn = new redis.RedisReadTurn(connection);
  return {
    readTurn,
    dedupe: new redis.RedisDedupeStore(connection),
    order,
    history: new redis.RedisHistoryCache(connection),
    get available() {
      return connection.available;
    },
    whenAvailable: (signal) => connection.whenAvailable(signal),
    async close() {
      await readTurn.close();
      await order.close();
      await connection.close();
    },
  };
}

/**
 * Resolves at once while Redis answers, else once it is back; throws `ABORTED` when `signal` aborts.
 * Given the `failure` of a Redis call while the connection is up (Redis refuses commands: full,
 * read-only, loading), it waits a backoff instead, growing while the refusals go on — resolving at
 * once there would retry in a tight loop, thousands of calls a second.
 */
export type RedisWait = (signal?: AbortSignal, failure?: unknown) => Promise<void>;

const REFUSAL_BACKOFF_MS = { first: 250, max: 5_000 };

/**
 * The one wait for Redis around a datafeed read — before the read (`readingWhileAvailable`) and
 * when the read turn cannot be taken because Redis went away or refuses commands meanwhile
 * (`readingInTurn`): each pause and its end are logged once, and stopping the bot ends it as `ABORTED`.
 */
export function waitingForRedis(
  redis: Pick<SharedState, "available" | "whenAvailable">,
  logger: Logger,
  clock: Pick<Clock, "sleep"> = systemClock,
): RedisWait {
  /** The backoff of the next wait on a refusal: 0 while Redis accepts commands. */
  let refusalBackoffMs = 0;
  const aborted = (error: unknown) =>
    new SymphonyError("ABORTED", "The datafeed stopped while waiting for Redis.", { cause: error });
  return async (signal, failure) => {
    if (redis.available && failure !== undefined) {
      if (refusalBackoffMs === 0) {
        logger.warn(
          { reason: failure instanceof Error ? failure.message : String(failure) },
          "Redis refuses commands: the datafeed is paused, retrying with backoff until it accepts them",
        );
      }
      refusalBackoffMs = Math.min(
        Math.max(refusalBackoffMs * 2, REFUSAL_BACKOFF_MS.first),
        REFUSAL_BACKOFF_MS.max,
      );
      await clock.sleep(refusalBackoffMs, signal).catch((error: unknown) => {
        throw aborted(error);
      });
      return;
    }
    if (redis.available) {
      if (refusalBackoffMs > 0) logger.info("Redis accepts commands again: reading the datafeed again");
      refusalBackoffMs = 0;
      return;
    }
    logger.warn("Redis is unavailable: the datafeed is paused until it is back");
    try {
      await redis.whenAvailable(signal);
    } catch (error) {
      throw aborted(error);
    }
    refusalBackoffMs = 0;
    logger.info("Redis is back: reading the datafeed again");
  };
}

/**
 * The datafeed API, reading only while Redis answers: a read waits (`waitingForRedis`) until
 * Redis is back. The batch in hand when Redis went away fails its claims and is left
 * unacknowledged, so the feed delivers it again once reading resumes.
 */
export function readingWhileAvailable(api: DatafeedApi, waitForRedis: RedisWait): DatafeedApi {
  return Object.create(api, {
    readV2: {
      value: async (...args: Parameters<DatafeedApi["readV2"]>) => {
        await waitForRedis(args[2]?.signal);
        return api.readV2(...args);
      },
    },
    readV1: {
      value: async (...args: Parameters<DatafeedApi["readV1"]>) => {
        await waitForRedis(args[1]?.signal);
        return api.readV1(...args);
      },
    },
  }) as DatafeedApi;
}
