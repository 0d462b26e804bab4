import { createBot, ErrorCode, edit, silentLogger, view, work } from "@sprig/core";
import { testChat } from "@sprig/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const Shopping = work(
  "shopping",
  z.object({ items: z.array(z.object({ name: z.string().min(1) })).default([]) }),
);

function setup() {
  const bot = createBot({ logger: silentLogger });
  bot.command("list", () => edit(Shopping.create({ items: [{ name: "milk" }, { name: "eggs" }] })));
  bot.button(Shopping, "save", { text: "Save", showWhen: "edit" }, ({ form }) => view(form));
  return testChat(bot).room("Home").as("ann");
}

describe("table buttons on edit forms", () => {
  it("add a row, fill it in, and save", async () => {
    const home = setup();
    await home
      .send("/list")
      .press("sprig-table:add:items")
      .check((replies) => expect(replies[0]?.form?.editingRow).toEqual({ table: "items", index: 2 }))
      .press("sprig-table:done:items.2", { "items.2.name": "bread" })
      .expectWork(Shopping, {
        mode: "edit",
        value: { items: [{ name: "milk" }, { name: "eggs" }, { name: "bread" }] },
      })
      .press("save")
      .expectWork(Shopping, {
        mode: "view",
        value: { items: [{ name: "milk" }, { name: "eggs" }, { name: "bread" }] },
      });
  });

  it("delete the selected rows", async () => {
    const home = setup();
    await home
      .send("/list")
      .press("sprig-table:delete:items", { "sprig-select:items.0": "on" })
      .expectWork(Shopping, { mode: "edit", value: { items: [{ name: "eggs" }] } });
  });

  it("a row that does not exist is refused clearly", async () => {
    const home = setup();
    await home
      .send("/list")
      .forgePress("sprig-table:edit:items.9")
      .expectStatus("refused")
      .expectError('"items" has no row 9', { code: ErrorCode.TableAction });
  });

  it("a read-only or hidden table has no controls on the form: a forged press changes nothing", async () => {
    const Ledger = work(
      "ledger",
      z.object({
        note: z.string().default(""),
        entries: z
          .array(z.object({ amount: z.number() }))
          .meta({ readOnly: true })
          .default([]),
        audit: z
          .array(z.object({ who: z.string() }))
          .meta({ hidden: true })
          .default([]),
      }),
    );
    const bot = createBot({ logger: silentLogger });
    bot.command("ledger", () =>
      edit(Ledger.create({ entries: [{ amount: 1 }, { amount: 2 }], audit: [{ who: "ann" }] })),
    );
    const home = testChat(bot).room("Home").as("ann");
    for (const press of [
      "sprig-table:delete:entries",
      "sprig-table:add:entries",
      "sprig-table:delete:audit",
    ]) {
      await home
        .send("/ledger")
        .forgePress(press, { values: { "sprig-select:entries.0": "on", "sprig-select:audit.0": "on" } })
        .expectStatus("refused")
        .expectError("cannot be changed on this form", { code: ErrorCode.TableAction });
    }
  });
});
