/** The demo bot's scenarios (scenarios.ts) on the test kit's in-memory platform. */
import { silentLogger } from "@sprig/core";
import { testChat } from "@sprig/testing";
import { describe, it } from "vitest";
import { createDemoBot } from "../src/index.ts";
import { demoScenarios, PICTURE_URL } from "./scenarios.ts";

describe("demo bot", () => {
  for (const scenario of demoScenarios) {
    it(scenario.name, async () => {
      const chat = testChat(createDemoBot({ logger: silentLogger, pictureUrl: PICTURE_URL }), {
        botName: "sprig",
      });
      for (const name of ["alice", "bob"]) chat.user(name);
      await scenario.run(chat);
    });
  }
});
