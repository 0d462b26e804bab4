/**
 * The root README's first bot: its code is first-bot.ts (the README's block without the Symphony
 * import and start line, which need a pod; plus an export), and it does what the README says.
 */
import { readFileSync } from "node:fs";
import { testChat } from "@sprig/testing";
import { describe, expect, it } from "vitest";
import { bot, Ticket } from "./first-bot.ts";

const readme = readFileSync(new URL("../../../../README.md", import.meta.url), "utf8");
const block = /## A first bot\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";

describe("the root README's first bot", () => {
  it("is first-bot.ts, with the Symphony lines that need a pod", () => {
    const file = readFileSync(new URL("./first-bot.ts", import.meta.url), "utf8").replace(
      /\nexport \{[^}]*\};\n$/,
      "",
    );
    const withoutSymphony = block
      .split("\n")
      .filter((line) => !line.includes("@sprig/symphony") && !line.startsWith("await symphony("))
      .join("\n");
    expect(withoutSymphony.trim()).toBe(file.trim());
    expect(block).toContain('await symphony(bot, { config: "config.yaml" }).start();');
    expect(block.trim().split("\n").length).toBeLessThanOrEqual(16);
  });

  it("answers /sum and turns a ticket urgent", async () => {
    const team = testChat(bot).room("Team", { members: ["alice"] });
    await team.as("alice").send("/sum 1 2 3.5").expectText("6.5");
    await team
      .send("/ticket")
      .expectWork(Ticket, { value: { title: "New ticket", urgent: false }, buttons: ["urgent"] })
      .press("urgent")
      .expectWork(Ticket, { value: { urgent: true } });
  });
});
