/**
 * The todo bot's scenarios (the same file the in-memory and Symphony runs use) on Teams: activities
 * POSTed over HTTP to the running bot, its answers read from a local connector, every card
 * validated at Adaptive Cards 1.5.
 */
import { silentLogger } from "@sprig/core";
import { TestChat } from "@sprig/testing";
import { createTodoBot } from "@sprig/todo-bot";
import { todoScenarios } from "@sprig/todo-bot/scenarios";
import { describe, it } from "vitest";
import { TeamsDriver } from "./support/teams-driver.ts";

describe("todo bot scenarios on Teams (HTTP in, local connector out)", () => {
  for (const scenario of todoScenarios) {
    it(scenario.name, async () => {
      const driver = await TeamsDriver.start(createTodoBot({ logger: silentLogger, newId: () => "ref-1" }));
      try {
        const chat = new TestChat(driver);
        for (const name of ["alice", "bob", "cy"]) chat.user(name);
        await scenario.run(chat);
      } finally {
        await driver.close();
      }
    });
  }
});
