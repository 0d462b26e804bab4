/**
 * The one wait for Redis around a datafeed read: the read waits before it starts while Redis is
 * away, and a read turn that cannot be taken because Redis went away meanwhile waits the same way
 * (one log line pair per pause), then takes the turn. Stopping the bot ends either wait as ABORTED.
 * The Redis connection and its read turn are stand-ins here (their edges, not under test); with a
 * real Redis stopped and restarted, see @sprig/redis's symphony-redis.e2e.test.ts.
 */
import { localConversationOrder } from "@sprig/core";
import { describe, expect, it } from "vitest";
import { createLogger, type SymphonyError } from "../../src/index.ts";
import type { DatafeedApi } from "../../src/rest/datafeed-api.ts";
import type { V5EventList } from "../../src/rest/wire-types.ts";
import { type ReadTurn, readingInTurn } from "../../src/scale/read-in-turn.ts";
import { ReadPlaces } from "../../src/scale/read-places.ts";
import { readingWhileAvailable, waitingForRedis } from "../../src/scale/shared-redis.ts";
import { failure } from "../support/failure.ts";

/** Redis as the wait sees it: away until `back()`. */
function redisAway() {
  let available = false;
  const waiters: Array<() => void> = [];
  return {
    get available() {
      return available;
    },
    whenAvailable(signal?: AbortSignal) {
      if (available) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
        waiters.push(resolve);
      });
    },
    back() {
      available = true;
      for (const wake of waiters.splice(0)) wake();
    },
    goAway() {
      available = false;
    },
  };
}

function logged() {
  const lines: string[] = [];
  const logger = createLogger({ destination: { write: (line) => lines.push(JSON.parse(line).msg) } });
  return { lines, logger };
}

const events: V5EventList = { events: [], ackId: "next" };
const places = new ReadPlaces(localConversationOrder(), undefined);

function feed(log: string[]): DatafeedApi {
  return {
    readV2: async () => {
      log.push("read");
      return events;
    },
    readV1: async () => {
      log.push("read v1");
      return [];
    },
  } as unknown as DatafeedApi;
}

const nextTick = () => new Promise((resolve) => setImmediate(resolve));

describe("the one wait for Redis around a read", () => {
  it("a read waits while Redis is away, logged once, and reads once it is back", async () => {
    const redis = redisAway();
    const { lines, logger } = logged();
    const log: string[] = [];
    const api = readingWhileAvailable(feed(log), waitingForRedis(redis, logger));
    const reading = api.readV2("feed", "", {});
    await nextTick();
    expect(log).toEqual([]);
    redis.back();
    expect(await reading).toBe(events);
    expect(log).toEqual(["read"]);
    expect(lines).toEqual([
      "Redis is unavailable: the datafeed is paused until it is back",
      "Redis is back: reading the datafeed again",
    ]);
  });

  it("a turn refused because Redis went away after the read began waits the same way, then reads in turn", async () => {
    const redis = redisAway();
    redis.back();
    const { lines, logger } = logged();
    const log: string[] = [];
    let refuse = true;
    const turn: ReadTurn = {
      take: async () => {
        if (refuse) {
          refuse = false;
          redis.goAway();
          throw Object.assign(new Error("Redis is away"), { code: "redis.unavailable" });
        }
        log.push("turn");
        return async () => {
          log.push("released");
        };
      },
    };
    const wait = waitingForRedis(redis, logger);
    const api = readingWhileAvailable(readingInTurn(feed(log), turn, places, wait), wait);
    const reading = api.readV2("feed", "", {});
    await nextTick();
    expect(log).toEqual([]);
    expect(lines).toEqual(["Redis is unavailable: the datafeed is paused until it is back"]);
    redis.back();
    expect(await reading).toBe(events);
    expect(log).toEqual(["turn", "read", "released"]);
    expect(lines).toHaveLength(2);
  });

  it("stopping ends the wait as ABORTED, no read made", async () => {
    const redis = redisAway();
    const { logger } = logged();
    const log: string[] = [];
    const stop = new AbortController();
    const turn: ReadTurn = { take: async () => async () => {} };
    const wait = waitingForRedis(redis, logger);
    const api = readingWhileAvailable(readingInTurn(feed(log), turn, places, wait), wait);
    const reading = api.readV2("feed", "", { signal: stop.signal });
    stop.abort(new Error("stopping"));
    expect((await failure<SymphonyError>(reading)).code).toBe("ABORTED");
    expect(log).toEqual([]);
  });
});
