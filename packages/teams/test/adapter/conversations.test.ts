/**
 * Conversations on Teams: learnt from installationUpdate / conversationUpdate and every activity,
 * members and admins from the connector's roster, proactive sends through each conversation's
 * stored serviceUrl (a 1:1 opened when there is none), ensureChat's coded refusals, the bot's
 * own messages ignored, and a form's result replacing its card in place.
 */
import { Chat, createBot, silentLogger } from "@sprig/core";
import { TestChat } from "@sprig/testing";
import { createTodoBot, NewItem, TodoList } from "@sprig/todo-bot";
import { afterEach, describe, expect, it } from "vitest";
import { PRESS_KEY, TeamsErrorCode } from "../../src/index.ts";
import { BOT_ID, shownCardId, TeamsDriver } from "../support/teams-driver.ts";

let driver: TeamsDriver;
afterEach(() => driver?.close());

describe("conversations", () => {
  it("an installation makes the chat known; members and admins come from the roster", async () => {
    const bot = createBot({ logger: silentLogger });
    driver = await TeamsDriver.start(bot);
    const alice = driver.user("alice");
    const team = driver.room("Team", { members: [alice, driver.user("bob")], admins: [alice] });
    const installed = await driver.post(
      driver.activity("installationUpdate", alice, team, { action: "add" }),
    );
    expect(installed.httpStatus).toBe(200);
    const conversations = driver.running.platform.conversations;
    expect(await conversations.chats()).toEqual([Chat.of("teams", team.id, "Team")]);
    expect((await conversations.members(team)).map((u) => u.name)).toEqual(["alice", "bob"]);
    expect((await conversations.admins(team)).map((u) => u.name)).toEqual(["alice"]);
    expect(await conversations.userById(alice.id)).toMatchObject({ name: "alice" });

    await driver.post(driver.activity("installationUpdate", alice, team, { action: "remove" }));
    expect(await conversations.chats()).toEqual([]);
  });

  it("the bot sends proactively to a chat and to a person, opening their 1:1 through the stored serviceUrl", async () => {
    const bot = createBot({ logger: silentLogger });
    driver = await TeamsDriver.start(bot);
    const alice = driver.user("alice");
    const team = driver.room("Team", { members: [alice] });
    await driver.post(driver.activity("conversationUpdate", alice, team, { membersAdded: [{ id: BOT_ID }] }));
    await bot.send(team, "Good morning, team");
    await bot.send(alice, "Good morning, alice");
    expect(driver.connector.requests).toContain("POST /v3/conversations");
    expect(driver.connector.captured.map((c) => [c.conversationId, c.activity.text])).toEqual([
      [team.id, "<p>Good morning, team</p>"],
      [`a:${alice.id}`, "<p>Good morning, alice</p>"],
    ]);
  });

  it("ims lists the people of the personal conversations the bot is in, installed or opened by it; not room members", async () => {
    const bot = createBot({ logger: silentLogger });
    driver = await TeamsDriver.start(bot);
    const [alice, bob, carol] = [driver.user("alice"), driver.user("bob"), driver.user("carol")];
    const team = driver.room("Team", { members: [bob, carol] });
    await driver.post(driver.activity("conversationUpdate", bob, team, { membersAdded: [{ id: BOT_ID }] }));
    const conversations = driver.running.platform.conversations;
    expect(await conversations.ims()).toEqual([]);

    await driver.post(driver.activity("installationUpdate", alice, alice, { action: "add" }));
    await driver.post(driver.activity("message", alice, alice, { text: "hello" }));
    await bot.send(bob, "Good morning, bob"); // opens bob's 1:1 through the connector
    expect((await conversations.ims()).map((u) => [u.id, u.name])).toEqual([
      [alice.id, "alice"],
      [bob.id, "bob"],
    ]);
    expect(await conversations.chats()).toEqual([Chat.of("teams", team.id, "Team")]);

    await driver.post(driver.activity("installationUpdate", alice, alice, { action: "remove" }));
    expect((await conversations.ims()).map((u) => u.id)).toEqual([bob.id]);
  });

  it("ensureChat finds a chat the bot is in, and says clearly what Teams does not allow", async () => {
    driver = await TeamsDriver.start(createBot({ logger: silentLogger }));
    const alice = driver.user("alice");
    const team = driver.room("Team", { members: [alice] });
    await driver.post(driver.activity("installationUpdate", alice, team, { action: "add" }));
    const conversations = driver.running.platform.conversations;
    expect(await conversations.ensureChat("Team", [alice])).toMatchObject({ id: team.id });
    await expect(conversations.ensureChat("Elsewhere", [alice])).rejects.toMatchObject({
      code: TeamsErrorCode.CannotCreateChat,
    });
    await expect(conversations.ensureChat("Team", [driver.user("cy")])).rejects.toMatchObject({
      code: TeamsErrorCode.CannotAddMembers,
    });
  });

  it("a channel thread's message is answered in its channel, which becomes a known chat", async () => {
    driver = await TeamsDriver.start(createTodoBot({ logger: silentLogger }));
    const alice = driver.user("alice");
    const channel = "19:general@thread.tacv2";
    const activity = driver.activity("message", alice, driver.room("General"), {
      text: "<at>sprig</at> new",
      entities: [{ type: "mention", text: "<at>sprig</at>", mentioned: { id: BOT_ID, name: "sprig" } }],
      conversation: {
        id: `${channel};messageid=1700000000000`,
        conversationType: "channel",
        tenantId: "tenant-1",
      },
      channelData: { tenant: { id: "tenant-1" }, channel: { id: channel, name: "General" } },
    });
    const delivery = await driver.post(activity);
    expect(delivery.status).toBe("command");
    expect(driver.connector.captured.map((c) => c.conversationId)).toEqual([channel]);
    expect(await driver.running.platform.conversations.chats()).toEqual([
      Chat.of("teams", channel, "General"),
    ]);
  });

  it("the bot's own messages are ignored", async () => {
    driver = await TeamsDriver.start(createTodoBot({ logger: silentLogger }));
    const team = driver.room("Team");
    const own = await driver.post(
      driver.activity("message", { kind: "user", platform: "teams", id: BOT_ID, name: "sprig" }, team, {
        text: "/new",
      }),
    );
    expect(own.replies).toEqual([]);
    expect(own.status).toBe("ignored");
  });

  it("a form's result replaces its card in place; the old card cannot be pressed again", async () => {
    driver = await TeamsDriver.start(createTodoBot({ logger: silentLogger }));
    const chat = new TestChat(driver);
    const room = chat.room("Team", { members: ["alice"] });
    await room.as("alice").send("/new");
    await room.send("/edit").expectWork(TodoList, { mode: "edit" });
    const editCard = driver.transcript().at(-1)!;
    await room.press("save").expectWork(TodoList, { mode: "view" });
    const last = driver.connector.captured.at(-1)!;
    expect(last.method).toBe("PUT");
    expect(last.activityId).toBe(editCard.id);
    // A stale client still showing the edit card presses Save again: refused, nothing changes.
    const oldCardId = shownCardId(editCard);
    const stale = await driver.post(
      driver.activity("message", driver.user("alice"), driver.room("Team"), {
        value: { [PRESS_KEY]: { card: oldCardId, button: "save" } },
      }),
    );
    expect(stale.replies.map((r) => r.text)).toEqual([
      expect.stringContaining("it was replaced by a newer card"),
    ]);
    await room.send("/show").expectWork(TodoList);
  });

  it("a new-item form sent back invalid shows the error under the description input on the card", async () => {
    driver = await TeamsDriver.start(createTodoBot({ logger: silentLogger }));
    const chat = new TestChat(driver);
    const room = chat.room("Team", { members: ["alice"] });
    await room.as("alice").send("/new");
    await room.send("/add").expectWork(NewItem).submit({ description: "" }).expectStatus("invalid");
    const card = JSON.stringify((driver.transcript().at(-1) as { card?: unknown }).card);
    expect(card).toMatch(
      /"id":"description"[^}]*}\s*,\s*\{"type":"TextBlock","text":"Say what needs doing"[^}]*"color":"Attention"/,
    );
  });
});
