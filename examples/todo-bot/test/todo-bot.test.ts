import { ErrorCode, silentLogger } from "@sprig/core";
import { testChat } from "@sprig/testing";
import { describe, expect, it } from "vitest";
import { createTodoBot, NewItem, TodoList } from "../src/index.ts";

function setup() {
  const chat = testChat(createTodoBot({ logger: silentLogger, newId: () => "ref-1" }));
  const team = chat.room("Team", { members: ["alice", "bob"], admins: ["alice"] });
  return { chat, team };
}

/** A list with the given descriptions, made through the bot's own commands. */
async function listWith(team: ReturnType<typeof setup>["team"], ...descriptions: string[]) {
  await team
    .as("alice")
    .send("/new")
    .expectWork(TodoList, { mode: "view", value: { items: [] } });
  for (const description of descriptions) {
    await team.send("/add").submit({ description });
  }
}

describe("todo bot", () => {
  it("/new and /nouveau start an empty list, shown with its Add button", async () => {
    const { team } = setup();
    await team
      .as("alice")
      .send("/new")
      .expectStatus("command")
      .expectWork(TodoList, { mode: "view", value: { items: [] }, buttons: ["add-item"] });
    await team.send("/nouveau").expectWork(TodoList, { mode: "view", value: { items: [] } });
  });

  it("/add opens the new-item form; submitting it appends the item to the list", async () => {
    const { team } = setup();
    await team.as("alice").send("/new");
    await team
      .send("/add")
      .expectWork(NewItem, { mode: "edit", buttons: ["add", "cancel"] })
      .submit({ description: "Buy milk" })
      .expectStatus("button")
      .expectText('Added "Buy milk" as item 1.')
      .expectWork(TodoList, { value: { items: [{ description: "Buy milk", status: "open" }] } });
  });

  it("the new-item form is assigned to whoever opened it, and the item keeps that assignee", async () => {
    const { chat, team } = setup();
    const bob = chat.user("bob");
    await team.as("alice").send("/new");
    await team
      .as("bob")
      .send("/add")
      .expectWork(NewItem, { value: { assignee: { id: bob.id } } })
      .submit({ description: "Fix the printer" })
      .expectWork(TodoList, {
        value: { items: [{ description: "Fix the printer", assignee: { id: bob.id } }] },
      });
  });

  it("the Add button on the list opens the same form", async () => {
    const { team } = setup();
    await team.as("alice").send("/new");
    await team
      .press("add-item")
      .expectWork(NewItem, { mode: "edit" })
      .submit({ description: "Call Ann" }, "add")
      .expectWork(TodoList, { value: { items: [{ description: "Call Ann" }] } });
  });

  it("/show shows the latest list and /edit opens it for editing", async () => {
    const { team } = setup();
    await listWith(team, "one", "two");
    await team.send("/show").expectWork(TodoList, {
      mode: "view",
      value: { items: [{ description: "one" }, { description: "two" }] },
    });
    await team.send("/edit").expectWork(TodoList, { mode: "edit", buttons: ["save"] });
  });

  it("/delete 2 3 removes those items", async () => {
    const { team } = setup();
    await listWith(team, "one", "two", "three", "four");
    await team
      .send("/delete 2 3")
      .expectWork(TodoList, { value: { items: [{ description: "one" }, { description: "four" }] } });
  });

  it("/delete of an item the list does not have is refused, as written, and changes nothing", async () => {
    const { team } = setup();
    await listWith(team, "one");
    await team.send("/delete 7").expectError("The list has 1 item; there is no item 7.");
    await team.send("/show").expectWork(TodoList, { value: { items: [{ description: "one" }] } });
  });

  it("/complete 1 marks item 1 done", async () => {
    const { team } = setup();
    await listWith(team, "one", "two");
    await team.send("/complete 1").expectWork(TodoList, {
      value: {
        items: [
          { description: "one", status: "done" },
          { description: "two", status: "open" },
        ],
      },
    });
  });

  it("/assign 1 @bob assigns item 1 to bob", async () => {
    const { chat, team } = setup();
    const bob = chat.user("bob");
    await listWith(team, "one");
    await team
      .send("/assign 1 @bob")
      .expectText("Assigned 1 to bob.")
      .expectWork(TodoList, {
        value: { items: [{ description: "one", assignee: { id: bob.id, name: "bob" } }] },
      });
  });

  it("an empty description is rejected with a field error; the form comes back with a Retry button", async () => {
    const { team } = setup();
    await team.as("alice").send("/new");
    await team
      .send("/add")
      .submit({ description: "   " })
      .expectStatus("invalid")
      .expectFieldError("description", "Say what needs doing")
      .expectWork(NewItem, { mode: "edit", buttons: ["add"] })
      .check((replies) =>
        expect(replies.find((r) => r.kind === "work")?.buttons).toEqual([{ id: "add", text: "Retry" }]),
      );
    await team.send("/show").expectWork(TodoList, { value: { items: [] } });
  });

  it("/help lists exactly the commands the user may run here", async () => {
    const { team } = setup();
    const bobsHelp = [
      "/new",
      "/add",
      "/show",
      "/edit",
      "/delete {items:number...}",
      "/complete {items:number...}",
      "/assign {items:number...} {to:mention}",
      "/help",
    ];
    await team
      .as("bob")
      .send("/help")
      .check((replies) => {
        expect(replies).toHaveLength(1);
        const listed = [...replies[0]!.text.matchAll(/^\| (\/[^|]+?) \|/gm)].map((m) => m[1]);
        expect(listed).toEqual(bobsHelp);
        expect(replies[0]!.buttons.map((b) => b.text)).toEqual(["/new", "/add", "/show", "/edit", "/help"]);
      });
    await team
      .as("alice")
      .send("/help")
      .check((replies) => {
        const listed = [...replies[0]!.text.matchAll(/^\| (\/[^|]+?) \|/gm)].map((m) => m[1]);
        expect(listed).toEqual([...bobsHelp.slice(0, -1), "/clear", "/help"]);
      });
  });

  it("a help button runs its command", async () => {
    const { team } = setup();
    await team
      .as("bob")
      .send("/help")
      .press("run:new")
      .expectWork(TodoList, { value: { items: [] } });
  });

  it("a room message without / or a mention is ignored", async () => {
    const { team } = setup();
    await team.as("alice").send("new list please").expectStatus("ignored").expectNoReply();
    await team.send("new").expectNoReply();
  });

  it("a leading mention of the bot addresses it in a room", async () => {
    const { team } = setup();
    await team.as("alice").send("@sprig new").expectWork(TodoList);
  });

  it("in a 1:1 conversation every message is for the bot", async () => {
    const { chat } = setup();
    await chat.im("bob").send("new").expectWork(TodoList);
  });

  it("an admin-only command is refused for a non-admin, and runs for an admin", async () => {
    const { team } = setup();
    await listWith(team, "one");
    await team
      .as("bob")
      .send("/clear")
      .expectStatus("refused")
      .expectError("You can't use /clear here: it is only for room admins.", { code: ErrorCode.Forbidden });
    await team.send("/show").expectWork(TodoList, { value: { items: [{ description: "one" }] } });
    await team
      .as("alice")
      .send("/clear")
      .expectWork(TodoList, { value: { items: [] } });
  });

  it("an unknown command gets the fallback reply", async () => {
    const { team } = setup();
    await team.as("bob").send("/frobnicate").expectStatus("fallback").expectText("Send /help");
  });

  it("commands on a conversation without a list say how to start one", async () => {
    const { team } = setup();
    await team.as("bob").send("/show").expectError("There is no todo list here yet. Start one with /new.");
  });
});
