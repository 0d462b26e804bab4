/**
 * MessageML injection, end to end: a todo item whose text is markup or a FreeMarker expression is
 * shown as that text — read back from the pod as a person's client gets it (PresentationML +
 * data), after the agent (the emulator) expanded the bot's template with its data.
 */
import { silentLogger } from "@sprig/core";
import { parsePresentationML, plainText } from "@sprig/messageml";
import { createTodoBot, TodoList } from "@sprig/todo-bot";
import { afterEach, describe, expect, it } from "vitest";
import { type E2eChat, startE2eChat } from "./support/e2e-chat.ts";
import { formsOf } from "./support/presentation-forms.ts";
import type { ReadBotMessage } from "./support/read-bot-message.ts";

const MARKUP = '<form id="x"><button name="y">z</button></form>';
const TEMPLATE = "${data}";

let e2e: E2eChat | undefined;
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

describe("MessageML injection end to end", () => {
  it.each([
    ["markup", MARKUP],
    ["a FreeMarker expression", TEMPLATE],
    ["both, and more", `${MARKUP} ${TEMPLATE} <#list 1..3 as i>\${i}</#list> &amp; <b>bold</b>`],
  ])("a todo item holding %s shows as that text", async (_kind, hostile) => {
    e2e = await startE2eChat(createTodoBot({ logger: silentLogger }));
    const team = e2e.chat.room("Team");
    await team.as("alice").send("/new");
    await team
      .send("/add")
      .submit({ description: hostile })
      .expectText(`Added "${hostile}" as item 1.`)
      .expectWork(TodoList, { value: { items: [{ description: hostile }] } });

    const sent = e2e.driver.transcript() as readonly ReadBotMessage[];
    const list = sent.at(-1)!;
    const added = sent.at(-2)!;
    expect(list.workType).toBe("todo-list");
    for (const message of [list, added]) {
      // Shown as text: the person's client reads exactly the hostile string…
      expect(plainText(parsePresentationML(message.presentationML, message.data))).toContain(hostile);
      // …and no markup came of it: no form "x", no button "y", no bold, no expansion.
      expect(formsOf(message.presentationML).map((f) => f.id)).not.toContain("x");
      expect(formsOf(message.presentationML).flatMap((f) => f.buttons.map((b) => b.name))).not.toContain("y");
      expect(message.presentationML).not.toMatch(/<button[^>]*name="y"|<b>bold<\/b>|<form id="x"/);
    }
    // The list's form is the bot's own, with its own button only.
    expect(formsOf(list.presentationML).map((f) => [f.id, f.buttons.map((b) => b.name)])).toEqual([
      ["todo-list", ["add-item"]],
    ]);
    // The work object travels as data, byte for byte.
    expect((list.data.form as { items: Array<{ description: string }> }).items[0]!.description).toBe(hostile);
  });
});
