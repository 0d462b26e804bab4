// A press must be of a control the form message showed: the adapter says what it showed
// (`FormAction.offered`), and core refuses anything else — a view form's "save", a table's
// "delete" under a view — with a coded error, no handler call and nothing sent but the error.
// A form the adapter could not read (`formUnavailable`) is answered once, and nothing else runs.
import { createBot, ErrorCode, edit, type FormAction, silentLogger, view, work } from "@sprig/core";
import { testChat } from "@sprig/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const Shopping = work(
  "shopping",
  z.object({ items: z.array(z.object({ name: z.string().min(1) })).default([]) }),
);

async function setup(mode: "view" | "edit") {
  const calls: string[] = [];
  const bot = createBot({ logger: silentLogger });
  const list = () => Shopping.create({ items: [{ name: "milk" }, { name: "eggs" }] });
  bot.command("list", () => (mode === "edit" ? edit(list()) : view(list())));
  bot.button(Shopping, "save", { text: "Save", showWhen: "edit" }, ({ form }) => {
    calls.push(`save ${form.items.map((i) => i.name).join(",")}`);
    return view(form);
  });
  bot.button(Shopping, "change", { text: "Change", showWhen: "view" }, ({ form }) => edit(form));
  const chat = testChat(bot);
  const room = chat.room("Home");
  await room.as("ann").send("/list");
  const platform = chat.platform!;
  const shown = platform.transcript.at(-1)!;
  const press = (buttonId: string, values: Record<string, unknown>, extra: Partial<FormAction>) =>
    platform.deliver({ ...platform.press(chat.user("ann"), shown.id, buttonId, values), ...extra });
  return { calls, platform, press };
}

const viewOffers = { buttons: ["change"], editable: false };
const editOffers = { buttons: ["save"], editable: true };

describe("only offered controls can be pressed", () => {
  it("a view form's forged 'save' is refused with a coded error and saves nothing", async () => {
    const { calls, platform, press } = await setup("view");
    const before = platform.transcript.length;
    const outcome = await press("save", { "items.0.name": "hacked" }, { offered: viewOffers });
    expect(outcome.status).toBe("refused");
    expect(calls).toEqual([]);
    const answers = platform.transcript.slice(before);
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ kind: "error", errorCode: ErrorCode.ButtonNotOffered });
    expect(answers[0]?.text).toContain('"save" is not on this form');
  });

  it("a table control pressed on a view form is refused: no row is deleted", async () => {
    const { platform, press } = await setup("view");
    const before = platform.transcript.length;
    const outcome = await press(
      "sprig-table:delete:items",
      { "sprig-select:items.0": "on" },
      { offered: viewOffers },
    );
    expect(outcome.status).toBe("refused");
    const answers = platform.transcript.slice(before);
    expect(answers.map((a) => a.kind)).toEqual(["error"]);
    expect(answers[0]?.errorCode).toBe(ErrorCode.ButtonNotOffered);
  });

  it("the offered button and table controls of an edit form still work", async () => {
    const { calls, press } = await setup("edit");
    const deleted = await press(
      "sprig-table:delete:items",
      { "sprig-select:items.0": "on" },
      { offered: editOffers },
    );
    expect(deleted.status).toBe("button");
    const saved = await press("save", { "items.0.name": "bread" }, { offered: editOffers });
    expect(saved.status).toBe("button");
    expect(calls).toEqual(["save bread,eggs"]);
  });

  it("an offered button of a view form pressed with field values (a view has no inputs) is refused", async () => {
    const { platform, press } = await setup("view");
    const before = platform.transcript.length;
    const outcome = await press("change", { "items.0.name": "hacked" }, { offered: viewOffers });
    expect(outcome.status).toBe("refused");
    const answers = platform.transcript.slice(before);
    expect(answers.map((a) => a.errorCode)).toEqual([ErrorCode.ButtonNotOffered]);
    expect(answers[0]?.text).toContain("no fields to fill in");
    expect((await press("change", {}, { offered: viewOffers })).status).toBe("button");
  });

  it("without `offered` (an adapter that cannot tell) nothing is checked", async () => {
    const { calls, press } = await setup("view");
    expect((await press("save", {}, { offered: undefined })).status).toBe("button");
    expect(calls).toEqual(["save milk,eggs"]);
  });

  it("an unavailable form is answered once with the adapter's reason, and nothing runs", async () => {
    const { calls, platform, press } = await setup("edit");
    const before = platform.transcript.length;
    const outcome = await press(
      "save",
      {},
      { offered: editOffers, formUnavailable: "its message was deleted" },
    );
    expect(outcome.status).toBe("refused");
    expect(calls).toEqual([]);
    const answers = platform.transcript.slice(before);
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ kind: "error", errorCode: ErrorCode.FormUnavailable });
    expect(answers[0]?.text).toContain("no longer available: its message was deleted");
  });
});
