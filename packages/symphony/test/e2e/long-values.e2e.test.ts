/**
 * A todo item whose description is longer than a text-field holds (128): its edit form opens (a
 * textarea, as the agent refuses a text-field holding more), and the edit is saved.
 */
import { silentLogger } from "@sprig/core";
import { createTodoBot, TodoList } from "@sprig/todo-bot";
import { afterEach, describe, expect, it } from "vitest";
import { type E2eChat, startE2eChat } from "./support/e2e-chat.ts";
import type { ReadBotMessage } from "./support/read-bot-message.ts";

let e2e: E2eChat | undefined;
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

const long = `${"x".repeat(199)}!`;
const edited = `${"y".repeat(199)}?`;

describe("long text values end to end", () => {
  it("a 200-character description is edited in the table's row form and saved", async () => {
    const bot = createTodoBot({ logger: silentLogger });
    // A person cannot type 200 characters into the new-item form's text-field; a handler can store them.
    bot.command("seed-long", () => TodoList.create({ items: [{ description: long, status: "open" }] }));
    e2e = await startE2eChat(bot);
    const room = e2e.chat.room("Team").as("alice");
    await room.send("/seed-long").expectWork(TodoList, { mode: "view" });
    await room
      .send("/edit")
      .expectWork(TodoList, { mode: "edit" })
      .press("sprig-table:edit:items.0")
      .expectStatus("button")
      .check((replies) => {
        expect(replies.map((r) => r.kind)).toEqual(["work"]);
        const form = replies[0] as ReadBotMessage;
        expect(form.presentationML).toMatch(
          /<textarea[^>]*name="items\.0\.description"[^>]*>x{199}!<\/textarea>/,
        );
      })
      .press("sprig-table:done:items.0", { "items.0.description": edited })
      .expectWork(TodoList, { mode: "edit", value: { items: [{ description: edited, status: "open" }] } })
      .press("save")
      .expectWork(TodoList, { mode: "view", value: { items: [{ description: edited, status: "open" }] } });
  });
});
