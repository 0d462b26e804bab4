import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  Chat,
  chat,
  type FormInputIssue,
  timezone,
  User,
  user,
  type Validation,
  work,
} from "../../src/index.ts";

const Item = z.object({
  description: z.string().min(1),
  done: z.boolean().default(false),
  assignee: user().optional(),
  id: z.string().meta({ hidden: true }).default("new"),
});
const Task = work(
  "task",
  z.object({
    title: z.string().min(1),
    count: z.number().int().min(0).optional(),
    urgent: z.boolean().default(false),
    status: z.enum(["open", "done"]).default("open"),
    level: z.union([z.literal(1), z.literal(2)]).optional(),
    due: z.iso.date().optional(),
    born: z.date().meta({ widget: "date" }).optional(),
    at: z.date().optional(),
    zone: timezone().optional(),
    owner: user().optional(),
    watchers: z.array(user()).default([]),
    room: chat().optional(),
    labels: z.array(z.enum(["red", "blue"])).default([]),
    address: z.object({ city: z.string(), zip: z.string().optional() }).optional(),
    items: z.array(Item).max(50).default([]),
  }),
);

function issues(result: Validation<unknown>): FormInputIssue[] {
  if (result.ok) throw new Error("expected a failure");
  return [...(result.issues ?? [])];
}

function codes(result: Validation<unknown>): string[] {
  return issues(result).map((i) => i.code);
}

const platform = "symphony";

describe("fromFormValues: coercion of what platforms send", () => {
  it("strings become numbers, booleans, enum values and literal numbers", async () => {
    const result = await Task.fromFormValues(
      { title: "T", count: "12", urgent: "true", status: "done", level: "2" },
      { platform },
    );
    expect(result.ok && result.value).toMatchObject({
      title: "T",
      count: 12,
      urgent: true,
      status: "done",
      level: 2,
    });
  });

  it("a Symphony checkbox sends its value when ticked and nothing when not: absent means false", async () => {
    const ticked = await Task.fromFormValues({ title: "T", urgent: "on" });
    expect(ticked.ok && ticked.value.urgent).toBe(true);
    const base = Task.create({ title: "T", urgent: true });
    const unticked = await Task.fromFormValues({ title: "T" }, { base });
    expect(unticked.ok && unticked.value.urgent).toBe(false);
  });

  it("empty strings mean 'not given' for optional fields, and stay empty for required text", async () => {
    const result = await Task.fromFormValues({ title: "T", count: "", due: "", zone: "", owner: [] });
    expect(result.ok && result.value).toMatchObject({ title: "T" });
    expect(result.ok && "count" in result.value).toBe(false);
    const empty = await Task.fromFormValues({ title: "" });
    expect(empty.ok ? undefined : empty.errors.title).toBe("This field is required");
  });

  it("empty means null for a nullable field that is not optional", async () => {
    const N = work("nullable", z.object({ n: z.number().nullable(), s: z.string().nullable() }));
    const result = await N.fromFormValues({ n: "", s: "" });
    expect(result.ok && result.value).toEqual({ n: null, s: null });
  });

  it("a recursive schema still validates (the repeating part is taken as is and judged by the schema)", async () => {
    type Node = { name: string; children: Node[] };
    const NodeSchema: z.ZodType<Node> = z.lazy(() =>
      z.object({ name: z.string(), children: z.array(NodeSchema).default([]) }),
    );
    const Tree = work("tree", z.object({ root: NodeSchema }));
    const form = Tree.form("edit", { root: { name: "a", children: [{ name: "b", children: [] }] } });
    expect(form.fields[0]?.kind).toBe("object");
    const nested = await Tree.fromFormValues({ "root.name": "a", "root.children.0.name": "b" });
    // the repeated level is one opaque value, so its sub-fields are unknown
    expect(nested.ok ? [] : nested.issues?.map((i) => i.code)).toEqual(["FORM_UNKNOWN_FIELD"]);
    const plain = await Tree.fromFormValues({ "root.name": "a" });
    expect(plain.ok && plain.value).toEqual({ root: { name: "a", children: [] } });
  });

  it("dates: yyyy-MM-dd stays a string for z.iso.date(), becomes a Date for z.date()", async () => {
    const result = await Task.fromFormValues({
      title: "T",
      due: "2026-11-21",
      born: "2000-02-29",
      at: "2026-11-21T09:05:00Z",
    });
    expect(result.ok && result.value.due).toBe("2026-11-21");
    expect(result.ok && result.value.born?.toISOString()).toBe("2000-02-29T00:00:00.000Z");
    expect(result.ok && result.value.at?.toISOString()).toBe("2026-11-21T09:05:00.000Z");
  });

  it("person-selector ids (arrays of numbers) become Users on the action's platform", async () => {
    const result = await Task.fromFormValues({ title: "T", owner: [123], watchers: [1, 2] }, { platform });
    expect(result.ok && result.value.owner).toEqual(User.of(platform, "123"));
    expect(result.ok && result.value.watchers).toEqual([User.of(platform, "1"), User.of(platform, "2")]);
  });

  it("room-selector objects and comma-separated Adaptive Card values are understood", async () => {
    const result = await Task.fromFormValues(
      { title: "T", room: { userIds: [], streamIds: ["abc=="] }, labels: "red,blue", watchers: "a1,b2" },
      { platform: "teams" },
    );
    expect(result.ok && result.value).toMatchObject({
      room: Chat.of("teams", "abc=="),
      labels: ["red", "blue"],
      watchers: [User.of("teams", "a1"), User.of("teams", "b2")],
    });
  });

  it("rebuilds nested objects and table rows from dotted names", async () => {
    const result = await Task.fromFormValues(
      {
        title: "T",
        "address.city": "Leeds",
        "items.0.description": "Milk",
        "items.1.description": "Eggs",
        "items.1.done": "on",
      },
      { platform },
    );
    expect(result.ok && result.value.address).toEqual({ city: "Leeds" });
    expect(result.ok && result.value.items).toEqual([
      { description: "Milk", done: false, id: "new" },
      { description: "Eggs", done: true, id: "new" },
    ]);
  });

  it("fields the form did not carry keep the base object's values (hidden fields, read-only rows)", async () => {
    const base = Task.create({
      title: "Old",
      items: [
        { description: "Milk", id: "i1" },
        { description: "Eggs", id: "i2", done: true },
      ],
    });
    const result = await Task.fromFormValues({ title: "New", "items.1.description": "Bread" }, { base });
    expect(result.ok && result.value.title).toBe("New");
    expect(result.ok && result.value.items).toEqual([
      { description: "Milk", done: false, id: "i1" },
      // row 1 was on the form: its description replaced, its hidden id kept, its absent checkbox false
      { description: "Bread", done: false, id: "i2" },
    ]);
    expect(base.items[1]?.description).toBe("Eggs");
  });

  it("a new row may follow the last one (add row)", async () => {
    const base = Task.create({ title: "T", items: [{ description: "Milk" }] });
    const result = await Task.fromFormValues({ title: "T", "items.1.description": "Eggs" }, { base });
    expect(result.ok && result.value.items.map((i) => i.description)).toEqual(["Milk", "Eggs"]);
  });

  it("the result is a branded, plain-prototype object", async () => {
    const result = await Task.fromFormValues({ title: "T", "address.city": "X" });
    expect(result.ok && Task.is(result.value)).toBe(true);
    expect(result.ok && Object.getPrototypeOf(result.value.address)).toBe(Object.prototype);
  });

  it("a failure carries the draft: what was typed, rebuilt, to show the edit form again", async () => {
    const result = await Task.fromFormValues({ title: "", count: "x", "items.0.description": "Milk" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.draft).toMatchObject({ title: "", count: "x", items: [{ description: "Milk" }] });
    const form = Task.form("edit", result.draft, result.errors);
    expect(form.fields.find((f) => f.key === "title")?.error).toBeDefined();
  });

  it("a read-only field keeps the base value whatever is submitted for it", async () => {
    const Locked = work("locked", z.object({ ref: z.string().meta({ readOnly: true }), note: z.string() }));
    const base = Locked.create({ ref: "R-1", note: "a" });
    const result = await Locked.fromFormValues({ ref: "FORGED", note: "b" }, { base });
    expect(result.ok && result.value).toEqual({ ref: "R-1", note: "b" });
  });

  it("sprig's own form controls (row select boxes) are not data fields", async () => {
    const result = await Task.fromFormValues({ title: "T", "sprig-select:items.0": "on" });
    expect(result.ok).toBe(true);
  });
});

describe("fromFormValues: bad input is refused with a clear, coded error", () => {
  afterEach(() => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("wrong types become the schema's field errors at the field's path", async () => {
    const result = await Task.fromFormValues({
      title: "T",
      count: "twelve",
      status: "lost",
      urgent: "maybe",
      "items.0.description": "",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(["count", "items.0.description", "status", "urgent"]);
    expect(result.errors.count).toMatch(/number/);
    expect(result.issues).toBeUndefined();
  });

  it("arrays or objects where one value is expected are type errors too", async () => {
    const result = await Task.fromFormValues({ title: ["a", "b"], count: { n: 1 } });
    expect(result.ok ? [] : Object.keys(result.errors).sort()).toEqual(["count", "title"]);
  });

  it("unknown fields, at any depth, are refused with FORM_UNKNOWN_FIELD", async () => {
    expect(codes(await Task.fromFormValues({ title: "T", isAdmin: "true" }))).toEqual(["FORM_UNKNOWN_FIELD"]);
    expect(codes(await Task.fromFormValues({ title: "T", "address.country": "UK" }))).toEqual([
      "FORM_UNKNOWN_FIELD",
    ]);
    expect(codes(await Task.fromFormValues({ title: "T", "items.0.price": "1" }))).toEqual([
      "FORM_UNKNOWN_FIELD",
    ]);
    expect(codes(await Task.fromFormValues({ title: "T", "count.length": "1" }))).toEqual([
      "FORM_UNKNOWN_FIELD",
    ]);
    expect(codes(await Task.fromFormValues({ title: "T", "items.first.description": "x" }))).toEqual([
      "FORM_UNKNOWN_FIELD",
    ]);
    const result = await Task.fromFormValues({ title: "T", isAdmin: "true" });
    expect(result.ok ? "" : result.errors[""]).toContain('Unknown field "isAdmin"');
  });

  it("a hidden field was not on the form: a value for it is refused like an unknown field", async () => {
    const base = Task.create({ title: "T", items: [{ description: "Milk", id: "i1" }] });
    const result = await Task.fromFormValues({ title: "T", "items.0.id": "forged" }, { base });
    expect(codes(result)).toEqual(["FORM_UNKNOWN_FIELD"]);
  });

  it("__proto__, constructor and prototype segments are refused and pollute nothing", async () => {
    const hostile = [
      JSON.parse('{"title":"T","__proto__":{"polluted":"yes"}}'),
      JSON.parse('{"title":"T","__proto__.polluted":"yes"}'),
      { title: "T", "constructor.prototype.polluted": "yes" },
      { title: "T", "items.0.__proto__.polluted": "yes" },
      { title: "T", "address.constructor.prototype.polluted": "yes" },
      { title: "T", "prototype.polluted": "yes" },
    ];
    for (const values of hostile) {
      const result = await Task.fromFormValues(values);
      expect(codes(result)).toEqual(["FORM_FORBIDDEN_KEY"]);
    }
  });

  it("huge row indexes are refused before anything is built", async () => {
    expect(codes(await Task.fromFormValues({ title: "T", "items.99999999.description": "x" }))).toEqual([
      "FORM_INDEX_TOO_LARGE",
    ]);
    expect(codes(await Task.fromFormValues({ title: "T", "items.1e9.description": "x" }))).toEqual([
      "FORM_UNKNOWN_FIELD",
    ]);
  });

  it("rows that skip ahead (a sparse array) are refused", async () => {
    expect(codes(await Task.fromFormValues({ title: "T", "items.5.description": "x" }))).toEqual([
      "FORM_SPARSE_ROWS",
    ]);
  });

  it("row indexes spelled with leading zeros are not a second name for the same row", async () => {
    const result = await Task.fromFormValues({
      title: "T",
      "items.0.description": "a",
      "items.00.description": "b",
    });
    expect(codes(result)).toEqual(["FORM_UNKNOWN_FIELD"]);
  });

  it("deep paths, empty segments and odd characters are refused", async () => {
    const deep = Array.from({ length: 40 }, () => "a").join(".");
    expect(codes(await Task.fromFormValues({ title: "T", [deep]: "x" }))).toEqual(["FORM_BAD_PATH"]);
    expect(codes(await Task.fromFormValues({ title: "T", "address..city": "x" }))).toEqual(["FORM_BAD_PATH"]);
    expect(codes(await Task.fromFormValues({ title: "T", "address.ci ty": "x" }))).toEqual(["FORM_BAD_PATH"]);
    expect(codes(await Task.fromFormValues({ title: "T", "": "x" }))).toEqual(["FORM_BAD_PATH"]);
    expect(codes(await Task.fromFormValues({ title: "T", ["a".repeat(600)]: "x" }))).toEqual([
      "FORM_BAD_PATH",
    ]);
  });

  it("a field and a sub-field of it at once is a conflict, not a silent overwrite", async () => {
    expect(codes(await Task.fromFormValues({ title: "T", address: "x", "address.city": "y" }))).toContain(
      "FORM_BAD_PATH",
    );
  });

  it("a single value where an object or table is expected is refused", async () => {
    expect(codes(await Task.fromFormValues({ title: "T", address: "Leeds" }))).toEqual(["FORM_BAD_VALUE"]);
    expect(codes(await Task.fromFormValues({ title: "T", items: "Milk" }))).toEqual(["FORM_BAD_VALUE"]);
  });

  it("too many fields, and overlong values, are refused", async () => {
    const many = Object.fromEntries(Array.from({ length: 2_001 }, (_, i) => [`f${i}`, "x"]));
    expect(codes(await Task.fromFormValues(many))).toEqual(["FORM_TOO_MANY_FIELDS"]);
    expect(codes(await Task.fromFormValues({ title: "x".repeat(100_001) }))).toEqual(["FORM_VALUE_TOO_LONG"]);
  });

  it("the whole-form message stays short however many fields were refused", async () => {
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`junk${i}`, "x"]));
    const result = await Task.fromFormValues({ title: "T", ...many });
    expect(issues(result)).toHaveLength(500);
    expect(result.ok ? "" : result.errors[""]).toMatch(/and 497 more/);
    expect((result.ok ? "" : result.errors[""])?.length).toBeLessThan(400);
  });

  it("limits can be tightened per call", async () => {
    const result = await Task.fromFormValues(
      { title: "T", "items.3.description": "x" },
      { limits: { maxRowIndex: 2 } },
    );
    expect(codes(result)).toEqual(["FORM_INDEX_TOO_LARGE"]);
  });

  it("user ids without a platform, bad ids, and two people for one are field errors", async () => {
    const noPlatform = await Task.fromFormValues({ title: "T", owner: [1] });
    expect(noPlatform.ok ? "" : noPlatform.errors.owner).toMatch(/platform/);
    const bad = await Task.fromFormValues({ title: "T", owner: ["<script>"] }, { platform });
    expect(bad.ok ? "" : bad.errors.owner).toMatch(/valid user id/);
    const two = await Task.fromFormValues({ title: "T", owner: [1, 2] }, { platform });
    expect(two.ok ? "" : two.errors.owner).toMatch(/one person/);
  });

  it("values that are not an object at all are refused", async () => {
    const result = await Task.fromFormValues(null as unknown as Record<string, unknown>);
    expect(codes(result)).toEqual(["FORM_BAD_VALUE"]);
    expect(codes(await Task.fromFormValues(["a"] as unknown as Record<string, unknown>))).toEqual([
      "FORM_BAD_VALUE",
    ]);
  });

  it("never throws and never pollutes, whatever the field names and values (property test)", async () => {
    const segment = fc.oneof(
      fc.constantFrom(
        "title",
        "items",
        "0",
        "1",
        "99999999",
        "__proto__",
        "constructor",
        "prototype",
        "address",
        "city",
        "",
      ),
      fc.string({ maxLength: 6 }),
    );
    const name = fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => s.join("."));
    const value = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.integer(),
      fc.boolean(),
      fc.array(fc.integer(), { maxLength: 3 }),
      fc.constant(null),
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(name, value, { maxKeys: 8 }), async (values) => {
        const result = await Task.fromFormValues(values, { platform });
        expect(typeof result.ok).toBe("boolean");
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});
