/**
 * The agent refuses a whole message whose text-field holds an initial value longer than 128
 * characters, or outside the field's own minlength / maxlength. Edit forms of any stored value,
 * and forms sent back after a failed validation, must still open.
 */
import { WorkRegistry, type WorkType, work } from "@sprig/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { SymphonyRenderer } from "../../src/index.ts";
import { agent } from "./agent.ts";
import { workResponse } from "./fixtures.ts";

const Note = work(
  "test.Note",
  z.object({
    text: z.string().min(1),
    code: z.string().min(3).max(10).optional(),
    summary: z.string().max(500).optional(),
    count: z.number().optional(),
  }),
);
const renderer = new SymphonyRenderer({ works: new WorkRegistry().register(Note) });
const edit = (value: unknown, extra = {}) =>
  agent(renderer.render(workResponse(Note as WorkType<unknown>, value, "edit", extra)));

describe("long text values in edit forms", () => {
  it("a value of 128 characters stays in a text-field", () => {
    const shown = edit(Note.create({ text: "a".repeat(128) }));
    expect(shown.named("text")).toMatchObject({ tag: "input", attrs: { value: "a".repeat(128) } });
  });

  it("a 200-character value opens in a textarea holding all of it", () => {
    const long = `${"word ".repeat(39)}tail!`;
    expect(long.length).toBe(200);
    const shown = edit(Note.create({ text: long }));
    expect(shown.named("text")).toMatchObject({ tag: "textarea", text: long });
  });

  it("a schema allowing more than 128 characters gets a textarea (a text-field's maxlength tops out at 128)", () => {
    const shown = edit(Note.create({ text: "x", summary: "short" }));
    expect(shown.named("summary")).toMatchObject({ tag: "textarea", attrs: { maxlength: "500" } });
  });

  it("a draft sent back with a value outside the field's limits opens, limits left to the bot's check", () => {
    const retry = edit(
      { text: "y".repeat(300), code: "ab" },
      { draft: true, errors: { code: "At least 3 characters" } },
    );
    expect(retry.named("text")).toMatchObject({ tag: "textarea", text: "y".repeat(300) });
    expect(retry.named("code")).toMatchObject({ tag: "input", attrs: { value: "ab" } });
    expect(retry.named("code")?.attrs.minlength).toBeUndefined();
    const fits = edit(Note.create({ text: "z", code: "abcd" }));
    expect(fits.named("code")?.attrs).toMatchObject({ minlength: "3", maxlength: "10", value: "abcd" });
  });

  it("a long word in a number field's draft opens too", () => {
    const shown = edit({ text: "t", count: "9".repeat(150) }, { draft: true });
    expect(shown.named("count")).toMatchObject({ tag: "textarea", text: "9".repeat(150) });
  });
});
