/** The claim bot's scenarios (scenarios.ts) on the test kit's in-memory platform. */
import { silentLogger } from "@sprig/core";
import { testChat } from "@sprig/testing";
import { describe, expect, it } from "vitest";
import { createClaimBot } from "../src/index.ts";
import { APPROVAL_ROOM, claimScenarios } from "./scenarios.ts";

describe("claim bot", () => {
  for (const scenario of claimScenarios) {
    it(scenario.name, async () => {
      // The in-memory platform numbers rooms and people in the order they are first named: the
      // approval room, named first, is "r2" (after the bot, "u1") — the id the bot is made with, as from its config.
      const chat = testChat(
        createClaimBot({ logger: silentLogger, approvalRoomId: "r2", newClaimId: () => "c1" }),
        { botName: "sprig" },
      );
      expect(chat.chatRoom(APPROVAL_ROOM).id).toBe("r2");
      await scenario.run(chat);
    });
  }
});
