/** Where the shared Redis is and how to reach it: the bot config's `redis:` section. */
export interface RedisConfig {
  /**
   * `redis://host:port` or `rediss://host:port` (TLS); may carry `user:password@` and `/db`.
   * `SPRIG_REDIS_URL` in the environment sets it too.
   */
  readonly url: string;
  /** An ACL user (instead of one in the url). */
  readonly username?: string;
  /** The password (of `username`, or the default user); better from the environment than the file. */
  readonly password?: string;
  /** TLS (a `rediss://` url): the CA that signed the server's certificate, as PEM text or a file. */
  readonly tls?: {
    readonly ca?: string;
    readonly caFile?: string;
    /** The server name checked against the certificate (default the url's host). */
    readonly servername?: string;
  };
  /** The start of every key this bot writes, so bots can share a Redis (default "sprig"). */
  readonly prefix?: string;
  /** How long (ms) to try to reach Redis at start before failing with `redis.unreachable` (default 5000). */
  readonly connectTimeoutMs?: number;
}

/** A redacted form of the url, for logs and errors: the password never appears. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(not a url)";
  }
}
