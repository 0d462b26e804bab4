/**
 * The datafeed API for instances sharing one feed: each read waits for the feed's read turn
 * (`@sprig/redis`'s `RedisReadTurn`) and keeps it until the events it got have taken their places
 * in their conversations' lines. Another instance's next read is then answered with events the pod
 * handed out after these, and finds these in their lines already: one conversation's events run
 * in the pod's order however the readers' answers travel. (Reads in parallel let a slower answer's
 * earlier event be overtaken by a later one read, entered and started elsewhere meanwhile.)
 */
import { SymphonyError } from "../errors/symphony-error.ts";
import type { DatafeedApi } from "../rest/datafeed-api.ts";
import type { ReadPlaces } from "./read-places.ts";
import type { RedisWait } from "./shared-redis.ts";

export interface ReadTurn {
  /** Waits for the turn; resolves with its release. */
  take(signal?: AbortSignal): Promise<() => Promise<void>>;
}

/**
 * `waitForRedis`: a turn that cannot be taken because Redis went away is waited for with the wait
 * `readingWhileAvailable` waits with before a read (`waitingForRedis`), then taken.
 */
export function readingInTurn(
  api: DatafeedApi,
  turn: ReadTurn,
  places: ReadPlaces,
  waitForRedis: RedisWait,
): DatafeedApi {
  const take = async (signal: AbortSignal | undefined) => {
    for (;;) {
      try {
        return await turn.take(signal);
      } catch (error) {
        if (signal?.aborted)
          throw new SymphonyError("ABORTED", "The datafeed stopped while waiting for its read turn.", {
            cause: error,
          });
        if ((error as { code?: unknown })?.code !== "redis.unavailable") throw error;
        await waitForRedis(signal, error);
      }
    }
  };
  return Object.create(api, {
    readV2: {
      value: async (...args: Parameters<DatafeedApi["readV2"]>) => {
        const release = await take(args[2]?.signal);
        try {
          const batch = await api.readV2(...args);
          await places.enter(batch.events ?? []);
          return batch;
        } finally {
          await release();
        }
      },
    },
  }) as DatafeedApi;
}
