import type { DatafeedApi } from "../rest/datafeed-api.ts";

/**
 * Watches the datafeed loop's reads, for readiness: when the last read was answered, and whether the
 * loop is still running. A read that keeps failing is retried inside the call, so "down" shows as a
 * last answer growing old, not as an error here.
 */
export class FeedWatch {
  lastAnsweredAt: number | undefined;
  ended = false;

  constructor(private readonly now: () => number) {}

  /** The API with its reads watched (the loop reads through it). */
  wrap(api: DatafeedApi): DatafeedApi {
    const answered = <T>(read: Promise<T>): Promise<T> =>
      read.then((result) => {
        this.lastAnsweredAt = this.now();
        return result;
      });
    return Object.create(api, {
      readV2: { value: (...args: Parameters<DatafeedApi["readV2"]>) => answered(api.readV2(...args)) },
      readV1: { value: (...args: Parameters<DatafeedApi["readV1"]>) => answered(api.readV1(...args)) },
    }) as DatafeedApi;
  }

  /** ms since the last answered read (undefined before the first). */
  lastReadAgeMs(): number | undefined {
    return this.lastAnsweredAt === undefined ? undefined : this.now() - this.lastAnsweredAt;
  }
}
