import type { StandardSchemaV1 } from "@standard-schema/spec";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { User, user, WorkError, work, workTypeOf } from "../../src/index.ts";

const Item = z.object({
  description: z.string().min(1),
  assignee: user().optional(),
  status: z.enum(["open", "done"]).default("open"),
});
const TodoList = work("todo-list", z.object({ items: z.array(Item).default([]) }));

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as WorkError).code;
  }
  return undefined;
}

describe("work() definition", () => {
  it("names, versions and default templates", () => {
    expect(TodoList.typeName).toBe("todo-list");
    expect(TodoList.version).toBe("1.0");
    expect(TodoList.readVersions).toEqual(["1.0"]);
    expect(TodoList.templates).toEqual({ view: "default-view", edit: "default-edit" });
    expect(TodoList.index).toBe(true);
  });

  it("takes explicit version, read versions, templates and tags", () => {
    const T = work("poll", z.object({ q: z.string() }), {
      version: "2.1",
      readVersions: ["1.*"],
      templates: { view: "poll-card" },
      tags: ["p-123"],
    });
    expect(T.readVersions).toEqual(["2.1", "1.*"]);
    expect(T.templates).toEqual({ view: "poll-card", edit: "default-edit" });
    expect(T.tags).toEqual(["p-123"]);
    expect(T.index).toBe(true);
    expect(work("unindexed", z.object({}), { index: false }).index).toBe(false);
  });

  it("canRead honours exact versions, prefix wildcards and *", () => {
    const T = work("a", z.object({}), { version: "2.0", readVersions: ["1.*"] });
    expect(T.canRead("2.0")).toBe(true);
    expect(T.canRead("1.3")).toBe(true);
    expect(T.canRead("3.0")).toBe(false);
    expect(work("b", z.object({}), { readVersions: ["*"] }).canRead("anything")).toBe(true);
  });

  it("refuses bad names, bad versions, non-object schemas and reserved fields with codes", () => {
    expect(codeOf(() => work("", z.object({})))).toBe("WORK_BAD_TYPE_NAME");
    expect(codeOf(() => work("has space", z.object({})))).toBe("WORK_BAD_TYPE_NAME");
    expect(codeOf(() => work("x", z.object({}), { version: "1 0" }))).toBe("WORK_BAD_VERSION");
    expect(codeOf(() => work("x", z.object({}), { readVersions: ["a*b"] }))).toBe("WORK_BAD_VERSION");
    expect(codeOf(() => work("x", z.string()))).toBe("WORK_SCHEMA_NOT_OBJECT");
    expect(codeOf(() => work("x", z.object({ type: z.string() })))).toBe("WORK_RESERVED_FIELD");
    expect(codeOf(() => work("x", z.object({ version: z.string() })))).toBe("WORK_RESERVED_FIELD");
  });
});

describe("create / is / validate", () => {
  it("applies schema defaults and brands the result", () => {
    const list = TodoList.create();
    expect(list).toEqual({ items: [] });
    expect(TodoList.is(list)).toBe(true);
    expect(workTypeOf(list)).toBe(TodoList);
    // the brand is invisible to JSON, keys and equality
    expect(JSON.stringify(list)).toBe('{"items":[]}');
    expect(Object.keys(list)).toEqual(["items"]);
  });

  it("evaluates function defaults at create time (e.g. the current user)", () => {
    let current = User.of("test", "u1", "Ann");
    const Note = work(
      "note",
      z.object({ author: user().default(() => current), text: z.string().default("") }),
    );
    expect(Note.create().author).toEqual(User.of("test", "u1", "Ann"));
    current = User.of("test", "u2", "Bob");
    expect(Note.create().author.id).toBe("u2");
  });

  it("is() is false for look-alike plain objects and for other types' objects", () => {
    const Other = work("other", z.object({ items: z.array(Item).default([]) }));
    expect(TodoList.is({ items: [] })).toBe(false);
    expect(TodoList.is(Other.create())).toBe(false);
    expect(TodoList.is(null)).toBe(false);
    expect(workTypeOf("text")).toBeUndefined();
  });

  it("create throws WORK_INVALID with field errors for bad input", () => {
    try {
      TodoList.create({ items: [{ description: "" }] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(WorkError);
      expect((error as WorkError).code).toBe("WORK_INVALID");
      expect((error as WorkError).fieldErrors).toHaveProperty("items.0.description");
      expect((error as WorkError).message).toContain("items.0.description");
    }
  });

  it("validate returns dotted-path field errors and brands valid values", async () => {
    const bad = await TodoList.validate({ items: [{ description: 5, status: "lost" }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(Object.keys(bad.errors).sort()).toEqual(["items.0.description", "items.0.status"]);
    }
    const good = await TodoList.validate({ items: [{ description: "Milk" }] });
    expect(good.ok && TodoList.is(good.value)).toBe(true);
  });

  it("an async schema validates through validate() but create() says why it cannot", async () => {
    const Async = work("async", z.object({ a: z.string().refine(async (s) => s === "ok") }));
    expect((await Async.validate({ a: "ok" })).ok).toBe(true);
    expect((await Async.validate({ a: "no" })).ok).toBe(false);
    expect(codeOf(() => Async.create({ a: "ok" }))).toBe("WORK_ASYNC_SCHEMA");
  });
});

/** A hand-written Standard Schema (not zod), as valibot or arktype would provide. */
const evenSchema: StandardSchemaV1<unknown, { n: number }> = {
  "~standard": {
    version: 1,
    vendor: "hand",
    validate(value) {
      const n = (value as { n?: unknown } | null)?.n;
      if (typeof n === "number" && n % 2 === 0) return { value: { n } };
      return { issues: [{ message: "n must be even", path: ["n"] }] };
    },
  },
};

describe("non-zod Standard Schema", () => {
  const Even = work("even", evenSchema);

  it("validates, creates and brands", async () => {
    expect(Even.create({ n: 2 })).toEqual({ n: 2 });
    const bad = await Even.validate({ n: 3 });
    expect(bad).toEqual({ ok: false, errors: { n: "n must be even" } });
  });

  it("has no generated form: form() throws WORK_NO_FORM_MODEL unless a form option is given", () => {
    expect(codeOf(() => Even.form("view", { n: 2 }))).toBe("WORK_NO_FORM_MODEL");
    const WithForm = work("even2", evenSchema, {
      form: (mode, _value, errors, options) => ({
        typeName: "even2",
        version: "1.0",
        mode,
        template: options.template ?? "",
        fields: [],
        errors,
      }),
    });
    expect(WithForm.form("edit", { n: 2 }).template).toBe("default-edit");
  });

  it("fromFormValues rebuilds untyped (strings stay strings) and lets the schema judge", async () => {
    const result = await Even.fromFormValues({ n: "2" });
    expect(result.ok).toBe(false);
    const passThrough: StandardSchemaV1<unknown, { a: { b: string[] } }> = {
      "~standard": {
        version: 1,
        vendor: "hand",
        validate: (value: unknown) => ({ value: value as { a: { b: string[] } } }),
      },
    };
    const Strs = work("strs", passThrough);
    const rebuilt = await Strs.fromFormValues({ "a.b.0": "x", "a.b.1": "y" });
    expect(rebuilt.ok && rebuilt.value.a.b).toEqual(["x", "y"]);
    const hostile = await Strs.fromFormValues(JSON.parse('{"a.__proto__.polluted": "1"}'));
    expect(hostile.ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
