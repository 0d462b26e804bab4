/**
 * A dropdown whose options the handler gave at run time (`edit(value, { data })`) still has them
 * after table button presses (a row opened, a row sent back with an error): the data travels in the form message's data and
 * comes back with the press.
 */
import { createBot, edit, silentLogger, view, work } from "@sprig/core";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { type E2eChat, startE2eChat } from "./support/e2e-chat.ts";
import type { ReadBotMessage } from "./support/read-bot-message.ts";

let e2e: E2eChat | undefined;
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

const Board = work(
  "e2e-board",
  z.object({
    tasks: z
      .array(
        z.object({
          title: z.string().refine((t) => t !== "bad", "Not that title"),
          owner: z.string().meta({ dropdown: { source: "people", value: "id", label: "name" } }),
        }),
      )
      .default([]),
  }),
);
const people = [
  { id: "u1", name: "Ann" },
  { id: "u2", name: "Bob" },
];

function boardBot() {
  const bot = createBot({ logger: silentLogger });
  bot.command("board", () =>
    edit(Board.create({ tasks: [{ title: "one", owner: "u1" }] }), { data: { people } }),
  );
  bot.button(Board, "save", { text: "Save", showWhen: "edit" }, ({ form }) => view(form));
  return bot;
}

/** The option values of the select named `name` in the bot's latest message. */
function optionsShown(e2e: E2eChat, name: string): string[] {
  const shown = e2e.driver.transcript().at(-1) as ReadBotMessage;
  const select = shown.presentationML.match(
    new RegExp(`<select[^>]*name="${name.replace(".", "\\.")}"[^>]*>(.*?)</select>`, "s"),
  );
  return [...(select?.[1] ?? "").matchAll(/<option[^>]*value="([^"]*)"/g)].map((m) => m[1] ?? "");
}

describe("run-time form data end to end", () => {
  it("a table row opened for editing, and sent back with an error, keeps the dropdown options", async () => {
    e2e = await startE2eChat(boardBot());
    const room = e2e.chat.room("Team").as("alice");
    await room.send("/board").expectWork(Board, { mode: "edit" });
    expect(optionsShown(e2e, "tasks.0.owner")).toEqual([]); // rows show read-only until opened
    await room.press("sprig-table:edit:tasks.0").expectStatus("button");
    expect(optionsShown(e2e, "tasks.0.owner")).toEqual(["u1", "u2"]);
    await room
      .press("sprig-table:done:tasks.0", { "tasks.0.owner": "u2" })
      .expectWork(Board, { mode: "edit", value: { tasks: [{ title: "one", owner: "u2" }] } });
    await room.press("sprig-table:edit:tasks.0").expectStatus("button");
    // A failed validation on a row's Done: the row comes back with its options.
    await room
      .press("sprig-table:done:tasks.0", { "tasks.0.title": "bad" })
      .expectStatus("button")
      .check((replies) => expect(replies[0]?.errors).toMatchObject({ "tasks.0.title": "Not that title" }));
    expect(optionsShown(e2e, "tasks.0.owner")).toEqual(["u1", "u2"]);
  });
});
