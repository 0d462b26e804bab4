/** Datafeed timings and limits; all configurable so tests run in milliseconds. */
export interface DatafeedSettings {
  /** An unacknowledged batch is redelivered after this long (pod default 30 s). */
  visibilityTimeoutMs: number;
  /** A read with nothing to return waits this long, then answers `events: []` (pod default 30 s). */
  longPollMs: number;
  /** A feed nobody reads for this long is gone: reads answer 400 (pod default 30 min). */
  ttlMs: number;
  /** Active feeds per account (pod: 20); the next create answers 403. */
  maxFeedsPerAccount: number;
  /** Most events in one read. */
  maxBatchSize: number;
}

export const defaultDatafeedSettings: DatafeedSettings = {
  visibilityTimeoutMs: 30_000,
  longPollMs: 30_000,
  ttlMs: 30 * 60_000,
  maxFeedsPerAccount: 20,
  maxBatchSize: 100,
};
