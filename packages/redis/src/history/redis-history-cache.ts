/**
 * Core's `HistoryCache` on Redis, shared by every instance of the bot: what one posts, another
 * finds with one `HGET`, with no search of the pod. Per conversation, one hash — field: the key (a
 * work type name or a tag), value: the newest message found by it — and a set of the messages
 * forgotten lately (replaced in place), so a late write of one is refused.
 *
 * Writes never go backwards: each is one Lua script that compares the pod's time (then the message
 * id) of what it writes with what is there, so of two instances writing at once the newer message
 * stays, whatever the order they arrive in. A value is `<time>\n<messageId>\n<JSON>`, so the
 * script compares without decoding the work objects.
 *
 * The cache is only speed: history in the pod is the truth. A key never written (or expired, or a
 * Redis restarted empty) is a miss, read from the pod and written back by the reader.
 */
import type { CachedWork, HistoryCache } from "@sprig/core";
import type { RedisConnection } from "../connection/connect-redis.ts";
import { runScript, script, unavailable } from "../connection/scripts.ts";

export interface RedisHistoryCacheOptions {
  /**
   * How long a conversation's entries are kept after its last write (ms, default 7 days): a
   * conversation idle longer is read from the pod again once, then cached again.
   */
  readonly retentionMs?: number;
  /**
   * How long a forgotten message is refused (ms, default 1 hour): longer than any search that
   * read it before it was replaced takes to write it back.
   */
  readonly forgottenMs?: number;
}

const DEFAULT_RETENTION_MS = 7 * 24 * 3600_000;
const DEFAULT_FORGOTTEN_MS = 3600_000;

/** KEYS: hash, forgotten set. ARGV: time, messageId, value, retention, then the fields (keys). */
const OBSERVE = script(`
if redis.call('SISMEMBER', KEYS[2], ARGV[2]) == 1 then return 0 end
local time = tonumber(ARGV[1])
local id = ARGV[2]
local written = 0
for i = 5, #ARGV do
  local kept = redis.call('HGET', KEYS[1], ARGV[i])
  local newer = true
  if kept then
    local keptTime, keptId = string.match(kept, '^(%d+)\\n([^\\n]*)\\n')
    keptTime = tonumber(keptTime)
    if keptTime and (keptTime > time or (keptTime == time and keptId >= id)) then newer = false end
  end
  if newer then
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[3])
    written = written + 1
  end
end
if written > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[4]) end
return written
`);

/** KEYS: hash, forgotten set. ARGV: messageId, how long it is refused. */
const FORGET = script(`
redis.call('SADD', KEYS[2], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  local _, keptId = string.match(all[i + 1], '^(%d+)\\n([^\\n]*)\\n')
  if keptId == ARGV[1] then redis.call('HDEL', KEYS[1], all[i]) end
end
return 1
`);

export class RedisHistoryCache implements HistoryCache {
  readonly #redis: RedisConnection;
  readonly #retentionMs: number;
  readonly #forgottenMs: number;

  constructor(redis: RedisConnection, options: RedisHistoryCacheOptions = {}) {
    this.#redis = redis;
    this.#retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
    this.#forgottenMs = options.forgottenMs ?? DEFAULT_FORGOTTEN_MS;
  }

  async latest(conversation: string, key: string): Promise<CachedWork | undefined> {
    let value: string | null | undefined;
    try {
      value = (await this.#redis.client.hGet(this.#hash(conversation), key)) as string | null;
    } catch (error) {
      throw unavailable(error);
    }
    return value ? decode(value) : undefined;
  }

  async observe(conversation: string, message: CachedWork): Promise<void> {
    if (message.keys.length === 0) return;
    const value = `${message.time}\n${message.messageId}\n${JSON.stringify(message)}`;
    await runScript(
      this.#redis.client,
      OBSERVE,
      [this.#hash(conversation), this.#forgotten(conversation)],
      [message.time, message.messageId, value, this.#retentionMs, ...message.keys],
    );
  }

  async forget(conversation: string, messageId: string): Promise<void> {
    await runScript(
      this.#redis.client,
      FORGET,
      [this.#hash(conversation), this.#forgotten(conversation)],
      [messageId, this.#forgottenMs],
    );
  }

  // One hash tag per conversation ({…}), so both keys of a script live on one Redis Cluster slot.
  #hash(conversation: string): string {
    return `${this.#redis.prefix}:history:{${conversation}}`;
  }

  #forgotten(conversation: string): string {
    return `${this.#redis.prefix}:history:{${conversation}}:forgotten`;
  }
}

/** A stored value back as the message; anything unreadable is a miss (the pod answers). */
function decode(value: string): CachedWork | undefined {
  const start = value.indexOf("\n", value.indexOf("\n") + 1);
  try {
    const parsed = JSON.parse(value.slice(start + 1)) as CachedWork;
    const valid =
      typeof parsed?.messageId === "string" &&
      Number.isSafeInteger(parsed.time) &&
      Array.isArray(parsed.keys) &&
      Array.isArray(parsed.works);
    return valid ? parsed : undefined;
  } catch {
    return undefined;
  }
}
