/**
 * The poll bot's scenarios end to end: the bot connected through symphony(bot, …) to the emulator
 * over HTTP with `updateFormInPlace` — a vote's updated poll replaces the poll message, so the
 * counts change in place — people acting through the dev API.
 */
import { silentLogger } from "@sprig/core";
import { silentLogger as quietAdapter, symphony } from "@sprig/symphony";
import { emulatorChat } from "@sprig/testing/emulator";
import { describe, expect, it } from "vitest";
import { createPollBot } from "../src/index.ts";
import { pollScenarios, startColours } from "./scenarios.ts";

/** The room every scenario starts with (alice owns it); the bot is in it. */
const TEAM = { name: "Team", members: ["alice", "bob"], owners: ["alice"] } as const;

describe("poll bot scenarios end to end on the emulator (HTTP)", () => {
  for (const scenario of pollScenarios.filter((s) => !s.memoryOnly)) {
    it(scenario.name, async () => {
      let n = 0;
      const poll = createPollBot({ logger: silentLogger, newPollId: () => `p${++n}` });
      const e2e = await emulatorChat(poll.bot, { rooms: [TEAM], updateFormInPlace: true });
      await poll.started(e2e.running.platform);
      try {
        await scenario.run(e2e.chat);
      } finally {
        poll.stopping();
        await e2e.close();
      }
    });
  }

  it("a poll whose end passed while the bot was stopped closes once when it starts again, not twice", async () => {
    const never = () => () => undefined;
    const first = createPollBot({ logger: silentLogger, newPollId: () => "p1", schedule: never });
    const e2e = await emulatorChat(first.bot, { rooms: [TEAM], updateFormInPlace: true });
    try {
      await first.started(e2e.running.platform);
      await startColours(e2e.chat); // 10 minutes
      first.stopping();
      await e2e.running.stop();

      const team = e2e.pod.roomId("Team");
      const results = async () =>
        (await e2e.pod.dev.messages(team)).filter((m) => m.message.includes("Result: Which colour?"));

      // A new process of the bot twenty minutes later (its clock), with real timers.
      const restart = async (minutes: number) => {
        const poll = createPollBot({
          logger: silentLogger,
          now: () => new Date(Date.now() + minutes * 60_000),
        });
        const running = symphony(poll.bot, { config: e2e.pod.configPath, logger: quietAdapter() });
        await running.start();
        await poll.started(running.platform);
        return { poll, running };
      };
      const second = await restart(20);
      await expect.poll(results, { timeout: 10_000 }).toHaveLength(1);
      second.poll.stopping();
      await second.running.stop();

      const third = await restart(30);
      expect(third.poll.armed).toBe(0);
      third.poll.stopping();
      await third.running.stop();
      expect(await results()).toHaveLength(1);
    } finally {
      await e2e.close();
    }
  });
});
