// Test helpers of @sprig/redis: a throwaway redis-server (for this package's tests, the soak, benches).
export {
  freePort,
  REDIS_SERVER_PATH,
  type RedisServer,
  type RedisServerOptions,
  redisServerInstalled,
  redisServerMissing,
  startRedisServer,
} from "./redis-server.ts";
