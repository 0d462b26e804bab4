/**
 * The claim bot's scenarios end to end: the bot, made with the approval room's stream id, connected
 * through symphony(bot, …) to the emulator over HTTP; people act through the dev API.
 */
import { silentLogger } from "@sprig/core";
import { emulatorChat } from "@sprig/testing/emulator";
import { describe, it } from "vitest";
import { createClaimBot } from "../src/index.ts";
import { APPROVAL_ROOM, claimRooms, claimScenarios } from "./scenarios.ts";

/** The room every scenario starts with (alice owns it); the bot is in it. */
const TEAM = { name: "Team", members: ["alice", "bob"], owners: ["alice"] } as const;

describe("claim bot scenarios end to end on the emulator (HTTP)", () => {
  for (const scenario of claimScenarios.filter((s) => !s.memoryOnly)) {
    it(scenario.name, async () => {
      const e2e = await emulatorChat(
        (pod) => createClaimBot({ logger: silentLogger, approvalRoomId: pod.roomId(APPROVAL_ROOM) }),
        { rooms: [TEAM, ...claimRooms] },
      );
      try {
        await scenario.run(e2e.chat);
      } finally {
        await e2e.close();
      }
    });
  }
});
