/**
 * The todo bot's scenarios, written once against the fluent test kit so that they run on any
 * driver: in memory (todo-bot.test.ts) and end to end on the emulator (@sprig/symphony's e2e tests,
 * through the `@sprig/todo-bot/scenarios` export).
 * Each takes a TestChat whose platform has people alice, bob, cy, the rooms of `todoRooms` (the bot
 * in each), and a room "Team" (alice, bob; alice its admin).
 */
import { ErrorCode, findField } from "@sprig/core";
import type { Conversation, TestChat } from "@sprig/testing";
import { expect } from "vitest";
import { NewItem, SendList, TodoList } from "../src/index.ts";

export interface Scenario {
  readonly name: string;
  readonly run: (chat: TestChat) => Promise<void>;
}

/** The rooms the scenarios use besides "Team"; an end-to-end pod makes them at start. */
export const todoRooms = [{ name: "Ops", members: ["alice", "cy"] }] as const;

const team = (chat: TestChat) => chat.room("Team", { members: ["alice", "bob"], admins: ["alice"] });

async function listWith(room: Conversation, ...descriptions: string[]): Promise<void> {
  await room
    .as("alice")
    .send("/new")
    .expectWork(TodoList, { mode: "view", value: { items: [] } });
  for (const description of descriptions) await room.send("/add").submit({ description });
}

export const todoScenarios: readonly Scenario[] = [
  {
    name: "/new and /nouveau start an empty list, shown with its Add button",
    run: async (chat) => {
      const room = team(chat);
      await room
        .as("alice")
        .send("/new")
        .expectStatus("command")
        .expectWork(TodoList, { mode: "view", value: { items: [] }, buttons: ["add-item"] });
      await room.send("/nouveau").expectWork(TodoList, { mode: "view", value: { items: [] } });
    },
  },
  {
    name: "/add opens the new-item form; submitting it appends the item to the list",
    run: async (chat) => {
      const room = team(chat);
      await room.as("alice").send("/new");
      await room
        .send("/add")
        .expectWork(NewItem, { mode: "edit", buttons: ["add", "cancel"] })
        .submit({ description: "Buy milk" })
        .expectStatus("button")
        .expectText('Added "Buy milk" as item 1.')
        .expectWork(TodoList, { value: { items: [{ description: "Buy milk", status: "open" }] } });
    },
  },
  {
    name: "the new-item form is assigned to whoever opened it, and the item keeps that assignee",
    run: async (chat) => {
      const room = team(chat);
      const bob = chat.user("bob");
      await room.as("alice").send("/new");
      await room
        .as("bob")
        .send("/add")
        .expectWork(NewItem, { value: { assignee: { id: bob.id } } })
        .submit({ description: "Fix the printer" })
        .expectWork(TodoList, {
          value: { items: [{ description: "Fix the printer", assignee: { id: bob.id } }] },
        });
    },
  },
  {
    name: "the new-item form's assignee picker takes another user",
    run: async (chat) => {
      const room = team(chat);
      const bob = chat.user("bob");
      await room.as("alice").send("/new");
      await room
        .send("/add")
        .submit({ description: "Review the draft", assignee: bob.id })
        .expectWork(TodoList, {
          value: { items: [{ description: "Review the draft", assignee: { id: bob.id } }] },
        });
    },
  },
  {
    // Symphony's person selector takes several people, but an item has one assignee: the person
    // picking two is answered — the form again, saying so on the field — and nothing is added.
    name: "Add with two assignees is answered: the form comes back asking for one person",
    run: async (chat) => {
      const room = team(chat);
      const [alice, bob] = [chat.user("alice"), chat.user("bob")];
      await room.as("alice").send("/new");
      await room
        .send("/add")
        .submit({ description: "Review the draft", assignee: [alice.id, bob.id] })
        .expectStatus("invalid")
        .expectFieldError("assignee", "Choose one person.")
        .expectWork(NewItem, { mode: "edit", value: { description: "Review the draft" } });
      await room.send("/show").expectWork(TodoList, { value: { items: [] } });
    },
  },
  {
    name: "the Add button on the list opens the same form",
    run: async (chat) => {
      const room = team(chat);
      await room.as("alice").send("/new");
      await room
        .press("add-item")
        .expectWork(NewItem, { mode: "edit" })
        .submit({ description: "Call Ann" }, "add")
        .expectWork(TodoList, { value: { items: [{ description: "Call Ann" }] } });
    },
  },
  {
    name: "/show shows the latest list and /edit opens it for editing",
    run: async (chat) => {
      const room = team(chat);
      await listWith(room, "one", "two");
      await room.send("/show").expectWork(TodoList, {
        mode: "view",
        value: { items: [{ description: "one" }, { description: "two" }] },
      });
      await room.send("/edit").expectWork(TodoList, { mode: "edit", buttons: ["save"] });
    },
  },
  {
    name: "on the edit form, Add row opens a new item with its defaults; Done appends it",
    run: async (chat) => {
      const room = team(chat);
      await listWith(room, "one");
      await room
        .send("/edit")
        .press("sprig-table:add:items")
        .expectWork(TodoList, { mode: "edit" })
        .check((replies) => {
          const status = replies.at(-1)?.form && findField(replies.at(-1)!.form!, "items.1.status");
          expect(status).toMatchObject({ kind: "choice", value: ["open"] });
        })
        .press("sprig-table:done:items.1", { "items.1.description": "two" })
        .expectWork(TodoList, {
          mode: "edit",
          value: { items: [{ description: "one" }, { description: "two", status: "open" }] },
        });
    },
  },
  {
    name: "/delete 2 3 removes those items",
    run: async (chat) => {
      const room = team(chat);
      await listWith(room, "one", "two", "three", "four");
      await room
        .send("/delete 2 3")
        .expectWork(TodoList, { value: { items: [{ description: "one" }, { description: "four" }] } });
    },
  },
  {
    name: "/delete of an item the list does not have is refused, as written, and changes nothing",
    run: async (chat) => {
      const room = team(chat);
      await listWith(room, "one");
      await room.send("/delete 7").expectError("The list has 1 item; there is no item 7.");
      await room.send("/show").expectWork(TodoList, { value: { items: [{ description: "one" }] } });
    },
  },
  {
    name: "/complete 1 marks item 1 done",
    run: async (chat) => {
      const room = team(chat);
      await listWith(room, "one", "two");
      await room.send("/complete 1").expectWork(TodoList, {
        value: {
          items: [
            { description: "one", status: "done" },
            { description: "two", status: "open" },
          ],
        },
      });
    },
  },
  {
    name: "/complete tells an assignee in their 1:1 when someone else finished their item",
    run: async (chat) => {
      const room = team(chat);
      const bob = chat.user("bob");
      await listWith(room, "one", "two");
      await room
        .send("/assign 2 @bob")
        .send("/complete 2")
        .check((replies) => {
          expect(replies.map((r) => [r.to.id, r.kind])).toEqual([
            [bob.id, "message"],
            [chat.chatRoom("Team").id, "work"],
          ]);
          expect(replies[0]!.text).toBe('alice completed "two" in Team.');
        });
      await room.send("/complete 1 @bob").expectWork(TodoList, {
        value: { items: [{ status: "done" }, { status: "done" }] },
      });
    },
  },
  {
    name: "welcomes people who join the room",
    run: async (chat) => {
      const room = team(chat);
      await room.member("joined", "cy").expectText("Welcome, cy! Send /help to see what I can do.");
      await room.member("left", "cy").expectNoReply();
    },
  },
  {
    name: "the bot being added to a room is not welcomed as a person",
    run: async (chat) => {
      const room = team(chat);
      await room.as("alice").member("left", "sprig").member("joined", "sprig").expectNoReply();
    },
  },
  {
    name: "/send opens a room picker; Send posts the list to the chosen room and says so",
    run: async (chat) => {
      const room = team(chat);
      const ops = chat.room("Ops", { members: ["alice", "cy"] });
      await listWith(room, "one");
      await room
        .send("/send")
        .expectWork(SendList, { mode: "edit", buttons: ["send"] })
        .submit({ to: chat.chatRoom("Ops").id }, "send")
        .expectText("Sent the list to Ops.")
        .check((replies) => {
          expect(replies.map((r) => [r.to.id, r.kind])).toEqual([
            [chat.chatRoom("Ops").id, "work"],
            [chat.chatRoom("Team").id, "message"],
          ]);
        });
      // The list is now Ops' list too.
      await ops
        .as("cy")
        .send("/show")
        .expectWork(TodoList, { value: { items: [{ description: "one" }] } });
    },
  },
  {
    name: "Send to a room the sender is not in is refused, and nothing is posted there",
    run: async (chat) => {
      const room = team(chat);
      chat.room("Ops", { members: ["alice", "cy"] });
      await room.as("alice").send("/new");
      await room
        .as("bob")
        .send("/send")
        .submit({ to: chat.chatRoom("Ops").id }, "send")
        .expectError("You can only send the list to a room you and I are both in.");
      await chat
        .room("Ops")
        .as("cy")
        .send("/show")
        .expectError(/There is no todo list here yet/);
    },
  },
  {
    name: "/assign 1 @bob assigns item 1 to bob",
    run: async (chat) => {
      const room = team(chat);
      const bob = chat.user("bob");
      await listWith(room, "one");
      await room
        .send("/assign 1 @bob")
        .expectText("Assigned 1 to bob.")
        .expectWork(TodoList, {
          value: { items: [{ description: "one", assignee: { id: bob.id, name: "bob" } }] },
        });
    },
  },
  {
    name: "an empty description is rejected with a field error; the same form comes back, its buttons and the person picked kept",
    run: async (chat) => {
      const room = team(chat);
      const bob = chat.user("bob");
      await room.as("alice").send("/new");
      await room
        .send("/add")
        .submit({ description: "   ", assignee: bob.id })
        .expectStatus("invalid")
        .expectFieldError("description", "Say what needs doing")
        .expectWork(NewItem, { mode: "edit", buttons: ["add", "cancel"] })
        .check((replies) => {
          const form = replies.find((r) => r.kind === "work");
          expect(form?.buttons.map((b) => b.text)).toEqual(["Add", "Cancel"]);
          expect((form?.value as { assignee?: { id: string } } | undefined)?.assignee?.id).toBe(bob.id);
        });
      // The form shown back works: fixed and sent, the item keeps the person picked.
      await room.submit({ description: "Fix the door", assignee: bob.id }).expectWork(TodoList, {
        value: { items: [{ description: "Fix the door", assignee: { id: bob.id } }] },
      });
    },
  },
  {
    name: "/help lists exactly the commands the user may run here",
    run: async (chat) => {
      const room = team(chat);
      const bobsHelp = [
        "/new",
        "/add",
        "/show",
        "/edit",
        "/delete <items…>",
        "/complete <items…> [by]",
        "/assign <items…> <to>",
        "/send",
        "/help",
      ];
      await room
        .as("bob")
        .send("/help")
        .check((replies) => {
          expect(replies).toHaveLength(1);
          const listed = [...replies[0]!.text.matchAll(/^\| (\/[^|]+?) \|/gm)].map((m) => m[1]);
          expect(listed).toEqual(bobsHelp);
          expect(replies[0]!.buttons.map((b) => b.text)).toEqual([
            "/new",
            "/add",
            "/show",
            "/edit",
            "/send",
            "/help",
          ]);
        });
      await room
        .as("alice")
        .send("/help")
        .check((replies) => {
          const listed = [...replies[0]!.text.matchAll(/^\| (\/[^|]+?) \|/gm)].map((m) => m[1]);
          expect(listed).toEqual([...bobsHelp.slice(0, -2), "/clear", "/send", "/help"]);
        });
    },
  },
  {
    name: "a help button runs its command",
    run: async (chat) => {
      await team(chat)
        .as("bob")
        .send("/help")
        .press("run:new")
        .expectWork(TodoList, { value: { items: [] } });
    },
  },
  {
    name: "a room message without / or a mention is ignored",
    run: async (chat) => {
      const room = team(chat);
      await room.as("alice").send("new list please").expectStatus("ignored").expectNoReply();
      await room.send("new").expectNoReply();
    },
  },
  {
    name: "a leading mention of the bot addresses it in a room",
    run: async (chat) => {
      await team(chat).as("alice").send("@sprig new").expectWork(TodoList);
    },
  },
  {
    name: "in a 1:1 conversation every message is for the bot",
    run: async (chat) => {
      await chat.im("bob").send("new").expectWork(TodoList);
    },
  },
  {
    name: "an admin-only command is refused for a non-admin, and runs for an admin",
    run: async (chat) => {
      const room = team(chat);
      await listWith(room, "one");
      await room
        .as("bob")
        .send("/clear")
        .expectStatus("refused")
        .expectError("You can't use /clear here: it is only for room admins.", { code: ErrorCode.Forbidden });
      await room.send("/show").expectWork(TodoList, { value: { items: [{ description: "one" }] } });
      await room
        .as("alice")
        .send("/clear")
        .expectWork(TodoList, { value: { items: [] } });
    },
  },
  {
    name: "an unknown command gets the fallback reply when the bot is mentioned, and silence when not (another bot may know it)",
    run: async (chat) => {
      const room = team(chat);
      await room.as("bob").send("/frobnicate").expectStatus("ignored").expectNoReply();
      await room.send("@sprig /frobnicate").expectStatus("fallback").expectText("Send /help");
      await chat.im("bob").send("/frobnicate").expectStatus("fallback").expectText("Send /help");
    },
  },
  {
    name: "commands on a conversation without a list say how to start one",
    run: async (chat) => {
      await team(chat)
        .as("bob")
        .send("/show")
        .expectError("There is no todo list here yet. Start one with /new.");
    },
  },
];
