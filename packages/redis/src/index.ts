// Public API of @sprig/redis: everything exported from here, nothing else.
export { connectRedis, type RedisConnection } from "./connection/connect-redis.ts";
export { type RedisConfig, safeUrl } from "./connection/redis-config.ts";
export { RedisDedupeStore, type RedisDedupeStoreOptions } from "./dedupe/redis-dedupe-store.ts";
export { isRedisError, RedisError, RedisErrorCode } from "./errors/redis-error.ts";
export { RedisHistoryCache, type RedisHistoryCacheOptions } from "./history/redis-history-cache.ts";
export {
  RedisConversationOrder,
  type RedisConversationOrderOptions,
} from "./ordering/redis-conversation-order.ts";
export { RedisReadTurn, type RedisReadTurnOptions } from "./ordering/redis-read-turn.ts";
export { RedisStateStore } from "./teams/redis-state-store.ts";
