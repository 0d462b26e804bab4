import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  applyTableAction,
  findField,
  parseTableButtonId,
  rowSelectName,
  type TableField,
  tableButtonId,
  work,
} from "../../src/index.ts";

const Item = z.object({ description: z.string().min(1), done: z.boolean().default(false) });
const List = work(
  "list",
  z.object({ title: z.string().default("Todo"), items: z.array(Item).max(3).default([]) }),
);
const list = List.create({
  items: [{ description: "Milk" }, { description: "Eggs" }, { description: "Bread" }].slice(0, 2),
});

function table(form: { fields: readonly unknown[] } & Parameters<typeof findField>[0]): TableField {
  const node = findField(form, "items");
  if (node?.kind !== "table") throw new Error("no table");
  return node;
}

describe("table button ids", () => {
  it("round-trip and carry only a path and an index", () => {
    expect(tableButtonId("add", "items")).toBe("sprig-table:add:items");
    expect(parseTableButtonId("sprig-table:edit:items.2")).toEqual({
      operation: "edit",
      table: "items",
      index: 2,
    });
    expect(parseTableButtonId("sprig-table:delete:details.items")).toEqual({
      operation: "delete",
      table: "details.items",
    });
    expect(rowSelectName("items", 1)).toBe("sprig-select:items.1");
  });

  it("anything else is not a table button (never evaluated)", () => {
    for (const id of [
      "add-item",
      "sprig-table:drop:items",
      "sprig-table:edit:items",
      "sprig-table:add:items;process.exit()",
      "sprig-table:add:T(java.lang.Runtime).getRuntime()",
      "sprig-table:add:",
      "sprig-table:edit:items.9999999",
    ])
      expect(parseTableButtonId(id)).toBeUndefined();
  });
});

describe("applyTableAction", () => {
  it("add opens a new row for editing, keeping what was typed elsewhere", async () => {
    const result = await applyTableAction(List, list, "sprig-table:add:items", { title: "Shopping" });
    if (result.kind !== "form") throw new Error(result.kind);
    expect(result.form.editingRow).toEqual({ table: "items", index: 2 });
    expect(findField(result.form, "title")).toMatchObject({ value: "Shopping" });
    const t = table(result.form);
    expect(t.rows).toHaveLength(3);
    expect(t.rows[2]?.editing).toBe(true);
    expect(t.buttons?.done).toBe("sprig-table:done:items.2");
  });

  it("the added row starts from the row schema's defaults, field by field, nested ones too", async () => {
    const Line = z.object({
      description: z.string().min(1),
      quantity: z.number().int().default(1),
      priority: z.enum(["low", "high"]).default("high"),
      done: z.boolean().default(false),
      note: z.string().optional(),
      secret: z.string().meta({ hidden: true }).default("s"),
      place: z.object({ city: z.string().default("York"), street: z.string() }),
    });
    const Order = work(
      "order",
      z.object({ lines: z.array(Line).default([]), tags: z.array(z.string().default("new")).default([]) }),
    );
    const order = Order.create({});
    const added = await applyTableAction(Order, order, "sprig-table:add:lines");
    if (added.kind !== "form") throw new Error(added.kind);
    const expected = { quantity: 1, priority: "high", done: false, secret: "s", place: { city: "York" } };
    expect(added.form.newRow).toEqual({ table: "lines", index: 0, value: expected });
    const cell = (path: string) => findField(added.form, path);
    expect(cell("lines.0.quantity")).toMatchObject({ value: 1 });
    expect(cell("lines.0.priority")).toMatchObject({ value: ["high"] });
    expect(cell("lines.0.description")).toMatchObject({ value: "" });
    expect(cell("lines.0.place.city")).toMatchObject({ value: "York" });
    // A table of values: the element's default, not an object.
    const tag = await applyTableAction(Order, order, "sprig-table:add:tags");
    if (tag.kind !== "form") throw new Error(tag.kind);
    expect(tag.form.newRow).toEqual({ table: "tags", index: 0, value: "new" });
    // A row that is valid from its defaults alone is the parsed row.
    const added2 = await applyTableAction(List, list, "sprig-table:add:items");
    if (added2.kind !== "form") throw new Error(added2.kind);
    expect(added2.form.newRow).toEqual({ table: "items", index: 2, value: { done: false } });
    // A default that throws (one needing a current action, say) is no default; the row still opens.
    const Picky = work(
      "picky",
      z.object({
        rows: z
          .array(
            z.object({
              who: z.string().default(() => {
                throw new Error("no action");
              }),
              n: z.number().default(2),
            }),
          )
          .default([]),
      }),
    );
    const picky = await applyTableAction(Picky, Picky.create({}), "sprig-table:add:rows");
    expect(picky.kind === "form" && picky.form.newRow?.value).toEqual({ n: 2 });
    // Editing an existing row adds nothing.
    const edited = await applyTableAction(List, list, "sprig-table:edit:items.0");
    expect(edited.kind === "form" && edited.form.newRow).toBeUndefined();
  });

  it("done commits the new row with the rest of the form", async () => {
    const result = await applyTableAction(List, list, "sprig-table:done:items.2", {
      title: "Shopping",
      "items.2.description": "Bread",
      "items.2.done": "on",
    });
    if (result.kind !== "value") throw new Error(result.kind);
    expect(result.value).toEqual({
      title: "Shopping",
      items: [
        { description: "Milk", done: false },
        { description: "Eggs", done: false },
        { description: "Bread", done: true },
      ],
    });
    expect(List.is(result.value)).toBe(true);
  });

  it("done with an invalid row sends the row back open, with its error", async () => {
    const result = await applyTableAction(List, list, "sprig-table:done:items.2", {
      "items.2.description": "",
    });
    if (result.kind !== "form") throw new Error(result.kind);
    expect(result.form.errors["items.2.description"]).toBe("This field is required");
    expect(result.form.editingRow).toEqual({ table: "items", index: 2 });
    expect(findField(result.form, "items.2.description")?.error).toBe("This field is required");
  });

  it("edit opens an existing row; done replaces it", async () => {
    const opened = await applyTableAction(List, list, tableButtonId("edit", "items", 1));
    if (opened.kind !== "form") throw new Error(opened.kind);
    expect(table(opened.form).rows[1]?.editing).toBe(true);
    const done = await applyTableAction(List, list, tableButtonId("done", "items", 1), {
      "items.1.description": "Duck eggs",
    });
    expect(done.kind === "value" && done.value.items.map((i) => i.description)).toEqual([
      "Milk",
      "Duck eggs",
    ]);
  });

  it("delete removes the ticked rows, however the checkboxes were named", async () => {
    const one = await applyTableAction(List, list, "sprig-table:delete:items", {
      "sprig-select:items.0": "on",
      "sprig-select:items.1": "false",
    });
    expect(one.kind === "value" && one.value.items.map((i) => i.description)).toEqual(["Eggs"]);
    const shared = await applyTableAction(List, list, "sprig-table:delete:items", {
      "sprig-select:items": ["0", "1", "7"],
    });
    expect(shared.kind === "value" && shared.value.items).toEqual([]);
    const none = await applyTableAction(List, list, "sprig-table:delete:items", {});
    expect(none.kind === "value" && none.value.items).toHaveLength(2);
  });

  it("cancel returns the object as it was", async () => {
    const result = await applyTableAction(List, list, "sprig-table:cancel:items", {
      "items.2.description": "x",
    });
    expect(result).toEqual({ kind: "value", value: list });
  });

  it("refuses unknown tables, missing rows, full tables and non-table buttons with codes", async () => {
    expect(await applyTableAction(List, list, "sprig-table:add:nope")).toMatchObject({
      kind: "refused",
      code: "TABLE_UNKNOWN",
    });
    expect(await applyTableAction(List, list, "sprig-table:add:title")).toMatchObject({
      code: "TABLE_UNKNOWN",
    });
    expect(await applyTableAction(List, list, "sprig-table:add:__proto__")).toMatchObject({
      code: "TABLE_UNKNOWN",
    });
    expect(await applyTableAction(List, list, "sprig-table:edit:items.5")).toMatchObject({
      code: "TABLE_NO_SUCH_ROW",
    });
    expect(await applyTableAction(List, list, "sprig-table:done:items.9")).toMatchObject({
      code: "TABLE_NO_SUCH_ROW",
    });
    const full = List.create({ items: [{ description: "a" }, { description: "b" }, { description: "c" }] });
    expect(await applyTableAction(List, full, "sprig-table:add:items")).toMatchObject({ code: "TABLE_FULL" });
    expect(await applyTableAction(List, list, "add-item")).toMatchObject({
      code: "TABLE_NOT_A_TABLE_BUTTON",
    });
  });

  it("works on a table inside a nested object, and on a table of plain strings", async () => {
    const Doc = work(
      "doc",
      z.object({
        details: z.object({ lines: z.array(z.object({ text: z.string() })).default([]) }),
        tags: z.array(z.string()).default([]),
      }),
    );
    const doc = Doc.create({ details: { lines: [{ text: "a" }] }, tags: ["x"] });
    const opened = await applyTableAction(Doc, doc, "sprig-table:add:details.lines");
    if (opened.kind !== "form") throw new Error(opened.kind);
    expect(findField(opened.form, "details.lines.1.text")).toMatchObject({ readOnly: false });
    const added = await applyTableAction(Doc, doc, "sprig-table:done:details.lines.1", {
      "details.lines.1.text": "b",
    });
    expect(added.kind === "value" && added.value.details.lines).toEqual([{ text: "a" }, { text: "b" }]);
    const tag = await applyTableAction(Doc, doc, "sprig-table:done:tags.1", { "tags.1": "y" });
    expect(tag.kind === "value" && tag.value.tags).toEqual(["x", "y"]);
    const deleted = await applyTableAction(Doc, doc, "sprig-table:delete:details.lines", {
      "sprig-select:details.lines.0": "on",
    });
    expect(deleted.kind === "value" && deleted.value.details.lines).toEqual([]);
  });

  it("hostile values in a table action are refused like any form submission", async () => {
    const result = await applyTableAction(
      List,
      list,
      "sprig-table:done:items.2",
      JSON.parse('{"items.2.__proto__.polluted":"1"}'),
    );
    expect(result.kind).toBe("form");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
