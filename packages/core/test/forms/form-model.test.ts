import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  Chat,
  chat,
  defaultLabel,
  type FieldNode,
  type FormModel,
  field,
  findField,
  timezone,
  User,
  user,
  walkFields,
  work,
} from "../../src/index.ts";

const Everything = work(
  "everything",
  z.object({
    name: z.string().min(2).max(40),
    email: z.email().optional(),
    code: z.string().regex(/^[A-Z]{3}$/),
    notes: z.string().meta({ widget: "textarea", placeholder: "Anything else?" }).optional(),
    age: z.number().int().min(0).max(150),
    price: z.number().optional(),
    urgent: z.boolean().default(false),
    status: z.enum(["open", "in_progress", "done"]),
    size: z.union([z.literal("s"), z.literal("m")]),
    due: z.iso.date(),
    at: z.iso.time().optional(),
    when: z.iso.datetime().optional(),
    born: z.date().meta({ widget: "date" }).optional(),
    stamp: z.date().optional(),
    zone: timezone(),
    owner: user(),
    watchers: z.array(user()).default([]),
    room: chat().optional(),
    labels: z.array(z.enum(["red", "blue"])).default([]),
    secret: z.string().meta({ hidden: true }).default("s3cret"),
    address: z.object({ street: z.string(), city: z.string().meta({ label: "Town" }) }),
  }),
);

const owner = User.of("test", "7", "Ann");
const value = {
  name: "Widget",
  code: "ABC",
  age: 3,
  urgent: true,
  status: "in_progress",
  size: "m",
  due: "2026-11-21",
  born: new Date("2000-02-29T00:00:00Z"),
  stamp: new Date("2026-11-21T09:05:00Z"),
  zone: "Europe/London",
  owner,
  watchers: [owner, User.of("test", "8", "Bob")],
  room: Chat.of("test", "r1", "Ops"),
  labels: ["red"],
  secret: "s3cret",
  address: { street: "1 Main St", city: "Leeds" },
};

function node(form: FormModel, path: string): FieldNode {
  const found = findField(form, path);
  if (!found) throw new Error(`no field ${path}`);
  return found;
}

describe("form model: one tree per field kind", () => {
  const form = Everything.form("edit", value);

  it("carries type, version, mode and default template", () => {
    expect(form).toMatchObject({
      typeName: "everything",
      version: "1.0",
      mode: "edit",
      template: "default-edit",
    });
    expect(Everything.form("view", value).template).toBe("default-view");
  });

  it("maps each schema type to its field kind, in declaration order, hidden fields left out", () => {
    expect(form.fields.map((f) => [f.key, f.kind])).toEqual([
      ["name", "text"],
      ["email", "text"],
      ["code", "text"],
      ["notes", "text"],
      ["age", "number"],
      ["price", "number"],
      ["urgent", "boolean"],
      ["status", "choice"],
      ["size", "choice"],
      ["due", "date"],
      ["at", "time"],
      ["when", "date-time"],
      ["born", "date"],
      ["stamp", "date-time"],
      ["zone", "timezone"],
      ["owner", "user"],
      ["watchers", "user"],
      ["room", "chat"],
      ["labels", "choice"],
      ["address", "object"],
    ]);
    expect(findField(form, "secret")).toBeUndefined();
  });

  it("text: value, length and pattern constraints, format, widget and placeholder", () => {
    expect(node(form, "name")).toMatchObject({
      kind: "text",
      value: "Widget",
      minLength: 2,
      maxLength: 40,
      required: true,
    });
    expect(node(form, "email")).toMatchObject({ format: "email", required: false, value: "" });
    expect(node(form, "code")).toMatchObject({ pattern: "^[A-Z]{3}$" });
    expect(node(form, "notes")).toMatchObject({
      multiline: true,
      widget: "textarea",
      placeholder: "Anything else?",
    });
  });

  it("number: integer flag and bounds; boolean never required", () => {
    expect(node(form, "age")).toMatchObject({ value: 3, integer: true, min: 0, max: 150, required: true });
    expect(node(form, "price")).toMatchObject({ value: undefined, integer: false, required: false });
    expect(node(form, "urgent")).toMatchObject({ value: true, required: false, text: "Yes" });
  });

  it("choice: options from enums and literal unions, values as strings, labels as words", () => {
    expect(node(form, "status")).toMatchObject({
      options: [
        { value: "open", label: "Open" },
        { value: "in_progress", label: "In progress" },
        { value: "done", label: "Done" },
      ],
      value: ["in_progress"],
      multiple: false,
      text: "In progress",
    });
    expect(node(form, "size")).toMatchObject({ options: [{ value: "s" }, { value: "m" }], value: ["m"] });
    expect(node(form, "labels")).toMatchObject({ multiple: true, value: ["red"] });
  });

  it("dates and times: ISO strings whether the schema holds strings or Dates", () => {
    expect(node(form, "due")).toMatchObject({ kind: "date", value: "2026-11-21" });
    expect(node(form, "born")).toMatchObject({ kind: "date", value: "2000-02-29" });
    expect(node(form, "stamp")).toMatchObject({ kind: "date-time", value: "2026-11-21T09:05:00.000Z" });
    expect(node(form, "at")).toMatchObject({ kind: "time", value: undefined });
    expect(node(form, "zone")).toMatchObject({ kind: "timezone", value: "Europe/London" });
  });

  it("pickers: users and chats as values, multiple for arrays", () => {
    expect(node(form, "owner")).toMatchObject({ kind: "user", multiple: false, value: [owner], text: "Ann" });
    expect(node(form, "watchers")).toMatchObject({ kind: "user", multiple: true, text: "Ann, Bob" });
    expect(node(form, "room")).toMatchObject({ kind: "chat", value: [Chat.of("test", "r1", "Ops")] });
  });

  it("nested objects get dotted paths and their own labels", () => {
    const address = node(form, "address");
    expect(address.kind).toBe("object");
    expect(node(form, "address.street")).toMatchObject({
      path: "address.street",
      label: "Street",
      value: "1 Main St",
    });
    expect(node(form, "address.city")).toMatchObject({ label: "Town" });
  });

  it("view mode makes every node read-only; edit mode only those marked readOnly", () => {
    const view = Everything.form("view", value);
    expect([...walkFields(view.fields)].every((f) => f.readOnly)).toBe(true);
    expect(node(form, "name").readOnly).toBe(false);
  });

  it("attaches field errors by path and the whole-form error", () => {
    const withErrors = Everything.form("edit", value, {
      name: "Too short",
      "address.city": "Required",
      "": "Fix the form",
    });
    expect(node(withErrors, "name").error).toBe("Too short");
    expect(node(withErrors, "address.city").error).toBe("Required");
    expect(withErrors.formError).toBe("Fix the form");
    expect(node(withErrors, "age").error).toBeUndefined();
  });

  it("tolerates a value that does not match the schema (e.g. a draft with errors)", () => {
    const draft = Everything.form("edit", { name: 42, age: "x", watchers: "nobody" });
    expect(node(draft, "name")).toMatchObject({ value: "42" });
    expect(node(draft, "age")).toMatchObject({ value: undefined });
    expect(node(draft, "watchers")).toMatchObject({ value: [] });
  });
});

describe("labels and metadata", () => {
  it("default label splits camelCase, snake_case and acronyms", () => {
    expect(defaultLabel("dueDate")).toBe("Due date");
    expect(defaultLabel("userID")).toBe("User ID");
    expect(defaultLabel("first_name")).toBe("First name");
    expect(defaultLabel("HTMLParser")).toBe("HTML parser");
  });

  it("order puts fields first; meta on the outer wrapper wins; title and field() also work", () => {
    const T = work(
      "ordered",
      z.object({
        a: z.string(),
        b: z.string().meta({ order: 2 }),
        c: z.string().meta({ label: "Inner" }).optional().meta({ label: "Outer", order: 1 }),
        d: z.string().meta({ title: "From title" }),
        e: field(z.string(), { label: "From registry", description: "help" }),
      }),
    );
    const form = T.form("edit", {});
    expect(form.fields.map((f) => f.key)).toEqual(["c", "b", "a", "d", "e"]);
    expect(form.fields[0]?.label).toBe("Outer");
    expect(findField(form, "d")?.label).toBe("From title");
    expect(findField(form, "e")).toMatchObject({ label: "From registry", description: "help" });
  });
});

describe("dropdowns fed from data", () => {
  const Pick = work(
    "pick",
    z.object({
      team: z.string().meta({ dropdown: { source: "teams", value: "code", label: "title" } }),
      fav: z
        .string()
        .meta({ dropdown: { source: "choices" } })
        .optional(),
      choices: z.array(z.string()).meta({ hidden: true }).default([]),
    }),
  );

  it("takes options from form data, with value/label properties", () => {
    const form = Pick.form(
      "edit",
      { team: "b" },
      {},
      {
        data: {
          teams: [
            { code: "a", title: "Alpha" },
            { code: "b", title: "Beta" },
          ],
        },
      },
    );
    expect(findField(form, "team")).toMatchObject({
      kind: "dropdown",
      source: "teams",
      options: [
        { value: "a", label: "Alpha" },
        { value: "b", label: "Beta" },
      ],
      value: ["b"],
      text: "Beta",
    });
  });

  it("falls back to the work object itself, and to no options when the source is missing", () => {
    const form = Pick.form("edit", { choices: ["x", "y"] });
    expect(findField(form, "fav")).toMatchObject({
      options: [
        { value: "x", label: "x" },
        { value: "y", label: "y" },
      ],
    });
    expect(findField(form, "team")).toMatchObject({ options: [] });
  });

  it("chat picker lists known chats passed as data", () => {
    const Send = work("send", z.object({ to: chat() }));
    const chats = [Chat.of("test", "c1", "One")];
    expect(findField(Send.form("edit", {}, {}, { data: { chats } }), "to")).toMatchObject({ options: chats });
  });
});

describe("tables", () => {
  const Item = z.object({ description: z.string().min(1), done: z.boolean().default(false) });
  const List = work(
    "list",
    z.object({ items: z.array(Item).max(3).default([]), tags: z.array(z.string()).default([]) }),
  );
  const list = List.create({
    items: [{ description: "Milk" }, { description: "Eggs", done: true }],
    tags: ["home"],
  });

  it("arrays of objects become tables: columns, rows with dotted cell paths, row count text", () => {
    const form = List.form("view", list);
    const table = findField(form, "items");
    if (table?.kind !== "table") throw new Error("not a table");
    expect(table.columns).toEqual([
      { key: "description", label: "Description", kind: "text" },
      { key: "done", label: "Done", kind: "boolean" },
    ]);
    expect(table.rows.map((r) => r.cells.map((c) => [c.path, c.text]))).toEqual([
      [
        ["items.0.description", "Milk"],
        ["items.0.done", "No"],
      ],
      [
        ["items.1.description", "Eggs"],
        ["items.1.done", "Yes"],
      ],
    ]);
    expect(table.text).toBe("2 rows");
    expect(table.maxRows).toBe(3);
    expect(table.buttons).toBeUndefined();
    expect(table.rows[0]?.selectName).toBeUndefined();
  });

  it("in edit mode rows are read-only with a select box and an edit button; the table has add and delete", () => {
    const table = findField(List.form("edit", list), "items");
    if (table?.kind !== "table") throw new Error("not a table");
    expect(table.buttons).toEqual({
      addRow: "sprig-table:add:items",
      deleteRows: "sprig-table:delete:items",
    });
    expect(table.rows[1]).toMatchObject({
      selectName: "sprig-select:items.1",
      editButton: "sprig-table:edit:items.1",
      editing: false,
    });
    expect(table.rows[1]?.cells.every((c) => c.readOnly)).toBe(true);
  });

  it("editRow opens one row as inputs, or a new row with the row schema's defaults", () => {
    const editing = findField(
      List.form("edit", list, {}, { editRow: { table: "items", index: 0 } }),
      "items",
    );
    if (editing?.kind !== "table") throw new Error("not a table");
    expect(editing.rows[0]?.editing).toBe(true);
    expect(editing.rows[0]?.cells.every((c) => !c.readOnly)).toBe(true);
    expect(editing.rows[1]?.cells.every((c) => c.readOnly)).toBe(true);
    expect(editing.buttons).toMatchObject({
      done: "sprig-table:done:items.0",
      cancel: "sprig-table:cancel:items",
    });

    const adding = findField(List.form("edit", list, {}, { editRow: { table: "items", index: 2 } }), "items");
    if (adding?.kind !== "table") throw new Error("not a table");
    expect(adding.rows).toHaveLength(3);
    expect(adding.rows[2]?.cells.map((c) => [c.path, c.readOnly, c.text])).toEqual([
      ["items.2.description", false, ""],
      ["items.2.done", false, "No"],
    ]);
  });

  it("arrays of primitives are one-column tables whose cells are the items", () => {
    const tags = findField(List.form("view", list), "tags");
    if (tags?.kind !== "table") throw new Error("not a table");
    expect(tags.columns).toEqual([{ key: "", label: "Tags", kind: "text" }]);
    expect(tags.rows[0]?.cells[0]).toMatchObject({ path: "tags.0", value: "home" });
  });

  it("the form model is plain data: it survives a JSON round trip unchanged", () => {
    const form = List.form("edit", list);
    expect(JSON.parse(JSON.stringify(form))).toEqual(form);
    expect(Object.isFrozen(form)).toBe(true);
  });
});
