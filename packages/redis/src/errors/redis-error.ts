import { SprigError } from "@sprig/core";

/** Stable codes of the errors `@sprig/redis` raises. */
export const RedisErrorCode = {
  /** No Redis answered at start (wrong host or port, down, TLS or firewall in the way). */
  Unreachable: "redis.unreachable",
  /** Redis refused the credentials (password, ACL user) or the TLS handshake. */
  Refused: "redis.refused",
  /** The configuration is unusable (no url, a url that is not redis:// or rediss://, a CA file missing). */
  InvalidConfig: "redis.invalid_config",
  /** Redis went away while running: the operation did not happen (the caller pauses and retries). */
  Unavailable: "redis.unavailable",
} as const;
export type RedisErrorCode = (typeof RedisErrorCode)[keyof typeof RedisErrorCode];

export class RedisError extends SprigError {
  constructor(code: RedisErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "RedisError";
  }
}

export function isRedisError(error: unknown, code?: RedisErrorCode): error is RedisError {
  return error instanceof RedisError && (code === undefined || error.code === code);
}
