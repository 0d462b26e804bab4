/**
 * The todo bot's scenarios (scenarios.ts) on the test kit's in-memory platform. @sprig/symphony's
 * end-to-end tests run the very same scenarios against the emulator.
 */
import { silentLogger } from "@sprig/core";
import { testChat } from "@sprig/testing";
import { describe, it } from "vitest";
import { createTodoBot } from "../src/index.ts";
import { todoScenarios } from "./scenarios.ts";

describe("todo bot", () => {
  for (const scenario of todoScenarios) {
    it(scenario.name, async () => {
      const chat = testChat(createTodoBot({ logger: silentLogger, newId: () => "ref-1" }), {
        botName: "sprig",
      });
      for (const name of ["alice", "bob", "cy"]) chat.user(name);
      await scenario.run(chat);
    });
  }
});
