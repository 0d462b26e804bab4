import { createBot, ErrorCode, silentLogger, work } from "@sprig/core";
import { testChat } from "@sprig/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const Reading = work("reading", z.object({ value: z.number() }));

describe("help", () => {
  it("lists descriptions in the author's order, leaves hidden commands out, and gives simple commands a button", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("zeta", { description: "Last by name, first by order", order: 1 }, () => "z");
    bot.command("alpha {x}", { description: "Takes a variable" }, () => "a");
    bot.command("secret", { description: "Not for the help page", hidden: true }, () => "s");
    const chat = testChat(bot);
    await chat
      .im("ann")
      .send("help")
      .check((replies) => {
        const help = replies[0]!;
        expect(help.text.split("\n").slice(1, 5)).toEqual([
          "| Command | Description |",
          "| /zeta | Last by name, first by order |",
          "| /alpha <x> | Takes a variable |",
          "| /help | List the commands you can use here |",
        ]);
        expect(help.buttons.map((b) => b.id)).toEqual(["run:zeta", "run:help"]);
      });
    await chat.im("bob").send("secret").expectText("s");
  });

  it("a help button re-runs its command with the same restrictions", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("purge", { admin: true }, () => "purged");
    const room = testChat(bot).room("Ops", { admins: ["root"] });
    await room.as("root").send("/help").press("run:purge").expectText("purged");
    await room
      .as("eve")
      .send("/help")
      .forgePress("run:purge")
      .expectError(/not on this form/, { code: ErrorCode.ButtonNotOffered });
    await room.forgePress("run:purge", { offeredUnknown: true }).expectStatus("refused");
    await room.forgePress("run:nothing-here", { offeredUnknown: true }).expectStatus("fallback");
  });
});

describe("history since, and sending outside a handler", () => {
  it("history only returns objects at or after `since`", async () => {
    const bot = createBot({ logger: silentLogger });
    let cutoff: Date | undefined;
    bot.command("read {n:number}", ({ vars }) => Reading.create({ value: vars.n }));
    bot.command("mark", ({ action }) => {
      cutoff = action.time;
    });
    bot.command("recent", async ({ history }) => {
      const page = await history.all(Reading, { since: cutoff });
      return page.items.map((r) => r.value).join(",");
    });
    const im = testChat(bot).im("ann");
    await im.send("read 1");
    await im.send("mark");
    await im.send("read 2");
    await im.send("read 3");
    await im.send("recent").expectText("3,2");
  });

  it("bot.send reaches a chat with no action being handled (a scheduled reminder)", async () => {
    const bot = createBot({ logger: silentLogger });
    const chat = testChat(bot);
    const room = chat.chatRoom("Team");
    await bot.send(room, ["Stand-up in 5 minutes", Reading.create({ value: 5 })]);
    expect(chat.transcript.map((m) => [m.to.id, m.kind, m.text.split("\n")[0]])).toEqual([
      [room.id, "message", "Stand-up in 5 minutes"],
      [room.id, "work", "reading (view)"],
    ]);
  });
});
