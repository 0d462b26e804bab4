import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  choiceValues,
  constraintsOf,
  isZodSchema,
  stringFormat,
  unwrap,
} from "../../src/forms/zod-introspection.ts";
import { field } from "../../src/index.ts";

// These tests pin the zod 4 internals sprig reads (`_zod.def`, checks, registries). If a zod upgrade changes
// them, this file fails first and names what moved.
describe("zod 4 introspection", () => {
  it("recognises zod schemas and nothing else", () => {
    expect(isZodSchema(z.string())).toBe(true);
    expect(isZodSchema({ "~standard": {} })).toBe(false);
    expect(isZodSchema(null)).toBe(false);
  });

  it("unwraps optional / nullable / default / readonly / catch / pipe and records what they mean", () => {
    expect(unwrap(z.string().optional())).toMatchObject({
      type: "string",
      optional: true,
      nullable: false,
      hasDefault: false,
    });
    expect(unwrap(z.string().nullable())).toMatchObject({ nullable: true });
    expect(unwrap(z.number().default(1))).toMatchObject({ type: "number", hasDefault: true });
    expect(unwrap(z.number().catch(1))).toMatchObject({ type: "number", hasDefault: true });
    expect(unwrap(z.string().readonly())).toMatchObject({ type: "string" });
    expect(unwrap(z.string().transform((s) => s.length))).toMatchObject({ type: "string" });
    expect(unwrap(z.string().optional().nonoptional())).toMatchObject({ optional: false });
  });

  it("reads .meta() through clones (zod keeps a parent link) and through wrappers", () => {
    const base = z.string().meta({ label: "A", placeholder: "p" });
    expect(unwrap(base.optional()).meta).toMatchObject({ label: "A", placeholder: "p" });
    expect(unwrap(base.meta({ label: "B" })).meta).toMatchObject({ label: "B", placeholder: "p" });
    expect(unwrap(field(z.string(), { hidden: true }).optional()).meta).toMatchObject({ hidden: true });
    expect(unwrap(z.string().describe("help")).meta).toMatchObject({ description: "help" });
  });

  it("reads length, bound, integer and pattern checks", () => {
    expect(constraintsOf(z.string().min(2).max(5))).toEqual({ minLength: 2, maxLength: 5 });
    expect(constraintsOf(z.string().length(3))).toEqual({ minLength: 3, maxLength: 3 });
    expect(constraintsOf(z.number().int().min(0).max(9))).toEqual({ integer: true, min: 0, max: 9 });
    expect(constraintsOf(z.string().regex(/^a+$/))).toEqual({ pattern: "^a+$" });
    expect(constraintsOf(z.array(z.string()).max(4))).toEqual({ maxLength: 4 });
    const min = new Date("2026-01-01T00:00:00Z");
    expect(constraintsOf(z.date().min(min))).toEqual({ minDate: min });
  });

  it("reads string formats and closed choices", () => {
    expect(stringFormat(z.email())).toBe("email");
    expect(stringFormat(z.iso.date())).toBe("date");
    expect(stringFormat(z.iso.time())).toBe("time");
    expect(stringFormat(z.iso.datetime())).toBe("datetime");
    expect(stringFormat(z.string())).toBeUndefined();
    expect(choiceValues(z.enum(["a", "b"]))).toEqual(["a", "b"]);
    expect(choiceValues(z.enum({ A: "x", B: "y" }))).toEqual(["x", "y"]);
    expect(choiceValues(z.literal("only"))).toEqual(["only"]);
    expect(choiceValues(z.union([z.literal(1), z.literal(2)]))).toEqual([1, 2]);
    expect(choiceValues(z.union([z.literal(1), z.string()]))).toBeUndefined();
  });
});
