/**
 * `npm run soak [-- --messages 10000 --kills 5 --people 50 --instances 3 --redis-restarts 1
 * --feed-deletions 1 --seed N --no-hostile]`: runs the soak, prints its table, exits 1 unless
 * every promise held.
 */
import { parseArgs } from "node:util";
import { redisServerInstalled } from "@sprig/redis/testing";
import { soakTable } from "./report/soak-table.ts";
import { DEFAULT_SOAK, runSoak } from "./soak.ts";

const { values } = parseArgs({
  options: {
    messages: { type: "string" },
    people: { type: "string" },
    instances: { type: "string" },
    kills: { type: "string" },
    "redis-restarts": { type: "string" },
    "feed-deletions": { type: "string" },
    seed: { type: "string" },
    "no-hostile": { type: "boolean" },
  },
});

function count(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number ≥ 0, not "${raw}"`);
    process.exit(2);
  }
  return n;
}

// Failing until proven otherwise: a soak that stops half-way must not exit 0.
process.exitCode = 1;

if (!redisServerInstalled()) {
  console.error("The soak needs Debian's redis-server on the PATH: apt-get install -y redis-server");
  process.exit(2);
}

const result = await runSoak({
  messages: count("messages", values.messages, DEFAULT_SOAK.messages),
  people: count("people", values.people, DEFAULT_SOAK.people),
  instances: count("instances", values.instances, DEFAULT_SOAK.instances),
  kills: count("kills", values.kills, DEFAULT_SOAK.kills),
  redisRestarts: count("redis-restarts", values["redis-restarts"], DEFAULT_SOAK.redisRestarts),
  feedDeletions: count("feed-deletions", values["feed-deletions"], DEFAULT_SOAK.feedDeletions),
  seed: count("seed", values.seed, DEFAULT_SOAK.seed),
  hostile: !values["no-hostile"],
  log: (line) => console.log(`[soak ${new Date().toISOString().slice(11, 19)}] ${line}`),
});
console.log(`\n${soakTable(result)}`);
process.exitCode = result.passed ? 0 : 1;
