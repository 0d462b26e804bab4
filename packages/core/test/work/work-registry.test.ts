import { describe, expect, it } from "vitest";
import { z } from "zod";
import { User, user, WorkError, WorkRegistry, work } from "../../src/index.ts";

const Item = z.object({
  description: z.string().min(1),
  assignee: user().optional(),
  due: z.date().optional(),
});
const TodoList = work("todo-list", z.object({ items: z.array(Item).default([]) }), { readVersions: ["0.9"] });

function registry() {
  return new WorkRegistry().register(TodoList);
}

describe("WorkRegistry", () => {
  it("encodes {type, version, ...fields} as JSON-ready data and decodes it back, branded", () => {
    const list = TodoList.create({
      items: [
        { description: "Milk", assignee: User.of("test", "1", "Ann"), due: new Date("2026-11-21T00:00:00Z") },
      ],
    });
    const encoded = registry().encode(list);
    expect(encoded).toEqual({
      type: "todo-list",
      version: "1.0",
      items: [
        {
          description: "Milk",
          assignee: { kind: "user", platform: "test", id: "1", name: "Ann" },
          due: "2026-11-21T00:00:00.000Z",
        },
      ],
    });
    const decoded = registry().decode(JSON.parse(JSON.stringify(encoded)));
    expect(TodoList.is(decoded)).toBe(true);
    expect(decoded).toEqual(list);
    expect((decoded as typeof list).items[0]?.due).toBeInstanceOf(Date);
  });

  it("refuses unknown types, unreadable versions and malformed objects, with a reason", () => {
    const r = registry();
    expect(r.tryDecode({ type: "nope", version: "1.0" })).toMatchObject({
      ok: false,
      code: "DECODE_UNKNOWN_TYPE",
    });
    expect(r.tryDecode({ type: "todo-list", version: "2.0", items: [] })).toMatchObject({
      ok: false,
      code: "DECODE_UNREADABLE_VERSION",
      reason: expect.stringContaining("1.0, 0.9"),
    });
    expect(r.tryDecode("text")).toMatchObject({ ok: false, code: "DECODE_NOT_OBJECT" });
    expect(r.tryDecode({ type: "todo-list" })).toMatchObject({ ok: false, code: "DECODE_NOT_OBJECT" });
    expect(r.tryDecode({ type: "todo-list", version: "1.0", items: [{ description: "" }] })).toMatchObject({
      ok: false,
      code: "DECODE_INVALID",
      reason: expect.stringContaining("items.0.description"),
    });
    expect(r.decode({ type: "nope", version: "1.0" })).toBeUndefined();
  });

  it("does not look names up on Object.prototype", () => {
    const r = registry();
    for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty"])
      expect(r.tryDecode({ type: name, version: "1.0" })).toMatchObject({ code: "DECODE_UNKNOWN_TYPE" });
  });

  it("a stored __proto__ key neither pollutes nor survives", () => {
    const decoded = registry().decode(
      JSON.parse('{"type":"todo-list","version":"1.0","items":[],"__proto__":{"polluted":1}}'),
    );
    expect(decoded).toEqual({ items: [] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("reads an older readable version, through the migration when one is given", () => {
    const V2 = work("named", z.object({ fullName: z.string() }), {
      version: "2.0",
      readVersions: ["1.*"],
      migrate: (fields, from) =>
        from.startsWith("1.") ? { fullName: `${fields.first} ${fields.last}` } : fields,
    });
    const r = new WorkRegistry().register(V2);
    expect(r.decode({ type: "named", version: "1.3", first: "Ann", last: "Lee" })).toEqual({
      fullName: "Ann Lee",
    });
    expect(r.decode({ type: "named", version: "2.0", fullName: "Bob" })).toEqual({ fullName: "Bob" });
  });

  it("refuses two different types with one name, and encoding objects it does not know", () => {
    const r = registry();
    r.register(TodoList); // the same type again is fine
    expect(() => r.register(work("todo-list", z.object({})))).toThrow(WorkError);
    expect(() => r.encode({ items: [] })).toThrow(/create/);
    const Unregistered = work("elsewhere", z.object({}));
    expect(() => r.encode(Unregistered.create())).toThrow(/not registered/);
  });

  it("lists and finds its types", () => {
    const r = registry();
    expect(r.get("todo-list")).toBe(TodoList);
    expect(r.has("todo-list")).toBe(true);
    expect(r.types()).toEqual([TodoList]);
  });
});
