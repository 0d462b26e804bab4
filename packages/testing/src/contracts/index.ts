// Contract suites (vitest) that every implementation of a core interface runs.
export { type DedupeStoreFixture, dedupeStoreContract } from "./dedupe-store-contract.ts";
export { type HistoryCacheFixture, historyCacheContract } from "./history-cache-contract.ts";
