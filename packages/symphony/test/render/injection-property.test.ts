import { WorkRegistry, type WorkType } from "@sprig/core";
import { parsePresentationML, plainText } from "@sprig/messageml";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SymphonyRenderer } from "../../src/index.ts";
import { agent } from "./agent.ts";
import { Todo, workResponse } from "./fixtures.ts";

const works = new WorkRegistry().register(Todo);
const renderer = new SymphonyRenderer({ works });

/** Text made of the pieces markup and FreeMarker are made of, plus ordinary characters. */
const hostileText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "<",
        ">",
        "&",
        '"',
        "'",
        "${",
        "#{",
        "<#",
        "</#",
        "<@",
        "}",
        "]]>",
        "&amp;",
        "<form>",
        "\\",
        " ",
      ),
      fc.string({ maxLength: 4 }),
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((parts) => parts.join(""))
  .filter((s) => s.trim() !== "");

describe("property: any todo text comes back as exactly that text", () => {
  it("edit: the input's value is the text", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const view = agent(
          renderer.render(
            workResponse(Todo as WorkType<unknown>, Todo.create({ description: text }), "edit"),
          ),
        );
        expect(view.named("description")?.attrs.value).toBe(text);
        expect(view.buttons()).toEqual([{ name: "save", text: "Save" }]);
      }),
      { numRuns: 150 },
    );
  });

  it("view: the text is shown", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const view = agent(
          renderer.render(
            workResponse(Todo as WorkType<unknown>, Todo.create({ description: text }), "view"),
          ),
        );
        expect(plainText(parsePresentationML(view.presentationML, view.entityJSON))).toContain(text.trim());
      }),
      { numRuns: 150 },
    );
  });
});
