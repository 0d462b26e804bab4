import { timezone, WorkRegistry, type WorkType, work } from "@sprig/core";
import { parsePresentationML, plainText } from "@sprig/messageml";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { SymphonyRenderer } from "../../src/index.ts";
import { agent } from "./agent.ts";
import { Everything, everything, workResponse } from "./fixtures.ts";

const works = new WorkRegistry().register(Everything);
const renderer = new SymphonyRenderer({ works });
const type = Everything as WorkType<unknown>;

describe("every field kind, edit mode, through the agent", () => {
  const view = agent(renderer.render(workResponse(type, everything(), "edit")));
  const value = (name: string) => view.named(name)?.attrs.value;

  it("is a form with the work type's name as its id and the response's buttons", () => {
    expect(view.formId()).toBe("test.Everything");
    expect(view.buttons()).toContainEqual({ name: "save", text: "Save" });
  });

  it("text, textarea, number and date-time are text inputs named by their path", () => {
    expect(view.named("title")).toMatchObject({
      tag: "input",
      attrs: { type: "text", value: "Plan", required: "true" },
    });
    expect(view.named("notes")).toMatchObject({ tag: "textarea", text: "line one" });
    expect(value("count")).toBe("1234");
    expect(value("when")).toBe("2026-11-21T09:05:00.000Z");
  });

  it("boolean is a checkbox, checked when true", () => {
    expect(view.named("urgent")?.attrs).toMatchObject({ type: "checkbox", value: "true", checked: "true" });
    const off = agent(renderer.render(workResponse(type, everything({ urgent: false }), "edit")));
    expect(off.named("urgent")?.attrs.checked).toBeUndefined();
  });

  it("choice is a select with the schema's options; multiple choice a multiple select", () => {
    const selected = (name: string) => {
      const start = view.elements.indexOf(view.named(name) as never);
      const options = [];
      for (const e of view.elements.slice(start + 1)) {
        if (e.tag !== "option") break;
        options.push(`${e.attrs.value}${e.attrs.selected ? "*" : ""}:${e.text}`);
      }
      return options;
    };
    expect(selected("colour")).toEqual(["red:Red", "green*:Green"]);
    expect(view.named("flavours")?.attrs.multiple).toBe("true");
    expect(selected("flavours")).toEqual(["sweet:Sweet", "sour*:Sour"]);
    expect(selected("team")).toEqual(["a:Team <A>", "b*:Team B"]);
  });

  it("date, time and timezone use the Elements pickers", () => {
    expect(view.named("due")).toMatchObject({ attrs: { type: "date", value: "2026-11-21" } });
    expect(view.named("at")).toMatchObject({ attrs: { type: "time", value: "09:05:00" } });
    expect(view.named("zone")?.attrs).toMatchObject({
      class: "timezone-picker",
      "data-value": "Europe/London",
    });
  });

  it("an empty time zone stays empty (not the reader's zone)", () => {
    const Zoned = work("zoned", z.object({ zone: timezone().optional() }));
    const zoned = new SymphonyRenderer({ works: new WorkRegistry().register(Zoned) });
    const empty = agent(zoned.render(workResponse(Zoned as WorkType<unknown>, Zoned.create({}), "edit")));
    expect(empty.named("zone")?.attrs["data-value"]).toBe("");
  });

  it("user is a person-selector, chat a room-selector, with the stored ids", () => {
    expect(view.named("owner")?.attrs).toMatchObject({ class: "person-selector", "data-value": "[12345]" });
    expect(view.named("watchers")?.attrs["data-value"]).toBe("[12345,67890]");
    expect(view.named("room")?.attrs).toMatchObject({
      class: "room-selector",
      "data-value": '["abcDEF_-stream"]',
    });
  });

  it("nested objects are inputs named by dotted path", () => {
    expect(value("address.street")).toBe("1 High St");
    expect(value("address.city")).toBe("York");
  });

  it("tables: one select box and Edit button per row, Add and Delete for the table (core's ids)", () => {
    expect(view.named("sprig-select:items.0")?.attrs.type).toBe("checkbox");
    expect(view.named("sprig-select:items.1")?.attrs.type).toBe("checkbox");
    const names = view.buttons().map((b) => b.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "sprig-table:edit:items.0",
        "sprig-table:edit:items.1",
        "sprig-table:add:items",
        "sprig-table:delete:items",
      ]),
    );
    // Rows not being edited show their values as text, not inputs.
    expect(view.named("items.0.description")).toBeUndefined();
    expect(view.presentationML).toContain("<td>Milk</td>");
  });

  it("custom kinds without a renderer fall back to a text input", () => {
    expect(value("price")).toBe("9.5");
  });

  it("hidden fields are not shown", () => {
    expect(view.named("teams")).toBeUndefined();
  });
});

describe("every field kind, view mode, through the agent", () => {
  const rendered = renderer.render(workResponse(type, everything(), "view"));
  const view = agent(rendered);
  const text = plainText(parsePresentationML(view.presentationML, view.entityJSON));

  it("has no inputs, only the buttons", () => {
    expect(view.elements.filter((e) => ["input", "textarea", "select"].includes(e.tag))).toEqual([]);
    expect(view.buttons()).toEqual([{ name: "save", text: "Save" }]);
  });

  it("shows every value as text", () => {
    for (const shown of [
      "Title Plan",
      "Notes line one",
      "Count 1,234",
      "Urgent Yes",
      "Colour Green",
      "Flavours Sour",
      "Team Team B",
      "Due 2026-11-21",
      "At 09:05:00",
      "When Sat, 21 Nov 2026, 09:05 (UTC)",
      "Zone Europe/London",
      "Room Ops",
      "Street 1 High St",
      "City York",
      "Milk No",
      "Eggs Yes",
      "Price 9.5",
    ])
      expect(text.replace(/\s+/g, " ")).toContain(shown);
  });

  it("a date-time reads as a person reads it, in the response's zone; a message without that text shows the timestamp", () => {
    const value = everything();
    const form = type.form("view", value, {}, { timeZone: "Asia/Tokyo" });
    const tokyo = agent(renderer.render(workResponse(type, value, "view", { form })));
    const shown = plainText(parsePresentationML(tokyo.presentationML, tokyo.entityJSON)).replace(/\s+/g, " ");
    expect(shown).toContain("When Sat, 21 Nov 2026, 18:05 (Asia/Tokyo)");
    expect(shown).not.toContain("2026-11-21T09:05");
    // The stored value stays the timestamp, whatever the zone it is shown in.
    expect((tokyo.entityJSON.form as { when: string }).when).toBe("2026-11-21T09:05:00.000Z");

    const before = renderer.render(workResponse(type, value, "view"));
    const { display: _, ...olderData } = before.data as Record<string, unknown>;
    const older = agent({ ...before, data: olderData });
    expect(plainText(parsePresentationML(older.presentationML, older.entityJSON))).toContain(
      "2026-11-21T09:05:00.000Z",
    );
  });

  it("users are mentions", () => {
    const mentions = Object.values(view.entityJSON).filter(
      (e) => (e as { type?: string }).type === "com.symphony.user.mention",
    );
    expect(mentions.map((m) => (m as { id: { value: string }[] }).id[0]?.value)).toEqual([
      "12345",
      "12345",
      "67890",
    ]);
  });

  it("without buttons, view mode is no form", () => {
    const plain = agent(renderer.render(workResponse(type, everything(), "view", { buttons: [] })));
    expect(plain.formId()).toBeUndefined();
    expect(plain.presentationML).toContain("Plan");
  });
});
