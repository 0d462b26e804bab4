/**
 * Lua scripts, each run atomically by Redis: sent once by digest (EVALSHA), and in full when the
 * server does not know it (after a restart, NOSCRIPT).
 *
 * The scripts issued in one tick go out as one call (`runScript`): an action's completion and the
 * end of its turn, the places of a batch's events. Each call costs the bot about as much CPU as
 * the work it asks for (building the command, parsing its answer, a promise), so one call for
 * several is most of the saving; Redis runs them one after another, in the order they were issued,
 * each as if alone — only with nothing of another client's in between, which they could always
 * have met.
 */
import { createHash } from "node:crypto";
import { ErrorReply, type RedisClientType } from "@redis/client";
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

interface Call {
  readonly script: Script;
  readonly keys: readonly string[];
  readonly args: readonly string[];
  readonly resolve: (answer: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** Per client, the calls issued in this tick, sent together once it ends. */
const issued = new WeakMap<RedisClientType, Call[]>();

/**
 * Runs `script`: together with every other script issued on `client` in the same tick (one call),
 * each answering as if run alone. Rejects with `redis.unavailable` when Redis is away.
 */
export function runScript(
  client: RedisClientType,
  script: Script,
  keys: string[],
  args: (string | number)[],
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let calls = issued.get(client);
    if (!calls) {
      calls = [];
      issued.set(client, calls);
      // After the promises of this tick have run (an action's completion, then its turn's end).
      process.nextTick(() => send(client));
    }
    calls.push({ script, keys, args: args.map(String), resolve, reject });
  });
}

function send(client: RedisClientType): void {
  const calls = issued.get(client) ?? [];
  issued.delete(client);
  if (calls.length === 1) {
    const [call] = calls as [Call];
    evaluate(client, call.script, call.keys, call.args).then(call.resolve, call.reject);
    return;
  }
  const { script: together, steps } = combined(calls.map((call) => call.script));
  const header: string[] = [String(calls.length)];
  const keys: string[] = [];
  const args: string[] = [];
  for (const call of calls) {
    header.push(String(steps.get(call.script)), String(call.keys.length), String(call.args.length));
    keys.push(...call.keys);
    args.push(...call.args);
  }
  evaluate(client, together, keys, [...header, ...args]).then(
    (answers) => {
      (answers as [number, unknown][]).forEach(([ok, answer], i) => {
        const call = calls[i]!;
        if (ok === 1) call.resolve(answer ?? null);
        else call.reject(unavailable(new ErrorReply(String(answer))));
      });
    },
    (error: unknown) => {
      for (const call of calls) call.reject(error);
    },
  );
}

/**
 * One script running the given ones, each a function of its own KEYS and ARGV: ARGV starts with
 * the number of calls and, per call, its step, number of keys and number of arguments; then come
 * every call's arguments. It answers, per call, `{1, answer}` or `{0, error}` (a failing step does
 * not stop the others, as separate calls would not). One script per set of steps, made once.
 */
const combinations = new Map<string, { script: Script; steps: Map<Script, number> }>();

function combined(scripts: readonly Script[]): { script: Script; steps: Map<Script, number> } {
  // In one order whatever the order of the calls: one script per set.
  const distinct = [...new Set(scripts)].sort((a, b) => (a.sha < b.sha ? -1 : 1));
  const id = distinct.map((s) => s.sha).join(",");
  let found = combinations.get(id);
  if (!found) {
    const source = `local steps = {
${distinct.map((s) => `function(KEYS, ARGV)\n${s.source}\nend`).join(",\n")}
}
local n = tonumber(ARGV[1])
local k, a = 0, 1 + 3 * n
local answers = {}
for i = 1, n do
  local step = steps[tonumber(ARGV[3 * i - 1])]
  local nk, na = tonumber(ARGV[3 * i]), tonumber(ARGV[3 * i + 1])
  local keys, args = {}, {}
  for j = 1, nk do keys[j] = KEYS[k + j] end
  for j = 1, na do args[j] = ARGV[a + j] end
  k, a = k + nk, a + na
  local ok, answer = pcall(step, keys, args)
  if ok then
    answers[i] = {1, answer}
  else
    answers[i] = {0, type(answer) == 'table' and answer.err or tostring(answer)}
  end
end
return answers`;
    found = {
      script: script(source, distinct.map((s) => s.name).join(" + ")),
      steps: new Map(distinct.map((s, i) => [s, i + 1])),
    };
    combinations.set(id, found);
  }
  return found;
}

/**
 * One script: `first`, then — unless `first` answered one of `stops` — `then`, as two calls one
 * after the other would (with nothing in between). ARGV: the number of `first`'s keys and of its
 * arguments, then `first`'s arguments, then `then`'s; KEYS: `first`'s, then `then`'s. It answers
 * `{first's answer}` or `{first's answer, then's answer}`.
 */
export function chained(first: Script, then: Script, stops: readonly string[]): Script {
  return script(
    `local first = function(KEYS, ARGV)
${first.source}
end
local after = function(KEYS, ARGV)
${then.source}
end
local stops = {${stops.map((stop) => `[${JSON.stringify(stop)}] = true`).join(", ")}}
local nk, na = tonumber(ARGV[1]), tonumber(ARGV[2])
local k1, a1, k2, a2 = {}, {}, {}, {}
for i = 1, #KEYS do
  if i <= nk then k1[#k1 + 1] = KEYS[i] else k2[#k2 + 1] = KEYS[i] end
end
for i = 3, #ARGV do
  if i - 2 <= na then a1[#a1 + 1] = ARGV[i] else a2[#a2 + 1] = ARGV[i] end
end
local answer = first(k1, a1)
if stops[answer] then return {answer} end
return {answer, after(k2, a2)}`,
    `${first.name}, then ${then.name}`,
  );
}

async function evaluate(
  client: RedisClientType,
  { source, sha }: Script,
  keys: readonly string[],
  args: readonly string[],
): Promise<unknown> {
  const options = { keys: [...keys], arguments: [...args] };
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

/**
 * Replies by which Redis refuses commands for a while, whatever they are: full (`OOM`), a replica
 * or a failover (`READONLY`, `MASTERDOWN`, `NOREPLICAS`), a disk that cannot be written (`MISCONF`),
 * still loading its data (`LOADING`), a script running too long (`BUSY`), a cluster changing
 * (`TRYAGAIN`, `CLUSTERDOWN`). Like an outage they pass, and nothing can be done meanwhile.
 */
const REFUSED_FOR_NOW = /^(OOM|READONLY|MASTERDOWN|NOREPLICAS|MISCONF|LOADING|BUSY|TRYAGAIN|CLUSTERDOWN)\b/;

/**
 * A command that failed because Redis is away, or refuses commands for now, becomes a coded
 * `redis.unavailable`. Any other reply error (a bug in a script, a wrong type) is not an outage:
 * it is let through as it is.
 */
export function unavailable(error: unknown): unknown {
  if (error instanceof RedisError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ErrorReply) {
    if (!REFUSED_FOR_NOW.test(message)) return error;
    return new RedisError(
      RedisErrorCode.Unavailable,
      `Redis refuses commands for now (${message}); the operation did not happen and will be retried, but it must be fixed on the Redis side.`,
      { cause: error },
    );
  }
  return new RedisError(
    RedisErrorCode.Unavailable,
    `Redis is unavailable (${message}); the operation did not happen and will be retried once it is back.`,
    { cause: error },
  );
}
