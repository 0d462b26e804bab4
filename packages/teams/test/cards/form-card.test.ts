/**
 * Cards from the form model: every field kind in view and edit, field errors next to their
 * inputs, hostile text kept as text, and — for random work types — cards that parse at Adaptive
 * Cards 1.5 without a warning.
 */
import { Chat, chat, field, timezone, User, user, work } from "@sprig/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formCard } from "../../src/index.ts";
import { cardProblems } from "../support/validate-card.ts";

const Everything = work(
  "everything",
  z.object({
    title: field(z.string().min(1), { label: "Title" }),
    notes: field(z.string().optional(), { widget: "textarea" }),
    count: z.number().int().min(0).max(10),
    urgent: z.boolean().default(false),
    colour: z.enum(["red", "green"]),
    tags: z.array(z.enum(["a", "b", "c"])).default([]),
    due: z.iso.date().optional(),
    at: z.iso.time().optional(),
    zone: timezone().optional(),
    owner: user().optional(),
    room: chat().optional(),
    address: z.object({ street: z.string(), city: z.string() }),
    rows: z.array(z.object({ name: z.string(), done: z.boolean().default(false) })).default([]),
  }),
);

const value = Everything.create({
  title: "Fix *it* [now](http://x)",
  count: 3,
  colour: "red",
  address: { street: "1 Main St", city: "Leeds" },
  owner: User.of("teams", "29:ann", "Ann"),
  rows: [{ name: "one", done: false }],
});

const ann = User.of("teams", "29:ann", "Ann");
const bob = User.of("teams", "29:bob", "Bob");

function inputs(card: unknown): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const n = node as Record<string, unknown>;
      if (typeof n.type === "string" && n.type.startsWith("Input.")) out[n.id as string] = n;
      for (const v of Object.values(n)) if (typeof v === "object") walk(v);
    }
  };
  walk(card);
  return out;
}

/** The body as a flat list of elements, in order (containers and columns opened). */
function flat(card: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const n = node as Record<string, unknown>;
      if (typeof n.type === "string") out.push(n);
      for (const key of ["body", "items", "columns"]) if (Array.isArray(n[key])) walk(n[key]);
    }
  };
  walk((card as { body: unknown }).body);
  return out;
}

describe("form cards", () => {
  it("an edit card has one input per field kind, named by its path, and validates at 1.5", () => {
    const card = formCard(Everything.form("edit", value), {
      cardId: "c1",
      buttons: [{ id: "save", text: "Save" }],
      people: [ann, bob],
      chats: [Chat.of("teams", "19:ops@thread.v2", "Ops")],
    });
    expect(card.version).toBe("1.5");
    expect(cardProblems(card)).toEqual([]);
    const byId = inputs(card);
    expect(byId.title).toMatchObject({
      type: "Input.Text",
      value: "Fix *it* [now](http://x)",
      isRequired: true,
    });
    expect(byId.notes).toMatchObject({ type: "Input.Text", isMultiline: true });
    expect(byId.count).toMatchObject({ type: "Input.Number", value: 3, min: 0, max: 10 });
    expect(byId.urgent).toMatchObject({ type: "Input.Toggle", value: "false" });
    expect(byId.colour).toMatchObject({ type: "Input.ChoiceSet", value: "red" });
    expect(byId.tags).toMatchObject({ type: "Input.ChoiceSet", isMultiSelect: true });
    expect(byId.due).toMatchObject({ type: "Input.Date" });
    expect(byId.at).toMatchObject({ type: "Input.Time" });
    expect(byId.zone).toMatchObject({ type: "Input.Text" });
    expect(byId.owner).toMatchObject({
      type: "Input.ChoiceSet",
      value: "29:ann",
      choices: [
        { title: "Ann", value: "29:ann" },
        { title: "Bob", value: "29:bob" },
      ],
    });
    expect(byId.room).toMatchObject({
      type: "Input.ChoiceSet",
      choices: [{ title: "Ops", value: "19:ops@thread.v2" }],
    });
    expect(byId["address.street"]).toMatchObject({ type: "Input.Text", value: "1 Main St" });
    expect(byId["sprig-select:rows.0"]).toMatchObject({ type: "Input.Toggle" });
    expect(card.actions).toEqual([
      { type: "Action.Submit", title: "Save", data: { "sprig:press": { card: "c1", button: "save" } } },
    ]);
    expect(JSON.stringify(card)).toContain("sprig-table:add:rows");
    expect(JSON.stringify(card)).toContain("sprig-table:edit:rows.0");
  });

  it("a view card shows values as facts, user text escaped so it stays text", () => {
    const card = formCard(Everything.form("view", value), { cardId: "c1", buttons: [] });
    expect(cardProblems(card)).toEqual([]);
    expect(Object.keys(inputs(card))).toEqual([]);
    const facts = flat(card)
      .filter((e) => e.type === "FactSet")
      .flatMap((e) => e.facts as { value: string }[]);
    expect(facts.map((f) => f.value)).toContain("Fix \\*it\\* \\[now\\](http://x)");
  });

  it("a field error stands right under its own input", () => {
    const errors = { title: "Say what it is", count: "Enter at most 10", "address.city": "Where?" };
    const card = formCard(Everything.form("edit", value, errors), { cardId: "c1", buttons: [] });
    expect(cardProblems(card)).toEqual([]);
    const elements = flat(card);
    for (const [path, message] of Object.entries(errors)) {
      const at = elements.findIndex((e) => e.id === path);
      expect(at, path).toBeGreaterThanOrEqual(0);
      expect(elements[at + 1]).toMatchObject({ type: "TextBlock", text: message, color: "Attention" });
    }
  });

  it("cards of random work types parse at 1.5 without warnings, in both modes", () => {
    const leaf = fc.constantFrom(
      () => z.string(),
      () => z.string().optional(),
      () => z.number(),
      () => z.number().int().min(0),
      () => z.boolean(),
      () => z.enum(["x", "y", "z"]),
      () => z.array(z.enum(["p", "q"])),
      () => z.iso.date().optional(),
      () => z.iso.time().optional(),
      () => timezone().optional(),
      () => user().optional(),
      () => chat().optional(),
      () => z.array(user()).default([]),
    );
    const names = fc.uniqueArray(fc.stringMatching(/^[a-z][a-zA-Z]{0,8}$/), { minLength: 1, maxLength: 6 });
    const shape = names.chain((keys) =>
      fc
        .tuple(fc.array(leaf, { minLength: keys.length, maxLength: keys.length }), fc.boolean(), fc.boolean())
        .map(([makers, nested, table]) => {
          const fields: Record<string, z.ZodType> = {};
          keys.forEach((key, i) => {
            fields[key] = makers[i]!();
          });
          if (nested)
            fields.nestedPart = z.object({ inner: z.string().optional(), flag: z.boolean().default(false) });
          if (table)
            fields.rowsOf = z.array(z.object({ label: z.string(), n: z.number().optional() })).default([]);
          return fields;
        }),
    );
    let n = 0;
    fc.assert(
      fc.property(shape, fc.string(), (fields, text) => {
        const type = work(`random-${n++}`, z.object(fields));
        for (const mode of ["view", "edit"] as const) {
          const errors = Object.fromEntries(Object.keys(fields).map((k) => [k, text || "bad"]));
          const card = formCard(type.form(mode, {}, mode === "edit" ? errors : {}), {
            cardId: "c",
            buttons: [{ id: "go", text: text || "Go" }],
            people: [ann],
          });
          expect(cardProblems(card)).toEqual([]);
          expect(card.version).toBe("1.5");
        }
      }),
      { numRuns: 60 },
    );
  });
});
