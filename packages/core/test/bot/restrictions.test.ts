import { byName, createBot, ErrorCode, silentLogger, work } from "@sprig/core";
import { testChat } from "@sprig/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const Claim = work("claim", z.object({ amount: z.number() }));

function setup() {
  const bot = createBot({ logger: silentLogger });
  const chat = testChat(bot);
  const approvals = chat.chatRoom("Claim Approval Room");
  bot.command(
    "approve",
    { rooms: [byName("Claim Approval Room")], description: "Approve" },
    () => "approved",
  );
  bot.command("audit", { rooms: [approvals.id], description: "Audit" }, () => "audited");
  bot.command(
    "joke",
    { excludeRooms: [byName("Serious Room")], description: "Tell a joke" },
    () => "knock knock",
  );
  bot.command("claim", () => Claim.create({ amount: 5 }));
  bot.button(Claim, "pay", { text: "Pay", rooms: [byName("Claim Approval Room")] }, () => "paid");
  bot.button(
    Claim,
    "query",
    { text: "Query", excludeRooms: [byName("Claim Approval Room")] },
    () => "queried",
  );
  return { chat, approvals };
}

describe("restrictions, checked when handled and when rendered", () => {
  it("rooms restrict by id, or by name where asked with byName(); elsewhere the command is refused", async () => {
    const { chat } = setup();
    const room = chat.room("Claim Approval Room");
    await room.as("ann").send("/approve").expectText("approved");
    await room.send("/audit").expectText("audited");
    const other = chat.room("Lobby");
    await other
      .as("ann")
      .send("/approve")
      .expectStatus("refused")
      .expectError("You can't use /approve here: it is only in Claim Approval Room.", {
        code: ErrorCode.Forbidden,
      });
    await other.send("/audit").expectStatus("refused");
  });

  it("a room named like a restricted room's id, or like a plain string in the list, does not pass", async () => {
    const { chat, approvals } = setup();
    // Room names are chosen by users: one named after the approvals room's id is another room.
    const impostor = chat.room(approvals.id);
    await impostor.as("mallory").send("/audit").expectStatus("refused").expectNoText("audited");
    // A plain string is an id, never a name.
    const bot = createBot({ logger: silentLogger });
    bot.command("pay", { rooms: ["Payments"] }, () => "paid");
    bot.command("chat", { excludeRooms: ["Quiet"] }, () => "chatting");
    const other = testChat(bot);
    await other.room("Payments").as("mallory").send("/pay").expectStatus("refused");
    await other.room("Quiet").as("mallory").send("/chat").expectText("chatting");
  });

  it("a room restriction rules out 1:1 conversations", async () => {
    const { chat } = setup();
    await chat.im("ann").send("approve").expectStatus("refused");
  });

  it("excluded rooms refuse the command; other rooms and 1:1 allow it", async () => {
    const { chat } = setup();
    await chat.room("Serious Room").as("ann").send("/joke").expectStatus("refused");
    await chat.room("Lobby").as("ann").send("/joke").expectText("knock knock");
    await chat.im("ann").send("joke").expectText("knock knock");
  });

  it("buttons are rendered only where they may be used, and refused elsewhere when forged", async () => {
    const { chat } = setup();
    const approvals = chat.room("Claim Approval Room");
    await approvals.as("ann").send("/claim").expectButtons(["pay"]).press("pay").expectText("paid");
    const lobby = chat.room("Lobby");
    await lobby.as("ann").send("/claim").expectButtons(["query"]);
    await lobby
      .forgePress("pay")
      .expectStatus("refused")
      .expectError(/not on this form/, { code: ErrorCode.ButtonNotOffered });
    // Where the message does not say what it offered, the restriction itself refuses it.
    await lobby
      .forgePress("pay", { offeredUnknown: true })
      .expectStatus("refused")
      .expectError(/only in Claim Approval Room/);
  });

  it("help lists only what this user may run in this place", async () => {
    const { chat } = setup();
    const listed = (text: string) => [...text.matchAll(/^\| (\/\w+)/gm)].map((m) => m[1]);
    await chat
      .room("Claim Approval Room")
      .as("ann")
      .send("/help")
      .check((r) => expect(listed(r[0]!.text)).toEqual(["/approve", "/audit", "/joke", "/claim", "/help"]));
    await chat
      .room("Serious Room")
      .as("ann")
      .send("/help")
      .check((r) => expect(listed(r[0]!.text)).toEqual(["/claim", "/help"]));
  });
});
