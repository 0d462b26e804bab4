/**
 * A custom card by template name (Adaptive Card Templating, expanded with adaptivecards-templating),
 * and one process serving two platforms: the same bot attached to Teams and to another platform,
 * a response sent to an addressable of either.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createBot, silentLogger, view, work } from "@sprig/core";
import { InMemoryPlatform } from "@sprig/testing";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";

import { TeamsDriver } from "../support/teams-driver.ts";

let driver: TeamsDriver;
afterEach(() => driver?.close());

const Ticket = work(
  "ticket",
  z.object({ title: z.string(), priority: z.enum(["low", "high"]).default("low") }),
);

describe("custom templates", () => {
  it("a work response names a template: the card is the template expanded with the object and buttons", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sprig-templates-"));
    await writeFile(
      join(dir, "ticket-card.json"),
      JSON.stringify({
        type: "AdaptiveCard",
        version: "1.5",
        body: [{ type: "TextBlock", text: "Ticket: ${form.title} (${form.priority})", wrap: true }],
        actions: "${buttons}",
      }),
    );
    const bot = createBot({ logger: silentLogger });
    bot.command("ticket", () => view(Ticket.create({ title: "Printer" }), { template: "ticket-card" }));
    bot.command("broken", () => view(Ticket.create({ title: "x" }), { template: "missing" }));
    bot.button(Ticket, "close", { text: "Close" }, () => "closed");
    driver = await TeamsDriver.start(bot, { templates: dir });
    const alice = driver.user("alice");
    const shown = await driver.send(alice, alice, "ticket");
    const card = (shown.replies[0] as { card?: { body: { text: string }[]; actions: { title: string }[] } })
      .card!;
    expect(card.body[0]!.text).toBe("Ticket: Printer (low)");
    expect(card.actions.map((a) => a.title)).toEqual(["Close"]);
    const pressed = await driver.press(alice, shown.replies[0]!, "close", {});
    expect(pressed.replies.map((r) => r.text)).toEqual(["closed"]);
    const broken = await driver.send(alice, alice, "broken");
    expect(broken.replies.map((r) => r.errorCode)).toEqual(["sprig.undeliverable"]);
  });
});

describe("two platforms in one process", () => {
  it("a command on one platform answers on the other", async () => {
    const bot = createBot({ logger: silentLogger });
    const memory = new InMemoryPlatform(bot, { platform: "test" });
    const carol = memory.directory.user("carol");
    bot.command("tell-carol", async ({ send, user }) => {
      await send(carol, `${user.name} says hello from Teams`);
      return "told";
    });
    driver = await TeamsDriver.start(bot);
    const alice = driver.user("alice");
    const delivery = await driver.send(alice, alice, "tell-carol");
    expect(delivery.replies.map((r) => r.text)).toEqual(["told"]);
    expect(memory.transcript.map((m) => [m.to.id, m.text])).toEqual([
      [carol.id, "alice says hello from Teams"],
    ]);
    // And from the other platform to Teams.
    await bot.send(alice, "hello from the other side");
    expect(driver.connector.captured.at(-1)!.activity.text).toBe("<p>hello from the other side</p>");
  });
});
