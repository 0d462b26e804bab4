import { WorkRegistry, type WorkType, work } from "@sprig/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { SymphonyRenderer } from "../../src/index.ts";
import { agent } from "./agent.ts";
import { workResponse } from "./fixtures.ts";

const Order = work(
  "shop.Order",
  z.object({
    notes: z.array(z.string()),
    lines: z.array(z.object({ sku: z.string(), qty: z.number(), where: z.object({ shelf: z.string() }) })),
    customer: z.object({ name: z.string(), phones: z.array(z.object({ number: z.string() })) }),
  }),
);
const works = new WorkRegistry().register(Order);
const renderer = new SymphonyRenderer({ works });
const type = Order as WorkType<unknown>;
const order = Order.create({
  notes: ["fragile", "<b>ring</b>"],
  lines: [
    { sku: "A1", qty: 2, where: { shelf: "top" } },
    { sku: "B2", qty: 1, where: { shelf: "low" } },
  ],
  customer: { name: "Ann", phones: [{ number: "123" }, { number: "456" }] },
});

describe("nested structures", () => {
  it("view mode shows tables of values, objects in rows and tables inside objects", () => {
    const view = agent(renderer.render(workResponse(type, order, "view")));
    for (const s of ["fragile", "&lt;b&gt;ring&lt;/b&gt;", "A1", "top", "low", "Ann", "123", "456"])
      expect(view.presentationML).toContain(s);
  });

  it("edit mode: a row open for editing names its nested inputs by full dotted path", () => {
    const form = Order.form("edit", order, {}, { editRow: { table: "lines", index: 1 } });
    const view = agent(renderer.render(workResponse(type, order, "edit", { form })));
    expect(view.named("lines.1.sku")?.attrs.value).toBe("B2");
    expect(view.named("lines.1.qty")?.attrs.value).toBe("1");
    expect(view.named("lines.1.where.shelf")?.attrs.value).toBe("low");
    expect(view.named("customer.name")?.attrs.value).toBe("Ann");
    const names = view.buttons().map((b) => b.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "sprig-table:edit:notes.1",
        "sprig-table:done:lines.1",
        "sprig-table:edit:customer.phones.1",
        "sprig-table:add:customer.phones",
      ]),
    );
    expect(view.named("sprig-select:customer.phones.0")).toBeDefined();
  });

  it("a row of a table of values opens as one input named by the row's path", () => {
    const form = Order.form("edit", order, {}, { editRow: { table: "notes", index: 1 } });
    const view = agent(renderer.render(workResponse(type, order, "edit", { form })));
    expect(view.named("notes.1")?.attrs.value).toBe("<b>ring</b>");
  });

  it("a row of a table inside an object opens for editing", () => {
    const form = Order.form("edit", order, {}, { editRow: { table: "customer.phones", index: 0 } });
    const view = agent(renderer.render(workResponse(type, order, "edit", { form })));
    expect(view.named("customer.phones.0.number")?.attrs.value).toBe("123");
    expect(view.named("customer.phones.1.number")).toBeUndefined();
  });
});
