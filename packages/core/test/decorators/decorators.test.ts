import * as core from "@sprig/core";
import { testChat } from "@sprig/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
// Imported as a bot author would: vitest (on Vite 7's esbuild) lowers standard decorators itself.
import { defineController } from "./controller.fixture.ts";

const Ticket = core.work("ticket", z.object({ title: z.string() }));

describe("standard decorators", () => {
  it("register commands, buttons and consumers into the same registry, bound to the controller", async () => {
    const Controller = defineController(core, Ticket);
    const controller = new Controller();
    const bot = core.createBot({ logger: core.silentLogger });
    bot.controller(controller);
    const chat = testChat(bot);
    const room = chat.room("Support", { members: ["ann"], admins: ["boss"] });
    await room
      .as("ann")
      .send("/open printer on fire")
      .expectWork(Ticket, { value: { title: "printer on fire" }, buttons: ["escalate"] })
      .press("escalate")
      .expectText('ticket "printer on fire" escalated');
    await room.send("/close 1 2").expectStatus("refused");
    await room.as("boss").send("/close 1 2").expectText("ticket 1, 2 closed");
    await room.as("boss").send("/help").expectText("Open a ticket");
    await room.member("joined", "cy");
    expect(controller.joined).toEqual(["cy"]);
  });

  it("a controller with no decorated methods is refused with a hint about the tool chain", () => {
    const bot = core.createBot({ logger: core.silentLogger });
    expect(() => bot.controller(new (class Plain {})())).toThrow(/standard decorators/);
  });
});
