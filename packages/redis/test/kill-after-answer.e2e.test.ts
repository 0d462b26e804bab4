/**
 * Three instances of a bot on one feed, sharing Redis: the one handling `/post` answers, then dies
 * (SIGKILL) before completing its claim. Its place at the head of the conversation's line stays
 * until the event's redelivery runs in it (once the dead claim's lease has run out), so the next
 * event of the conversation, `/slow`, waits on a live instance — and then takes longer than the
 * lease to answer. Every answer must come exactly once:
 *
 * - `/post`'s redelivery, run on another instance as "again", finds the answer the dead one posted;
 * - `/slow`'s claim is kept alive by its live holder however long it waits and works, so the
 *   datafeed's redelivery of `/slow` (its batch is unacknowledged all that time) to the other
 *   instance is refused as held, not run alongside. (A claim whose lease simply ran out meanwhile
 *   answered "again" there: both instances ran `/slow`, the redelivery looked for an answer
 *   before the first run had posted it, and the person got two. The soak showed this after a kill.)
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { redisServerMissing } from "../src/testing/index.ts";
import { killScenes, sleep } from "./support/kill-scene.ts";

const missing = redisServerMissing();
const VISIBILITY_MS = 500;
const LEASE_MS = 2000;
const killScene = killScenes();

describe.skipIf(missing !== undefined)("an instance killed after answering, before completing", () => {
  it("its event and the next one of the conversation are each answered exactly once", {
    timeout: 180_000,
  }, async () => {
    const { pod, alice, im, instances, answers, waitFor, firstToPrint } = await killScene({
      instances: 3,
      visibilityTimeoutMs: VISIBILITY_MS,
      leaseMs: LEASE_MS,
      env: (files) => ({
        POST_HANG_FILE: join(files, "post"),
        SLOW_FILE: join(files, "slow"),
        // Past the lease (with its wait behind the dead place), within the ten leases a live
        // holder keeps its claims.
        SLOW_MS: String(1.5 * LEASE_MS),
      }),
    });

    await pod.dev.postText(im, alice, "/post");
    const dying = await firstToPrint(/hanging/);
    await waitFor("the answer to /post", async () => (await answers("posted")).length > 0);
    dying.kill("SIGKILL"); // answered, never completed nor acknowledged
    await dying.exited;

    await pod.dev.postText(im, alice, "/slow");
    const survivors = instances.filter((bot) => bot !== dying);
    const slow = await firstToPrint(/^slow$/m, survivors);
    await slow.printed(/^slow over$/m);
    await waitFor("the answer to /slow", async () => (await answers("slow done")).length > 0);
    // Long enough for the slow run's own answer, and for any other run to show.
    await sleep(LEASE_MS + 4 * VISIBILITY_MS);
    expect(await answers("posted")).toHaveLength(1);
    expect(await answers("slow done")).toHaveLength(1);
  });
});
