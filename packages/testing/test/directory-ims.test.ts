/**
 * The in-memory directory's 1:1s: one exists once a person wrote to the bot in private or the bot
 * wrote to them; rooms are chats, never 1:1s, and a person only seen in a room has none.
 */
import { Chat, createBot, silentLogger } from "@sprig/core";
import { testChat } from "@sprig/testing";
import { describe, expect, it } from "vitest";

describe("Directory.ims", () => {
  it("lists the people with a 1:1 with the bot, each once, and no room", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("ping", () => "pong");
    const chat = testChat(bot);
    const conversations = chat.platform!.conversations;
    expect(await conversations.ims()).toEqual([]);

    await chat
      .room("Team", { members: ["carol"] })
      .as("carol")
      .send("/ping")
      .expectText("pong");
    await chat.im("alice").send("/ping").expectText("pong");
    await chat.im("alice").send("/ping").expectText("pong");
    await bot.send(chat.user("bob"), "hello bob");

    expect(await conversations.ims()).toEqual([chat.user("alice"), chat.user("bob")]);
    expect(await conversations.chats()).toEqual([Chat.of("test", chat.chatRoom("Team").id, "Team")]);
  });
});
