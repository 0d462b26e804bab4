// Field errors shown in chat are written for a person, not zod's developer wording; an author's own
// message is kept as written.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { work } from "../../src/index.ts";

const Everything = work(
  "plain-messages",
  z.object({
    title: z.string().min(1),
    summary: z.string().max(500).optional(),
    code: z.string().min(3).optional(),
    task: z.string().min(1, "Say what to do").optional(),
    count: z.number().optional(),
    whole: z.number().int().optional(),
    rating: z.number().min(1).max(5).optional(),
    above: z.number().gt(0).optional(),
    status: z.enum(["open", "done"]).optional(),
    due: z.iso.date().optional(),
    born: z.date().meta({ widget: "date" }).optional(),
    email: z.email().optional(),
    tags: z.array(z.string()).max(2).optional(),
  }),
);

async function errorsFor(values: Record<string, unknown>): Promise<Record<string, string>> {
  const result = await Everything.fromFormValues({ title: "ok", ...values });
  if (result.ok) throw new Error("expected field errors");
  return { ...result.errors };
}

describe("field errors in plain words", () => {
  it.each([
    [{ count: "abc" }, "count", "Enter a number"],
    [{ whole: "2.5" }, "whole", "Enter a whole number"],
    [{ rating: "0" }, "rating", "Enter a number of at least 1"],
    [{ rating: "9" }, "rating", "Enter a number no more than 5"],
    [{ above: "0" }, "above", "Enter a number greater than 0"],
    [{ title: "" }, "title", "This field is required"],
    [{ summary: "x".repeat(501) }, "summary", "Enter at most 500 characters"],
    [{ code: "ab" }, "code", "Enter at least 3 characters"],
    [{ status: "closed" }, "status", "Choose one of the options"],
    [{ due: "21/11/2026" }, "due", "Enter a date like 2026-11-21"],
    [{ born: "someday" }, "born", "Enter a date like 2026-11-21"],
    [{ email: "nobody" }, "email", "Enter an email address like name@example.com"],
  ])("%j → %s: %s", async (values, field, message) => {
    const errors = await errorsFor(values);
    expect(errors[field]).toBe(message);
    expect(errors[field]).not.toMatch(/expected|received|Invalid|Too (small|big)/);
  });

  it("a required field left out says so", async () => {
    const result = await Everything.fromFormValues({});
    expect(result.ok ? undefined : result.errors.title).toBe("This field is required");
  });

  it("the schema author's own message is kept as written", async () => {
    const result = await Everything.validate({ title: "ok", task: "" });
    expect(result.ok ? undefined : result.errors.task).toBe("Say what to do");
  });

  it("validate() speaks plainly too (its errors go next to fields)", async () => {
    const result = await Everything.validate({ title: "ok", count: "abc", tags: ["a", "b", "c"] });
    expect(result.ok ? undefined : result.errors).toEqual({
      count: "Enter a number",
      tags: "Choose at most 2 items",
    });
  });

  it("issues the map does not know keep zod's own wording", async () => {
    const Refined = work(
      "plain-refined",
      z.object({ n: z.number() }).refine((v) => v.n > 1, { path: ["n"] }),
    );
    const result = await Refined.validate({ n: 1 });
    expect(result.ok ? undefined : result.errors.n).toBe("Invalid input");
  });
});
