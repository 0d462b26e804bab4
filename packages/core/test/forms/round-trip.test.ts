import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type FieldNode, type FormModel, timezone, User, user, walkFields, work } from "../../src/index.ts";

/**
 * The form model and fromFormValues must agree: what an adapter renders from the model and the user sends
 * back unchanged must rebuild the same object. `submit` plays a Symphony-like client: strings for text and
 * numbers, a checkbox key only when ticked, numeric person ids in an array, "" for an empty picker.
 */
function submit(form: FormModel): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const node of walkFields(form.fields)) {
    if (node.readOnly) continue;
    const v = inputValue(node);
    if (v !== undefined) values[node.path] = v;
  }
  return values;
}

function inputValue(node: FieldNode): unknown {
  switch (node.kind) {
    case "text":
      return node.value;
    case "number":
      return node.value === undefined ? "" : String(node.value);
    case "boolean":
      return node.value ? "on" : undefined;
    case "choice":
    case "dropdown":
      return node.multiple ? node.value : (node.value[0] ?? "");
    case "date":
    case "time":
    case "date-time":
    case "timezone":
      return node.value ?? "";
    case "user":
      return node.value.map((u) => Number(u.id));
    default:
      return undefined;
  }
}

const Item = z.object({
  description: z.string().min(1).max(30),
  done: z.boolean().default(false),
  status: z.enum(["open", "in_progress", "done"]).default("open"),
  estimate: z.number().int().min(0).max(1000).optional(),
  owner: user().optional(),
});
const Plan = work(
  "plan",
  z.object({
    title: z.string().min(1).max(40),
    urgent: z.boolean().default(false),
    due: z.iso.date().optional(),
    zone: timezone().optional(),
    watchers: z.array(user()).default([]),
    address: z.object({ city: z.string(), zip: z.string().optional() }),
    items: z.array(Item).max(5).default([]),
  }),
);

const text = (max: number) =>
  fc.string({ minLength: 1, maxLength: max }).filter((s) => s.trim() === s && s !== "");
const person = fc.integer({ min: 1, max: 1e9 }).map((id) => User.of("symphony", String(id)));
const item = fc.record(
  {
    description: text(30),
    done: fc.boolean(),
    status: fc.constantFrom("open" as const, "in_progress" as const, "done" as const),
    estimate: fc.integer({ min: 0, max: 1000 }),
    owner: person,
  },
  { requiredKeys: ["description", "done", "status"] },
);
const plan = fc.record(
  {
    title: text(40),
    urgent: fc.boolean(),
    due: fc
      .date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    zone: fc.constantFrom("Europe/London", "America/New_York", "UTC"),
    watchers: fc.uniqueArray(person, { maxLength: 3, selector: (u) => u.id }),
    address: fc.record({ city: text(20), zip: text(8) }, { requiredKeys: ["city"] }),
    items: fc.array(item, { maxLength: 5 }),
  },
  { requiredKeys: ["title", "urgent", "watchers", "address", "items"] },
);

describe("form model ⇄ fromFormValues round trip", () => {
  it("a valid object, rendered for editing and sent back unchanged, rebuilds equal (property test)", async () => {
    await fc.assert(
      fc.asyncProperty(plan, async (input) => {
        const original = Plan.create(input);
        // Every table row open at once is not a real form; open each row in turn, as the table buttons do.
        const top = await Plan.fromFormValues(submit(Plan.form("edit", original)), {
          base: original,
          platform: "symphony",
        });
        expect(top.ok && top.value).toEqual(original);
        for (let index = 0; index < original.items.length; index++) {
          const form = Plan.form("edit", original, {}, { editRow: { table: "items", index } });
          const back = await Plan.fromFormValues(submit(form), { base: original, platform: "symphony" });
          expect(back.ok && back.value).toEqual(original);
        }
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it("building a form never throws, whatever the value (property test)", () => {
    fc.assert(
      fc.property(fc.anything(), fc.constantFrom("view" as const, "edit" as const), (value, mode) => {
        const form = Plan.form(mode, value);
        expect(form.fields.length).toBeGreaterThan(0);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
