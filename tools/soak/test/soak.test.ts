/**
 * The soak's short version, on every push: 500 messages from 50 people to three instances on one
 * feed with Redis, the pod injecting faults, one instance SIGKILLed in the middle of a batch,
 * Redis restarted, the feed deleted; then the hostile inputs. Nothing lost, doubled or out of
 * order; no crash; every hostile input refused with a message a person can act on; no secret in
 * any log line. `npm run soak` is the full run (10,000 messages, 5 kills).
 *
 * It needs Debian's redis-server: where it is missing the test is skipped with a message, and
 * under CI=true it fails.
 */

import { redisServerInstalled } from "@sprig/redis/testing";
import { describe, expect, it } from "vitest";
import { soakTable } from "../src/report/soak-table.ts";
import { runSoak } from "../src/soak.ts";

const installed = redisServerInstalled();
if (!installed) {
  const message = "redis-server is not installed (apt-get install -y redis-server): the soak is skipped";
  if (process.env.CI === "true") throw new Error(message.replace("is skipped", "cannot run under CI"));
  console.warn(`[skip] ${message}`);
}

/**
 * On every push. The three causes of the answers out of order it found, fixed: a cross-pod
 * duplicate of a press in a place of its own deadlocked with the original (`@sprig/redis` test
 * one-place-per-action); reads in parallel let a later event, read and started elsewhere, overtake
 * an earlier one whose read answer was slower (`RedisReadTurn`, e2e read-turn); a read whose answer
 * was lost was read again at once, so the person's next message ran before the lost one came back
 * (`datafeed.lostReadWaitMs`, e2e lost-read). A 401 after a fresh login no longer ends an
 * instance's datafeed (e2e pod-faults). And an instance whose Redis restarted while a subscriber
 * was opening no longer stays alive after SIGTERM (a Redis client left reconnecting for ever:
 * `@sprig/redis` test connection) — one run in three failed its clean stop before.
 */
describe.skipIf(!installed)("the soak, short", () => {
  it("500 messages, 3 instances, faults, a kill mid-batch, a Redis restart, a feed deletion, hostile inputs", {
    timeout: 300_000,
  }, async () => {
    const result = await runSoak({
      messages: 500,
      people: 50,
      instances: 3,
      kills: 1,
      redisRestarts: 1,
      feedDeletions: 1,
      drainTimeoutMs: 120_000,
      log: (line) => console.info(`[soak] ${line}`),
    });
    console.info(soakTable(result));
    expect(result.tally).toMatchObject({ lost: 0, doubled: 0, outOfOrder: 0, wrongState: 0, unexpected: 0 });
    expect(result.tally.messages).toBe(500);
    expect(result.kills).toEqual({ total: 1, midBatch: 1 });
    expect(result.redisRestarts).toBe(1);
    expect(result.feedDeletions).toBe(1);
    expect(result.crashDetails).toEqual([]);
    expect(result.hostile.filter((h) => !h.passed)).toEqual([]);
    expect(result.secretsInLogs).toBe(0);
    expect(result.uncleanStops).toEqual([]);
    expect(result.passed).toBe(true);
  });
});
