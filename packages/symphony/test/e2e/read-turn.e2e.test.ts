/**
 * Two instances sharing one feed read it one at a time, each keeping the read turn until the events
 * it got are in their conversations' lines. Instance A's read is answered late (the pod handed it
 * step 1 at once; the answer travels for seconds): instance B, started meanwhile, must not read
 * step 2 and start it before step 1 is even known — in parallel reads, it did (the soak saw this
 * some tens of milliseconds apart under load: out-of-order answers with no fault at all).
 */
import { describe, expect, it } from "vitest";
import { type StepLog, sharedFeedPerTest, stepBot } from "./support/step-room.ts";
import { untilTrue } from "./support/until.ts";

const shared = sharedFeedPerTest();
const { startBot } = shared;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const READ = "/agent/v5/datafeeds/*/read";

describe.skipIf(shared.missing !== undefined)("reading one shared feed in turn", () => {
  it("an earlier event whose read answer is slow is still handled before a later one read elsewhere", {
    timeout: 90_000,
  }, async () => {
    const { pod, room, config } = await shared.start("Slow answers");
    const log: StepLog = [];
    const step = () => sleep(20);
    await startBot(stepBot("A", log, step), { config });

    // A's next read is answered 4 s late: armed, then taken (the fault leaves the list).
    await pod.dev.addFault({ method: "POST", path: READ, answerDelayMs: 4_000 });
    await untilTrue(
      async () => (await pod.dev.faults()).length === 0,
      "A's next read to take the slow answer",
    );
    await room.say("/step 1");

    // B starts while A's answer (step 1) is on its way, and step 2 is posted for B to read.
    await startBot(stepBot("B", log, step), { config });
    await room.say("/step 2");

    await untilTrue(async () => (await room.answers()) >= 2, "the answers to both steps");
    expect(log.map((entry) => entry.slice(1))).toEqual(["+1", "-1", "+2", "-2"]);
    expect(log[0]).toBe("A+1");
  });
});
