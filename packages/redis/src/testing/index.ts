// Test helpers of @sprig/redis: a throwaway redis-server (for this package's tests, the soak, benches).

// What each script is, by the digest a trace of Redis's commands (MONITOR) names it by.
export { knownScripts } from "../connection/scripts.ts";
export {
  freePort,
  REDIS_SERVER_PATH,
  type RedisServer,
  type RedisServerOptions,
  redisServerInstalled,
  redisServerMissing,
  startRedisServer,
} from "./redis-server.ts";
