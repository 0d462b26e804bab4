/**
 * Core's `DedupeStore` on Redis, answering exactly as `MemoryDedupeStore` does (one contract suite
 * runs against both). One key per claimed key, holding its state — `held:<until>`, `released` or
 * `done` — for `retentionMs`. Each operation is one Lua script, so a claim reads and writes the
 * state atomically: of two instances claiming at the same moment, one gets it. Lease expiry is
 * judged by Redis's own clock (TIME), so instances' clocks need not agree.
 */
import { type Claim, DEFAULT_LEASE_MS, type DedupeStore } from "@sprig/core";
import type { RedisConnection } from "../connection/connect-redis.ts";
import { runScript, script } from "../connection/scripts.ts";

export interface RedisDedupeStoreOptions {
  /**
   * How long a key's state is kept (ms, default 24 h): far longer than any redelivery (the feed
   * redelivers within minutes, and a feed itself lives 30 minutes unread).
   */
  readonly retentionMs?: number;
}

const DEFAULT_RETENTION_MS = 24 * 60 * 60 * 1000;

const CLAIM = script(
  `
local state = redis.call('GET', KEYS[1])
if state == 'done' then return 'done' end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local answer = 'first'
if state then
  if string.sub(state, 1, 5) == 'held:' and tonumber(string.sub(state, 6)) > now then return 'held' end
  answer = 'again'
end
redis.call('SET', KEYS[1], 'held:' .. (now + tonumber(ARGV[1])), 'PX', ARGV[2])
return answer
`,
  "dedupe claim",
);

/**
 * An action's keys in one call, as CLAIM key by key would leave them: each taken in turn until one
 * is refused; then the ones taken before it are released, and the refusal is the answer.
 */
export const CLAIM_ALL = script(
  `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local answer = 'first'
for i, key in ipairs(KEYS) do
  local state = redis.call('GET', key)
  local refusal
  if state == 'done' then
    refusal = 'done'
  elseif state and string.sub(state, 1, 5) == 'held:' and tonumber(string.sub(state, 6)) > now then
    refusal = 'held'
  end
  if refusal then
    for j = 1, i - 1 do redis.call('SET', KEYS[j], 'released', 'PX', ARGV[3]) end
    return refusal
  end
  if state then answer = 'again' end
  redis.call('SET', key, 'held:' .. (now + tonumber(ARGV[1])), 'PX', ARGV[2])
end
return answer
`,
  "dedupe claim all",
);

/** Only a held key (lease run out or not) is renewed, as in memory: never a done or released one. */
const RENEW = script(
  `
local state = redis.call('GET', KEYS[1])
if not state or string.sub(state, 1, 5) ~= 'held:' then return 0 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('SET', KEYS[1], 'held:' .. (now + tonumber(ARGV[1])), 'PX', ARGV[2])
return 1
`,
  "dedupe renew",
);

const COMPLETE = script(
  `
redis.call('SET', KEYS[1], 'done', 'PX', ARGV[1])
return 1
`,
  "dedupe complete",
);

const COMPLETE_ALL = script(
  `
for _, key in ipairs(KEYS) do redis.call('SET', key, 'done', 'PX', ARGV[1]) end
return 1
`,
  "dedupe complete all",
);

/** Only a held key (lease run out or not) becomes released, as in memory: never a done one. */
const RELEASE = script(
  `
local state = redis.call('GET', KEYS[1])
if state and string.sub(state, 1, 5) == 'held:' then
  redis.call('SET', KEYS[1], 'released', 'PX', ARGV[1])
end
return 1
`,
  "dedupe release",
);

export class RedisDedupeStore implements DedupeStore {
  readonly #redis: RedisConnection;
  readonly #retentionMs: number;

  constructor(redis: RedisConnection, options: RedisDedupeStoreOptions = {}) {
    this.#redis = redis;
    this.#retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
  }

  async claim(key: string, leaseMs = DEFAULT_LEASE_MS): Promise<Claim> {
    const retention = Math.max(this.#retentionMs, leaseMs);
    return (await runScript(this.#redis.client, CLAIM, [this.#key(key)], [leaseMs, retention])) as Claim;
  }

  /**
   * One round trip for all of an action's keys (its event id and message id). The keys are separate
   * (a message id must be found whichever event brings it), so on a Redis Cluster they may live on
   * different nodes: this store expects one Redis (or a cluster proxy that allows such scripts).
   */
  async claimAll(keys: readonly string[], leaseMs = DEFAULT_LEASE_MS): Promise<Claim> {
    const step = this.claimStep(this.#redis, keys, leaseMs)!;
    return (await runScript(this.#redis.client, CLAIM_ALL, step.keys, step.args)) as Claim;
  }

  /**
   * `claimAll`'s keys and arguments, for a script that claims as one of its steps (the shared
   * order's claim and first look for the turn, one call); `undefined` when `redis` is not this
   * store's connection.
   */
  claimStep(
    redis: RedisConnection,
    keys: readonly string[],
    leaseMs: number,
  ): { keys: string[]; args: number[] } | undefined {
    if (redis.client !== this.#redis.client) return undefined;
    return {
      keys: keys.map((key) => this.#key(key)),
      args: [leaseMs, Math.max(this.#retentionMs, leaseMs), this.#retentionMs],
    };
  }

  async completeAll(keys: readonly string[]): Promise<void> {
    await runScript(
      this.#redis.client,
      COMPLETE_ALL,
      keys.map((key) => this.#key(key)),
      [this.#retentionMs],
    );
  }

  async renew(key: string, leaseMs = DEFAULT_LEASE_MS): Promise<boolean> {
    const retention = Math.max(this.#retentionMs, leaseMs);
    return Number(await runScript(this.#redis.client, RENEW, [this.#key(key)], [leaseMs, retention])) === 1;
  }

  async complete(key: string): Promise<void> {
    await runScript(this.#redis.client, COMPLETE, [this.#key(key)], [this.#retentionMs]);
  }

  async release(key: string): Promise<void> {
    await runScript(this.#redis.client, RELEASE, [this.#key(key)], [this.#retentionMs]);
  }

  #key(key: string): string {
    return `${this.#redis.prefix}:dedupe:${key}`;
  }
}
