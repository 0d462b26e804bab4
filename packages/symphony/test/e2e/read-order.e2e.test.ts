/**
 * Two instances of one bot on one fanout feed, sharing a real Redis (the config names it): one
 * room's events, read interleaved by the two, are handled in the pod's order and never two at once.
 * Instance A is slow: it holds the first event while B reads the second — without the shared order
 * B would start it at once, overtaking A. Then a burst of events spreads over both (A still slow).
 */
import { afterEach, describe, expect, it } from "vitest";
import type { SymphonyBot } from "../../src/index.ts";
import { type StepLog, sharedFeedPerTest, stepBot } from "./support/step-room.ts";
import { untilTrue } from "./support/until.ts";

const shared = sharedFeedPerTest();
const { startBot } = shared;
/** Lets instance A's first step end (a failing test must not leave it holding its bots' stop). */
let release = () => {};
afterEach(() => release());

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function eventsRead(instance: SymphonyBot): Promise<number> {
  const text = await (await fetch(`${instance.health?.url}/metrics`)).text();
  return [...text.matchAll(/^sprig_symphony_events_read_total\{[^}]*\} (\d+)$/gm)].reduce(
    (sum, match) => sum + Number(match[1]),
    0,
  );
}

describe.skipIf(shared.missing !== undefined)("one room's events over two instances sharing Redis", () => {
  it("are handled in the pod's order, one at a time, though the instance holding the first is slow", {
    timeout: 90_000,
  }, async () => {
    // A long visibility (sharedFeedPerTest): A's slow batch is not handed to B while A still works on it.
    const { room, config } = await shared.start("Steps");
    const log: StepLog = [];
    const released = new Promise<void>((resolve) => (release = resolve));
    await startBot(
      stepBot("A", log, (step) => (step === 1 ? released : sleep(40))),
      { config },
    );
    await room.say("/step 1");
    await untilTrue(() => log.includes("A+1"), "A to start step 1", 20_000);

    // A holds its batch (it reads nothing more until step 1 ends): step 2 can only go to B.
    const b = await startBot(stepBot("B", log), { config, health: { port: 0 } });
    await room.say("/step 2");
    await untilTrue(async () => (await eventsRead(b)) >= 1, "B to read step 2", 20_000);
    // Time for B to overtake, were there no order (it would start at once); it must not.
    await untilTrue(() => log.includes("B+2"), "B to overtake", 1_000).catch(() => undefined);
    expect(log).toEqual(["A+1"]);
    release();

    // A burst, spread over both instances as they come free; A takes its time over each step.
    for (let step = 3; step <= 8; step++) {
      await room.say(`/step ${step}`);
      await sleep(25);
    }
    await untilTrue(async () => (await room.answers()) >= 8, "the answers to all 8 steps", 20_000);

    const steps = log.map((entry) => entry.slice(1));
    expect(steps).toEqual([
      "+1",
      "-1",
      "+2",
      "-2",
      "+3",
      "-3",
      "+4",
      "-4",
      "+5",
      "-5",
      "+6",
      "-6",
      "+7",
      "-7",
      "+8",
      "-8",
    ]);
    // Each step was started and ended by the same instance; both instances handled some.
    for (let i = 0; i < log.length; i += 2) expect(log[i]![0]).toBe(log[i + 1]![0]);
    expect(log.slice(0, 4)).toEqual(["A+1", "A-1", "B+2", "B-2"]);
  });
});
