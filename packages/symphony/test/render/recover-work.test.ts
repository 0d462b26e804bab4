import { WorkRegistry, type WorkType, work } from "@sprig/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { recoverFormFromMessage, recoverWorkFromMessage, SymphonyRenderer } from "../../src/index.ts";
import { Todo, workResponse } from "./fixtures.ts";

describe("recoverWorkFromMessage", () => {
  const works = new WorkRegistry().register(Todo);
  const item = Todo.create({ description: "Milk" });
  const data = new SymphonyRenderer({ works }).render(
    workResponse(Todo as WorkType<unknown>, item, "edit"),
  ).data;

  it("reads the work object from the form message's data, as a JSON string or object", () => {
    expect(recoverWorkFromMessage(works, JSON.stringify(data))).toEqual(item);
    expect(recoverWorkFromMessage(works, data)).toEqual(item);
    expect(Todo.is(recoverWorkFromMessage(works, JSON.stringify(data)))).toBe(true);
    // The agent may hand data back as a JSON string holding a JSON string.
    expect(recoverWorkFromMessage(works, JSON.stringify(JSON.stringify(data)))).toEqual(item);
  });

  it("gives undefined for anything it cannot read, without throwing", () => {
    const Other = work("other", z.object({ x: z.string() }));
    for (const bad of [
      undefined,
      "",
      "{not json",
      "[]",
      JSON.stringify({}),
      JSON.stringify({ form: { type: "other", version: "1.0", x: "y" } }),
      JSON.stringify({ form: { type: "todo.Item", version: "9.9", description: "x" } }),
      JSON.stringify({ form: { type: "todo.Item", version: "1.0", description: "" } }),
      JSON.stringify({
        form: { type: "todo.Item", version: "1.0", description: "x" },
        header: { draft: true },
      }),
      JSON.stringify({ form: { type: "__proto__", version: "1.0" } }),
    ])
      expect(recoverWorkFromMessage(works, bad)).toBeUndefined();
    expect(Other.typeName).toBe("other");
  });
});

describe("recoverFormFromMessage: run-time form data", () => {
  const works = new WorkRegistry().register(Todo);
  const item = Todo.create({ description: "Milk" });
  const renderer = new SymphonyRenderer({ works });

  it("the handler's form data travels in the message's data and comes back with the press", () => {
    const people = [{ id: "u1", name: "Ann <b>" }];
    const rendered = renderer.render(
      workResponse(Todo as WorkType<unknown>, item, "edit", { formData: { people } }),
    );
    expect(recoverFormFromMessage(works, JSON.stringify(rendered.data)).formData).toEqual({ people });
  });

  it("data JSON cannot hold (a cycle) is left out rather than failing the send", () => {
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    const rendered = renderer.render(
      workResponse(Todo as WorkType<unknown>, item, "edit", { formData: { cyclic } }),
    );
    const recovered = recoverFormFromMessage(works, JSON.stringify(rendered.data));
    expect(recovered.work).toEqual(item);
    expect(recovered.formData).toBeUndefined();
  });
});
