/**
 * The poll bot's scenarios end to end: the bot connected through symphony(bot, …) to the emulator
 * over HTTP with `updateFormInPlace` — a vote's updated poll replaces the poll message, so the
 * counts change in place — people acting through the dev API.
 */
import { silentLogger } from "@sprig/core";
import { describe, it } from "vitest";
import { startE2eChat } from "../../../packages/symphony/test/e2e/support/e2e-chat.ts";
import { createPollBot } from "../src/index.ts";
import { pollScenarios } from "./scenarios.ts";

describe("poll bot scenarios end to end on the emulator (HTTP)", () => {
  for (const scenario of pollScenarios.filter((s) => !s.memoryOnly)) {
    it(scenario.name, async () => {
      let n = 0;
      const poll = createPollBot({ logger: silentLogger, newPollId: () => `p${++n}` });
      const e2e = await startE2eChat(poll.bot, { updateFormInPlace: true });
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
