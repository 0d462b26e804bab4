/**
 * The todo bot's scenarios, the same code on two drivers: in memory (the test kit's platform) and
 * end to end — the bot connected through symphony(bot, …) to the emulator over HTTP, people acting
 * through the emulator's dev API, replies read back from the pod.
 */
import { silentLogger } from "@sprig/core";
import { testChat } from "@sprig/testing";
import { createTodoBot } from "@sprig/todo-bot";
import { describe, it } from "vitest";
import { startE2eChat } from "./support/e2e-chat.ts";
import { todoScenarios } from "./todo-scenarios.ts";

const newBot = () => createTodoBot({ logger: silentLogger, newId: () => "ref-1" });

describe("todo bot scenarios in memory", () => {
  for (const scenario of todoScenarios) {
    it(scenario.name, async () => {
      const chat = testChat(newBot(), { botName: "sprig" });
      for (const name of ["alice", "bob", "cy"]) chat.user(name);
      await scenario.run(chat);
    });
  }
});

describe("todo bot scenarios end to end on the emulator (HTTP)", () => {
  for (const scenario of todoScenarios) {
    it(scenario.name, async () => {
      const e2e = await startE2eChat(newBot());
      try {
        await scenario.run(e2e.chat);
      } finally {
        await e2e.close();
      }
    });
  }
});
