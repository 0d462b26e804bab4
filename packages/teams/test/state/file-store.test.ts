/**
 * The file state store: a bot restarted on the same file still knows its conversations and the
 * cards it sent (history, presses on old cards, delivered sends); a torn last line is skipped;
 * a file of another format is refused with a message saying what to do.
 */
import { appendFile, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createBot, reply, silentLogger } from "@sprig/core";
import { TestChat } from "@sprig/testing";
import { createTodoBot, TodoList } from "@sprig/todo-bot";
import { describe, expect, it } from "vitest";
import { FileStateStore, PRESS_KEY } from "../../src/index.ts";
import { TeamsDriver } from "../support/teams-driver.ts";

describe("file state store", () => {
  it("survives a restart: history and presses on cards sent before it", async () => {
    const path = join(await mkdtemp(join(tmpdir(), "sprig-teams-")), "state.jsonl");
    const first = await TeamsDriver.start(createTodoBot({ logger: silentLogger }), {
      store: await FileStateStore.open(path),
    });
    let cardId: string | undefined;
    try {
      const room = new TestChat(first).room("Team", { members: ["alice"] });
      await room.as("alice").send("/new");
      await room.send("/add").submit({ description: "Milk" });
      cardId = JSON.stringify((first.transcript().at(-1) as { card?: unknown }).card).match(
        /"card":"([^"]+)"/,
      )?.[1];
    } finally {
      await first.close();
    }
    await appendFile(path, '{"op":"card","card":{"cardId":"torn'); // a crash mid-write

    const second = await TeamsDriver.start(createTodoBot({ logger: silentLogger }), {
      store: await FileStateStore.open(path),
    });
    try {
      const room = new TestChat(second).room("Team", { members: ["alice"] });
      await room
        .as("alice")
        .send("/show")
        .expectWork(TodoList, { value: { items: [{ description: "Milk" }] } });
      // The Add button of the list card sent before the restart still works.
      const pressed = await second.post(
        second.activity("message", second.user("alice"), second.room("Team"), {
          value: { [PRESS_KEY]: { card: cardId, button: "add-item" } },
        }),
      );
      expect(pressed.status).toBe("button");
      expect(pressed.replies.map((r) => r.workType)).toEqual(["todo-new-item"]);
    } finally {
      await second.close();
    }
  });

  it("an answer cut short before a restart is completed after it, the part that landed not repeated", async () => {
    const path = join(await mkdtemp(join(tmpdir(), "sprig-teams-")), "state.jsonl");
    const twoPartBot = () => {
      const bot = createBot({ logger: silentLogger });
      bot.command("two", () => [reply("first"), reply("second")]);
      return bot;
    };
    const connector = { sleep: async () => {}, attempts: 1 };
    const first = await TeamsDriver.start(twoPartBot(), {
      store: await FileStateStore.open(path),
      connector,
    });
    const alice = first.user("alice");
    const activity = first.activity("message", alice, alice, { text: "two" });
    try {
      first.connector.failAfter(1, { status: 502 });
      const cut = await first.post(activity);
      expect(cut.replies.map((r) => r.text)).toEqual(["first"]);
      expect(cut.httpStatus).toBe(500);
    } finally {
      await first.close();
    }
    const second = await TeamsDriver.start(twoPartBot(), {
      store: await FileStateStore.open(path),
      connector,
    });
    try {
      // Teams delivers the activity again (the bot answers through the connector it names now).
      const again = await second.post({ ...activity, serviceUrl: second.connector.url });
      expect(again.replies.map((r) => r.text)).toEqual(["second"]);
    } finally {
      await second.close();
    }
  });

  it("refuses a file that is not a sprig Teams state file", async () => {
    const path = join(await mkdtemp(join(tmpdir(), "sprig-teams-")), "state.jsonl");
    await writeFile(path, '{"something":"else"}\n');
    await expect(FileStateStore.open(path)).rejects.toThrow(/not a sprig Teams state file/);
  });
});
