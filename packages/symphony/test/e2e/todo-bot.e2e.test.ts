/**
 * The todo bot's scenarios end to end: the bot connected through symphony(bot, …) to the emulator over
 * HTTP, people acting through the emulator's dev API, replies read back from the pod. The same scenario
 * code runs in memory in the example's own test (examples/todo-bot/test/todo-bot.test.ts).
 */
import { silentLogger } from "@sprig/core";
import { createTodoBot } from "@sprig/todo-bot";
import { todoRooms, todoScenarios } from "@sprig/todo-bot/scenarios";
import { describe, it } from "vitest";
import { startE2eChat, TEAM } from "./support/e2e-chat.ts";

const newBot = () => createTodoBot({ logger: silentLogger, newId: () => "ref-1" });

describe("todo bot scenarios end to end on the emulator (HTTP)", () => {
  for (const scenario of todoScenarios) {
    it(scenario.name, async () => {
      const e2e = await startE2eChat(newBot(), { rooms: [TEAM, ...todoRooms] });
      try {
        await scenario.run(e2e.chat);
      } finally {
        await e2e.close();
      }
    });
  }
});
