/**
 * The poll bot's scenarios end to end: the bot connected through symphony(bot, …) to the emulator
 * over HTTP with `updateFormInPlace` — a vote's updated poll replaces the poll message, so the
 * counts change in place — people acting through the dev API.
 */
import { silentLogger } from "@sprig/core";
import { emulatorChat } from "@sprig/testing/emulator";
import { describe, it } from "vitest";
import { createPollBot } from "../src/index.ts";
import { pollScenarios } from "./scenarios.ts";

/** The room every scenario starts with (alice owns it); the bot is in it. */
const TEAM = { name: "Team", members: ["alice", "bob"], owners: ["alice"] } as const;

describe("poll bot scenarios end to end on the emulator (HTTP)", () => {
  for (const scenario of pollScenarios.filter((s) => !s.memoryOnly)) {
    it(scenario.name, async () => {
      let n = 0;
      const poll = createPollBot({ logger: silentLogger, newPollId: () => `p${++n}` });
      const e2e = await emulatorChat(poll.bot, { rooms: [TEAM], updateFormInPlace: true });
      poll.started(e2e.running.platform);
      try {
        await scenario.run(e2e.chat);
      } finally {
        poll.stopping();
        await e2e.close();
      }
    });
  }
});
