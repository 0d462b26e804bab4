// The in-memory platform says, on every press, what the pressed message offered and the run-time
// data its form was built with — as the Symphony adapter reads them back from its own message — so
// a press that a pod's bot would refuse is refused in `testChat` too, and form data survives table
// buttons in memory as it does on Symphony.
import {
  createBot,
  type DropdownField,
  ErrorCode,
  edit,
  type FormModel,
  silentLogger,
  view,
  walkFields,
  work,
} from "@sprig/core";
import { testChat } from "@sprig/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const Shopping = work(
  "shopping",
  z.object({ items: z.array(z.object({ name: z.string().min(1) })).default([]) }),
);

function setup(mode: "view" | "edit") {
  const calls: string[] = [];
  const bot = createBot({ logger: silentLogger });
  const list = () => Shopping.create({ items: [{ name: "milk" }, { name: "eggs" }] });
  bot.command("list", () => (mode === "edit" ? edit(list()) : view(list())));
  bot.button(Shopping, "save", { text: "Save", showWhen: "edit" }, ({ form }) => {
    calls.push(`save ${form.items.map((i) => i.name).join(",")}`);
    return view(form);
  });
  bot.button(Shopping, "change", { text: "Change", showWhen: "view" }, ({ form }) => {
    calls.push("change");
    return edit(form);
  });
  const chat = testChat(bot);
  return { calls, chat, platform: chat.platform!, room: chat.room("Home").as("ann") };
}

async function storedLists(
  platform: ReturnType<typeof setup>["platform"],
  chat: ReturnType<typeof setup>["chat"],
) {
  const page = await platform.history.find({
    where: chat.room("Home").where,
    typeName: "shopping",
    limit: 100,
  });
  return page.items.length;
}

describe("a press in memory carries what its message offered", () => {
  it("the press says the message's buttons, and whether it was an edit form", async () => {
    const { chat, platform, room } = setup("view");
    await room.send("/list");
    const viewMessage = platform.transcript.at(-1)!;
    expect(platform.press(chat.user("ann"), viewMessage.id, "change").offered).toEqual({
      buttons: ["change"],
      editable: false,
    });
    await room.press("change");
    const editMessage = platform.transcript.at(-1)!;
    expect(platform.press(chat.user("ann"), editMessage.id, "save").offered).toEqual({
      buttons: ["save"],
      editable: true,
    });
  });

  it("a press of an offered button works", async () => {
    const { calls, room } = setup("edit");
    await room
      .send("/list")
      .press("save", { "items.0.name": "bread" })
      .expectStatus("button")
      .expectWork(Shopping, { mode: "view", value: { items: [{ name: "bread" }, { name: "eggs" }] } });
    expect(calls).toEqual(["save bread,eggs"]);
  });

  it("a forged 'save' on a view is refused as not offered, and changes nothing", async () => {
    const { calls, chat, platform, room } = setup("view");
    await room.send("/list");
    const sentBefore = platform.transcript.length;
    const storedBefore = await storedLists(platform, chat);
    await room
      .forgePress("save", { values: { "items.0.name": "poison" } })
      .expectStatus("refused")
      .expectError(/"save" is not on this form/, { code: ErrorCode.ButtonNotOffered });
    expect(calls).toEqual([]);
    expect(platform.transcript.length).toBe(sentBefore + 1);
    expect(await storedLists(platform, chat)).toBe(storedBefore);
    expect(platform.transcript.at(-2)?.value).toEqual({ items: [{ name: "milk" }, { name: "eggs" }] });
  });

  it("values pressed with an offered button of a view are refused", async () => {
    const { calls, room } = setup("view");
    await room
      .send("/list")
      .forgePress("change", { values: { "items.0.name": "poison" } })
      .expectError(/no fields to fill in/, { code: ErrorCode.ButtonNotOffered });
    expect(calls).toEqual([]);
  });

  it("table controls on a view are refused; on the edit form they work", async () => {
    const { chat, platform, room } = setup("view");
    await room.send("/list");
    const storedBefore = await storedLists(platform, chat);
    for (const control of ["sprig-table:delete:items", "sprig-table:edit:items.0", "sprig-table:add:items"]) {
      await room
        .forgePress(control, { values: { "sprig-select:items.0": "on" } })
        .expectStatus("refused")
        .expectError(/not on this form/, { code: ErrorCode.ButtonNotOffered });
    }
    expect(await storedLists(platform, chat)).toBe(storedBefore);
    await room
      .press("change")
      .press("sprig-table:delete:items", { "sprig-select:items.0": "on" })
      .expectWork(Shopping, { mode: "edit", value: { items: [{ name: "eggs" }] } });
  });

  it("a help page's buttons are offered; others are not", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("hello", () => "hi");
    const room = testChat(bot).room("R").as("ann");
    await room.send("/help").press("run:hello").expectText("hi");
    await room
      .send("/help")
      .forgePress("run:secret")
      .expectError(/not on this form/, { code: ErrorCode.ButtonNotOffered });
  });

  it("`offeredUnknown` presses as on a message that does not say, so the button itself is checked", async () => {
    const { room } = setup("view");
    await room
      .send("/list")
      .forgePress("self-destruct", { offeredUnknown: true })
      .expectError(/has no button "self-destruct"/, { code: ErrorCode.UnknownButton });
  });
});

const Task = z.object({
  title: z.string().min(1),
  owner: z.string().meta({ dropdown: { source: "people", value: "id", label: "name" } }),
});
const Board = work("board", z.object({ tasks: z.array(Task).default([]) }));
const people = [
  { id: "u1", name: "Ann" },
  { id: "u2", name: "Bob" },
];

function ownerOptions(form: FormModel | undefined, path: string): string[] {
  const nodes = form ? [...walkFields(form.fields)] : [];
  const owner = nodes.find((n) => n.path === path) as DropdownField | undefined;
  return owner?.options.map((o) => o.value) ?? [];
}

describe("run-time form data in memory", () => {
  it("survives table-button round trips, as the message's data carries it on Symphony", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("board", () =>
      edit(Board.create({ tasks: [{ title: "one", owner: "u1" }] }), { data: { people } }),
    );
    bot.button(Board, "save", { text: "Save", showWhen: "edit" }, ({ form }) => view(form));
    const chat = testChat(bot);
    const platform = chat.platform!;
    const room = chat.room("Home").as("ann");
    await room.send("/board").press("sprig-table:edit:tasks.0").expectStatus("button");
    expect(ownerOptions(platform.transcript.at(-1)?.form, "tasks.0.owner")).toEqual(["u1", "u2"]);
    // The form sent back carries the data again, so the next table button still has it.
    await room
      .press("sprig-table:done:tasks.0", { "tasks.0.title": "one", "tasks.0.owner": "u2" })
      .expectWork(Board, { mode: "edit", value: { tasks: [{ title: "one", owner: "u2" }] } });
    expect(ownerOptions(platform.transcript.at(-1)?.form, "tasks.0.owner")).toEqual(["u1", "u2"]);
    const last = platform.transcript.at(-1)!;
    expect(platform.press(chat.user("ann"), last.id, "save").formData).toEqual({ people });
  });

  it("is carried as a message's JSON data holds it: what JSON cannot hold does not come back", async () => {
    const bot = createBot({ logger: silentLogger });
    const when = new Date(Date.UTC(2026, 0, 2));
    bot.command("board", () => edit(Board.create({ tasks: [] }), { data: { people, when, drop: () => 1 } }));
    const chat = testChat(bot);
    await chat.room("Home").as("ann").send("/board");
    const platform = chat.platform!;
    const press = platform.press(chat.user("ann"), platform.transcript.at(-1)!.id, "sprig-table:add:tasks");
    expect(press.formData).toEqual({ people, when: when.toISOString() });
  });
});
