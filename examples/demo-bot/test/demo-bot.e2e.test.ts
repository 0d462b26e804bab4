/**
 * The demo bot's scenarios end to end: the bot connected through symphony(bot, …) to the emulator
 * over HTTP, people acting through the dev API, replies read back from the pod.
 */
import { silentLogger } from "@sprig/core";
import { describe, it } from "vitest";
import { startE2eChat } from "../../../packages/symphony/test/e2e/support/e2e-chat.ts";
import { createDemoBot } from "../src/index.ts";
import { demoScenarios } from "./scenarios.ts";

describe("demo bot scenarios end to end on the emulator (HTTP)", () => {
  for (const scenario of demoScenarios) {
    it(scenario.name, async () => {
      const e2e = await startE2eChat(createDemoBot({ logger: silentLogger }));
      try {
        await scenario.run(e2e.chat);
      } finally {
        await e2e.close();
      }
    });
  }
});
