import { type Chat, createBot, silentLogger } from "@sprig/core";
import { testChat } from "@sprig/testing";
import { describe, expect, it } from "vitest";

describe("member actions", () => {
  it("reach consumers with the change, the member and the platform event id and time", async () => {
    const bot = createBot({ logger: silentLogger });
    const seen: string[] = [];
    bot.on("member", ({ action }) => {
      seen.push(`${action.change} ${action.member.name} ${action.eventId} ${action.time.toISOString()}`);
      return action.change === "joined" ? `Welcome, ${action.member.name}!` : undefined;
    });
    const chat = testChat(bot);
    const room: Chat = chat.chatRoom("Team");
    const bob = chat.user("bob");
    const outcome = await chat.platform!.deliver({
      kind: "member",
      change: "joined",
      member: bob,
      user: bob,
      addressable: room,
      eventId: "evt-9",
      time: new Date("2026-05-01T10:00:00Z"),
    });
    expect(outcome).toEqual({ status: "ignored", sent: 1 });
    expect(seen).toEqual(["joined bob evt-9 2026-05-01T10:00:00.000Z"]);
    expect(chat.transcript.at(-1)?.text).toBe("Welcome, bob!");
  });

  it("the test kit applies joins, leaves, promotions and demotions to the room and delivers them", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.on("member", async ({ action, conversations, chat }) => {
      const admins = await conversations.admins(chat!);
      const members = await conversations.members(chat!);
      return `${action.member.name} ${action.change} by ${action.user.name}; members ${members.length}, admins ${admins.map((a) => a.name).join(",") || "none"}`;
    });
    bot.command("purge", { admin: true }, () => "purged");
    const team = testChat(bot).room("Team");
    await team.member("joined", "cy").expectText("cy joined by cy; members 2, admins none");
    await team.as("root").member("promoted", "cy").expectText("cy promoted by root; members 2, admins cy");
    await team.as("cy").send("/purge").expectText("purged");
    await team.as("root").member("demoted", "cy").expectText("admins none");
    await team.as("cy").send("/purge").expectStatus("refused");
    await team.member("left", "cy").expectText("cy left by cy; members 1, admins none");
  });
});
