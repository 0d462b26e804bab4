// Run-time form data (`edit(value, { data })`) comes back with a press (`FormAction.formData`, as the
// adapter read it from the form message) and the form sent back — after a table button or a failed
// validation — is built with it again: its dropdown still has something to choose from.
import {
  createBot,
  type DropdownField,
  edit,
  type FieldNode,
  type FormAction,
  type FormModel,
  silentLogger,
  view,
  walkFields,
  work,
} from "@sprig/core";
import { testChat } from "@sprig/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const Task = z.object({
  title: z.string().min(1),
  owner: z.string().meta({ dropdown: { source: "people", value: "id", label: "name" } }),
});
const Board = work("board", z.object({ tasks: z.array(Task).default([]) }));
const people = [
  { id: "u1", name: "Ann" },
  { id: "u2", name: "Bob" },
];

async function setup() {
  const bot = createBot({ logger: silentLogger });
  bot.command("board", () =>
    edit(Board.create({ tasks: [{ title: "one", owner: "u1" }] }), { data: { people } }),
  );
  bot.button(Board, "save", { text: "Save", showWhen: "edit" }, ({ form }) => view(form));
  const chat = testChat(bot);
  await chat.room("Home").as("ann").send("/board");
  const platform = chat.platform!;
  const shown = platform.transcript.at(-1)!;
  const press = (buttonId: string, values: Record<string, unknown>, extra: Partial<FormAction> = {}) =>
    platform.deliver({ ...platform.press(chat.user("ann"), shown.id, buttonId, values), ...extra });
  const lastForm = (): FormModel | undefined => platform.transcript.at(-1)?.form;
  return { press, lastForm, platform };
}

function ownerOptions(form: FormModel | undefined, path: string): string[] {
  const nodes: FieldNode[] = form ? [...walkFields(form.fields)] : [];
  const owner = nodes.find((n) => n.path === path) as DropdownField | undefined;
  return owner?.options.map((o) => o.value) ?? [];
}

describe("run-time form data on round trips", () => {
  it("a table row opened for editing keeps the dropdown's options", async () => {
    const { press, lastForm } = await setup();
    expect((await press("sprig-table:edit:tasks.0", {}, { formData: { people } })).status).toBe("button");
    expect(ownerOptions(lastForm(), "tasks.0.owner")).toEqual(["u1", "u2"]);
  });

  it("the edit form after a row is added keeps them too", async () => {
    const { press, lastForm } = await setup();
    await press("sprig-table:add:tasks", {}, { formData: { people } });
    expect(ownerOptions(lastForm(), "tasks.1.owner")).toEqual(["u1", "u2"]);
    await press(
      "sprig-table:done:tasks.1",
      { "tasks.1.title": "two", "tasks.1.owner": "u2" },
      {
        formData: { people },
      },
    );
    expect(ownerOptions(lastForm(), "tasks.1.owner")).toEqual(["u1", "u2"]);
  });

  it("the form sent back after a failed validation keeps them (and its own buttons)", async () => {
    const { press, lastForm, platform } = await setup();
    const outcome = await press("save", { "tasks.0.title": "" }, { formData: { people } });
    expect(outcome.status).toBe("invalid");
    expect(platform.transcript.at(-1)?.buttons.map((b) => b.text)).toEqual(["Save"]);
    expect(ownerOptions(lastForm(), "tasks.0.owner")).toEqual(["u1", "u2"]);
  });

  it("without formData (the old behaviour) the rebuilt form has nothing to choose from", async () => {
    const { press, lastForm } = await setup();
    await press("sprig-table:edit:tasks.0", {}, { formData: undefined });
    expect(ownerOptions(lastForm(), "tasks.0.owner")).toEqual([]);
  });
});
