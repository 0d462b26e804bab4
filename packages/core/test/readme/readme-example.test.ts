// Proves the first bot of packages/core/README.md: if the README's example stops compiling or
// working, this fails.

import { readFileSync } from "node:fs";
import { testChat } from "@sprig/testing";
import { describe, expect, it } from "vitest";
import { bot, Ticket } from "./first-bot.ts";

describe("core README: the first bot", () => {
  const chat = testChat(bot);
  const team = chat.room("Team", { members: ["alice", "bob"] });

  it("types command variables: {numbers:number...} adds up", async () => {
    await team.as("alice").send("/sum 1 2 3.5").expectText("That makes 6.5.");
  });

  it("sends a blank form, validates it on submit, then shows the ticket with its view button", async () => {
    await team
      .as("alice")
      .send("/ticket")
      .expectWork(Ticket, { mode: "edit", buttons: ["file"] })
      .submit({ title: "   " }, "file")
      .expectStatus("invalid")
      .expectFieldError("title", "Say what is wrong")
      .submit({ title: "Printer on fire", priority: "high" }, "file")
      .expectText('Filed "Printer on fire" for alice.')
      .expectWork(Ticket, {
        mode: "view",
        value: { title: "Printer on fire", priority: "high", status: "open" },
        buttons: ["close"],
      })
      .press("close")
      .expectWork(Ticket, { mode: "view", value: { status: "closed" } });
  });

  it("ignores room chatter, answers everything in a 1:1, and lists commands on /help", async () => {
    await team.as("bob").send("sum 1 2").expectNoReply();
    await team.as("bob").send("/sum 1 2").expectText("That makes 3.");
    await chat.im("bob").send("sum 1 2").expectText("That makes 3.");
    await chat.im("bob").send("what now").expectText('I don\'t know "what now". Try /help.');
    await chat.im("bob").send("help").expectText("Add numbers up");
  });
});

describe("core README: the code shown is the code tested", () => {
  it("the README's first ts block is first-bot.ts without its header comment", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const shown = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    const tested = readFileSync(new URL("./first-bot.ts", import.meta.url), "utf8").replace(/^\/\/.*\n/, "");
    expect(shown).toBe(tested);
  });
});
