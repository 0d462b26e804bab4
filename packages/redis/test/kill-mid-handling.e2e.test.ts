/**
 * Two instances of a bot on one feed, sharing Redis: the one handling an event dies (SIGKILL)
 * before answering. Its claim stays in Redis, held. The datafeed redelivers the event to the other
 * instance while that claim still holds: it must not be acknowledged as a duplicate (the event
 * would be lost), but left for redelivery until the lease runs out — then the survivor answers it,
 * exactly once.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { redisServerMissing } from "../src/testing/index.ts";
import { killScenes, sleep } from "./support/kill-scene.ts";

const missing = redisServerMissing();
const VISIBILITY_MS = 600;
const LEASE_MS = 3000;
const killScene = killScenes();

describe.skipIf(missing !== undefined)("an instance killed mid-handling, Redis shared", () => {
  it("the event is answered exactly once, by the other instance", { timeout: 120_000 }, async () => {
    let hangFile = "";
    const { pod, alice, im, instances, answers, waitFor, firstToPrint } = await killScene({
      instances: 2,
      visibilityTimeoutMs: VISIBILITY_MS,
      leaseMs: LEASE_MS,
      env: (files) => {
        hangFile = join(files, "hang");
        return { HANG_FILE: hangFile };
      },
    });

    await pod.dev.postText(im, alice, "/work");
    // Whichever instance read it hangs in the handler, its claim held in Redis: kill it there.
    const hanging = await firstToPrint(/hanging/);
    const survivor = instances.find((bot) => bot !== hanging);
    hanging.kill("SIGKILL");
    await hanging.exited;
    expect(existsSync(hangFile)).toBe(true);

    // Redelivered every VISIBILITY_MS to the survivor, refused as held (not acked) until the
    // lease runs out; then run again there.
    await waitFor("the answer to /work", async () => (await answers("worked")).length > 0);
    expect(await answers("worked")).toHaveLength(1);
    // Nothing more comes: a later redelivery is a duplicate, acknowledged.
    await sleep(3 * VISIBILITY_MS);
    expect(await answers("worked")).toHaveLength(1);
    expect(survivor?.output.join("")).not.toMatch(/hanging/);
  });
});
