/**
 * Lua scripts, each run atomically by Redis: sent once by digest (EVALSHA), and in full when the
 * server does not know it (after a restart, NOSCRIPT).
 */
import { createHash } from "node:crypto";
import type { RedisClientType } from "@redis/client";
import { RedisError, RedisErrorCode } from "../errors/redis-error.ts";

export interface Script {
  /** What it does, for people reading a trace of Redis's commands (the bench's census). */
  readonly name: string;
  readonly source: string;
  readonly sha: string;
}

const known = new Map<string, string>();

export function script(source: string, name = "unnamed"): Script {
  const sha = createHash("sha1").update(source).digest("hex");
  known.set(sha, name);
  return { name, source, sha };
}

/** The name of each script defined so far, by its digest (what EVALSHA names it by). */
export function knownScripts(): ReadonlyMap<string, string> {
  return known;
}

export async function runScript(
  client: RedisClientType,
  { source, sha }: Script,
  keys: string[],
  args: (string | number)[],
): Promise<unknown> {
  const options = { keys, arguments: args.map(String) };
  try {
    try {
      return await client.evalSha(sha, options);
    } catch (error) {
      if (!String((error as Error)?.message).startsWith("NOSCRIPT")) throw error;
      return await client.eval(source, options);
    }
  } catch (error) {
    throw unavailable(error);
  }
}

/** A command that failed because Redis is away becomes a coded `redis.unavailable`. */
export function unavailable(error: unknown): unknown {
  if (error instanceof RedisError) return error;
  const message = error instanceof Error ? error.message : String(error);
  // A reply error (a bug in a script, a wrong type) is not an outage: let it through as it is.
  if ((error as { constructor?: { name?: string } })?.constructor?.name === "ErrorReply") return error;
  return new RedisError(
    RedisErrorCode.Unavailable,
    `Redis is unavailable (${message}); the operation did not happen and will be retried once it is back.`,
    { cause: error },
  );
}
