/**
 * The demo bot's scenarios end to end: the bot connected through symphony(bot, …) to the emulator
 * over HTTP, people acting through the dev API, replies read back from the pod.
 */
import { silentLogger } from "@sprig/core";
import { emulatorChat } from "@sprig/testing/emulator";
import { describe, it } from "vitest";
import { createDemoBot } from "../src/index.ts";
import { demoScenarios, PICTURE_URL } from "./scenarios.ts";

/** The room every scenario starts with (alice owns it); the bot is in it. */
const TEAM = { name: "Team", members: ["alice", "bob"], owners: ["alice"] } as const;

describe("demo bot scenarios end to end on the emulator (HTTP)", () => {
  for (const scenario of demoScenarios) {
    it(scenario.name, async () => {
      const e2e = await emulatorChat(createDemoBot({ logger: silentLogger, pictureUrl: PICTURE_URL }), {
        rooms: [TEAM],
      });
      try {
        await scenario.run(e2e.chat);
      } finally {
        await e2e.close();
      }
    });
  }
});
