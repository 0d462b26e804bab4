import { WorkRegistry, type WorkType, work } from "@sprig/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { recoverWorkFromMessage, SymphonyRenderer } from "../../src/index.ts";
import { agent, decode } from "./agent.ts";
import { Everything, everything, Todo, workResponse } from "./fixtures.ts";

const works = new WorkRegistry().register(Everything).register(Todo);
const renderer = new SymphonyRenderer({ works });
const type = Everything as WorkType<unknown>;

describe("a table row open for editing", () => {
  it("shows that row's cells as inputs named by dotted path, with Done and Cancel", () => {
    const value = everything();
    const form = Everything.form("edit", value, {}, { editRow: { table: "items", index: 1 } });
    const view = agent(renderer.render(workResponse(type, value, "edit", { form })));
    expect(view.named("items.1.description")?.attrs.value).toBe("Eggs");
    expect(view.named("items.1.done")?.attrs.checked).toBe("true");
    expect(view.named("items.0.description")).toBeUndefined();
    expect(view.presentationML).toContain("<td>Milk</td>");
    const names = view.buttons().map((b) => b.name);
    expect(names).toContain("sprig-table:done:items.1");
    expect(names).toContain("sprig-table:cancel:items");
    expect(names).toContain("sprig-table:edit:items.0");
    expect(names).not.toContain("sprig-table:edit:items.1");
  });

  it("a row being added (not stored yet) is drawn after the stored rows, empty", () => {
    const value = everything();
    const form = Everything.form("edit", value, {}, { editRow: { table: "items", index: 2 } });
    const view = agent(renderer.render(workResponse(type, value, "edit", { form })));
    expect(view.named("items.2.description")).toMatchObject({ tag: "input" });
    expect(view.named("items.2.description")?.attrs.value ?? "").toBe("");
    expect(view.buttons().map((b) => b.name)).toContain("sprig-table:done:items.2");
    expect(view.named("items.0.description")).toBeUndefined();
  });

  it("a row being added shows the row schema's defaults, read from data", () => {
    const Line = z.object({
      description: z.string().min(1),
      quantity: z.number().int().default(1),
      priority: z.enum(["low", "high"]).default("high"),
      urgent: z.boolean().default(true),
      due: z.date().default(new Date("2026-12-01T10:00:00Z")),
    });
    const Order = work("test.Order", z.object({ lines: z.array(Line).default([]) }));
    const orders = new SymphonyRenderer({ works: new WorkRegistry().register(Order) });
    const order = Order.create({ lines: [{ description: "Tea" }] });
    const form = Order.form("edit", order, {}, { editRow: { table: "lines", index: 1 } });
    const rendered = orders.render(workResponse(Order as WorkType<unknown>, order, "edit", { form }));
    const view = agent(rendered);
    expect(view.named("lines.1.description")?.attrs.value ?? "").toBe("");
    expect(view.named("lines.1.quantity")?.attrs.value).toBe("1");
    expect(view.named("lines.1.urgent")?.attrs.checked).toBe("true");
    expect(view.named("lines.1.due")?.attrs.value).toBe("2026-12-01T10:00:00.000Z");
    const start = view.elements.indexOf(view.named("lines.1.priority") as never);
    expect(view.elements.slice(start + 1, start + 3).map((e) => e.attrs.selected)).toEqual([
      undefined,
      "true",
    ]);
    // The values travel as data beside the stored object, which does not hold the new row.
    expect(rendered.data?.newRow).toMatchObject({ table: "lines", index: 1, contents: { quantity: 1 } });
    expect((rendered.data as { form: { lines: unknown[] } }).form.lines).toHaveLength(1);
    expect(rendered.message).not.toContain("2026-12-01");
    // The stored row is not disturbed by the new row's values.
    expect(view.presentationML).toContain("<td>Tea</td>");
  });

  it("an empty table still has Add", () => {
    const view = agent(renderer.render(workResponse(type, everything({ items: [] }), "edit")));
    expect(view.buttons().map((b) => b.name)).toContain("sprig-table:add:items");
    expect(view.named("sprig-select:items.0")).toBeUndefined();
  });
});

describe("per-field errors", () => {
  /** The red error text right above the input named `name` (no other input in between). */
  function errorsBefore(pml: string, name: string): string | undefined {
    const before = pml.slice(0, pml.indexOf(`name="${name}"`));
    const spans = [...before.matchAll(/<span class="tempo-text-color--red">([^<]*)<\/span>/g)];
    const last = spans[spans.length - 1];
    if (!last) return undefined;
    const between = before.slice((last.index ?? 0) + last[0].length);
    return between.includes(' name="') ? undefined : last[1];
  }

  it("are shown in red above the field they belong to, and the form error on top", () => {
    const errors = {
      title: "Say what the plan is",
      "address.city": "Unknown city",
      "": "Fix the fields below",
    };
    const view = agent(renderer.render(workResponse(type, everything(), "edit", { errors })));
    expect(errorsBefore(view.presentationML, "title")).toBe("Say what the plan is");
    expect(errorsBefore(view.presentationML, "address.city")).toBe("Unknown city");
    expect(errorsBefore(view.presentationML, "address.street")).toBeUndefined();
    expect(view.presentationML.indexOf("Fix the fields below")).toBeLessThan(
      view.presentationML.indexOf('name="title"'),
    );
  });

  it("of a table cell show above that cell", () => {
    const value = everything();
    const errors = { "items.1.description": "Too short" };
    const form = Everything.form("edit", value, errors, { editRow: { table: "items", index: 1 } });
    const view = agent(renderer.render(workResponse(type, value, "edit", { form, errors })));
    expect(errorsBefore(view.presentationML, "items.1.description")).toBe("Too short");
  });
});

describe("drafts", () => {
  it("are shown but not stored: no header tags, marked draft, not recoverable", () => {
    const blank = { description: "" };
    const rendered = renderer.render(
      workResponse(Todo as WorkType<unknown>, blank, "edit", {
        draft: true,
        errors: { description: "Required" },
      }),
    );
    const view = agent(rendered);
    expect(view.formId()).toBe("todo.Item");
    expect(view.presentationML).not.toContain("#todo-Item");
    expect(rendered.data?.header).toMatchObject({ tags: [], draft: true });
    expect(recoverWorkFromMessage(works, JSON.stringify(rendered.data))).toBeUndefined();
  });

  it("stored work carries its header tags as hashtags (history finds the message by them)", () => {
    const rendered = renderer.render(
      workResponse(Todo as WorkType<unknown>, Todo.create({ description: "x" }), "view", {
        tags: ["todo-Item", "shopping"],
      }),
    );
    const view = agent(rendered);
    const tags = Object.values(view.entityJSON)
      .filter((e) => (e as { type?: string }).type === "org.symphonyoss.taxonomy")
      .map((e) => (e as { id: { value: string }[] }).id[0]?.value);
    expect(tags).toEqual(["todo-Item", "shopping"]);
    expect(rendered.data?.form).toEqual({ type: "todo.Item", version: "1.0", description: "x", done: false });
  });
});

describe("a draft sent back after a failed validation", () => {
  it("renders whatever the user typed, even values of the wrong type", () => {
    const typed = {
      title: 42,
      notes: true,
      count: "twelve",
      urgent: "maybe",
      colour: 3,
      flavours: "sour",
      team: ["b"],
      due: 20261121,
      at: false,
      when: "soon",
      zone: { x: 1 },
      owner: "alice",
      watchers: "everyone",
      room: ["x"],
      address: "York",
      items: "none",
      price: "lots",
    };
    for (const mode of ["edit", "view"] as const) {
      const rendered = renderer.render(
        workResponse(type, typed, mode, { draft: true, errors: { count: "Expected a number" } }),
      );
      const view = agent(rendered);
      expect(view.formId()).toBe("test.Everything");
      if (mode === "edit") {
        expect(view.named("count")?.attrs.value).toBe("twelve");
        expect(view.named("title")?.attrs.value).toBe("42");
        expect(view.named("price")?.attrs.value).toBe("lots");
        expect(view.named("urgent")?.attrs.checked).toBeUndefined();
      } else expect(view.presentationML).toContain("twelve");
    }
  });
});

describe("the agent's limit of 50 checkboxes and radios per form", () => {
  it("a long table in edit mode still renders: rows past the limit have no select box, fields keep theirs", () => {
    const items = Array.from({ length: 70 }, (_, i) => ({ description: `item ${i}`, done: false }));
    const view = agent(renderer.render(workResponse(type, everything({ items }), "edit")));
    const boxes = view.elements.filter((e) => e.attrs.type === "checkbox" || e.attrs.type === "radio");
    expect(boxes.length).toBeLessThanOrEqual(50);
    expect(view.named("urgent")?.attrs.type).toBe("checkbox");
    expect(view.named("sprig-select:items.0")).toBeDefined();
    expect(view.buttons().map((b) => b.name)).toContain("sprig-table:edit:items.69");
  });

  it("says under the table how many rows can be selected, and why the rest cannot", () => {
    const items = Array.from({ length: 70 }, (_, i) => ({ description: `item ${i}`, done: false }));
    const view = agent(renderer.render(workResponse(type, everything({ items }), "edit")));
    const boxed = view.elements.filter((e) => e.attrs.name?.startsWith("sprig-select:items.")).length;
    expect(boxed).toBeGreaterThan(0);
    expect(view.named(`sprig-select:items.${boxed}`)).toBeUndefined();
    const note = `Only the first ${boxed} rows can be selected at once: a form holds at most 50 checkboxes.`;
    expect(decode(view.presentationML)).toContain(note);
    const table = view.presentationML.lastIndexOf("</table>");
    expect(view.presentationML.indexOf("Only the first")).toBeGreaterThan(table);
  });

  it("when the form's own checkboxes use up the limit, the note says rows cannot be selected here", () => {
    const flags = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`flag${i}`, z.boolean().default(false)]),
    );
    const Crowded = work("test.Crowded", z.object({ ...flags, items: z.array(z.string()).default([]) }));
    const crowded = new SymphonyRenderer({ works: new WorkRegistry().register(Crowded) });
    const value = Crowded.create({ items: ["a", "b"] });
    const view = agent(crowded.render(workResponse(Crowded as WorkType<unknown>, value, "edit")));
    expect(view.named("sprig-select:items.0")).toBeUndefined();
    expect(decode(view.presentationML)).toContain(
      "Rows cannot be selected here: a form holds at most 50 checkboxes, and the rest of this form uses them.",
    );
  });

  it("a table whose rows all have a select box carries no such note", () => {
    const view = agent(renderer.render(workResponse(type, everything(), "edit")));
    expect(view.named("sprig-select:items.0")).toBeDefined();
    expect(view.presentationML).not.toContain("can be selected");
  });
});
