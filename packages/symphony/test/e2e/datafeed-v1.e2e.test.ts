/**
 * The same bot on datafeed v1 (deprecated agents): `datafeed.version: v1` in config.yaml is the
 * only change; a few of the todo scenarios run through it end to end.
 */
import { silentLogger } from "@sprig/core";
import { createTodoBot } from "@sprig/todo-bot";
import { todoScenarios } from "@sprig/todo-bot/scenarios";
import { describe, expect, it } from "vitest";
import { startE2eChat } from "./support/e2e-chat.ts";
import { FAST_RETRY } from "./support/test-pod.ts";

const chosen = [
  "/add opens the new-item form; submitting it appends the item to the list",
  "/complete tells an assignee in their 1:1 when someone else finished their item",
  "welcomes people who join the room",
];

describe("todo bot end to end on datafeed v1", () => {
  for (const scenario of todoScenarios.filter((s) => chosen.includes(s.name))) {
    it(scenario.name, async () => {
      const e2e = await startE2eChat(createTodoBot({ logger: silentLogger }), {
        config: { datafeed: { version: "v1", retry: { ...FAST_RETRY, maxAttempts: -1 } } },
      });
      try {
        expect(e2e.pod.config.datafeed.version).toBe("v1");
        await scenario.run(e2e.chat);
      } finally {
        await e2e.close();
      }
    });
  }

  it("runs the scenarios it names", () => {
    expect(todoScenarios.filter((s) => chosen.includes(s.name))).toHaveLength(chosen.length);
  });
});
