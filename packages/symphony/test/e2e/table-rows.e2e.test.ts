/**
 * A table row added on the todo list's edit form, as a person's client shows it after the pod
 * expanded the bot's template: the new row's inputs hold the row schema's defaults (status
 * "open"), read from the message's data — not empty inputs.
 */
import { silentLogger } from "@sprig/core";
import { createTodoBot, TodoList } from "@sprig/todo-bot";
import type { ChildNode, Element, Text } from "domhandler";
import { parseDocument } from "htmlparser2";
import { afterEach, describe, expect, it } from "vitest";
import { type E2eChat, startE2eChat } from "./support/e2e-chat.ts";
import type { ReadBotMessage } from "./support/read-bot-message.ts";

let e2e: E2eChat | undefined;
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

function elementsOf(nodes: readonly ChildNode[]): Element[] {
  return nodes.flatMap((node) =>
    node.type === "tag" ? [node as Element, ...elementsOf((node as Element).children)] : [],
  );
}

function textOf(el: Element): string {
  return el.children
    .map((c) => (c.type === "text" ? (c as Text).data : c.type === "tag" ? textOf(c as Element) : ""))
    .join("");
}

/** The options of the select named `name`, `*` marking the selected one. */
function selectOptions(presentationML: string, name: string): string[] {
  const all = elementsOf(parseDocument(presentationML, { lowerCaseAttributeNames: false }).children);
  const select = all.find((el) => el.name === "select" && el.attribs.name === name);
  if (!select) return [];
  return elementsOf(select.children)
    .filter((el) => el.name === "option")
    .map((o) => `${o.attribs.value}${o.attribs.selected !== undefined ? "*" : ""}:${textOf(o)}`);
}

describe("table rows end to end", () => {
  it("a row added on the edit form shows the row schema's defaults", async () => {
    e2e = await startE2eChat(createTodoBot({ logger: silentLogger }));
    const room = e2e.chat.room("Team");
    await room.as("alice").send("/new");
    await room.send("/add").submit({ description: "one" });
    await room.send("/edit").press("sprig-table:add:items").expectWork(TodoList, { mode: "edit" });
    const shown = e2e.driver.transcript().at(-1) as ReadBotMessage;
    expect(selectOptions(shown.presentationML, "items.1.status")).toEqual(["open*:Open", "done:Done"]);
    expect(shown.presentationML).toContain('name="items.1.description"');
    // The stored list is unchanged until Done: the new row travels beside it.
    expect(shown.data.newRow).toMatchObject({ table: "items", index: 1, contents: { status: "open" } });
  });
});
