import { type ButtonView, Chat, WorkRegistry, type WorkResponse, type WorkType, work } from "@sprig/core";
import { parsePresentationML, translateMessageML } from "@sprig/messageml";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { recoverWorkFromMessage, SymphonyRenderer } from "../../src/index.ts";

const Todo = work(
  "todo.Item",
  z.object({ description: z.string().min(1), done: z.boolean().default(false) }),
);
const chat = Chat.of("symphony", "stream1", "Room");

function respond(
  type: WorkType<unknown>,
  value: unknown,
  mode: "view" | "edit",
  extra: Partial<WorkResponse> = {},
): WorkResponse {
  const buttons: ButtonView[] = [{ id: "save", text: "Save" }];
  return {
    kind: "work",
    to: chat,
    workType: type,
    value,
    mode,
    template: mode === "view" ? type.templates.view : type.templates.edit,
    buttons,
    errors: {},
    tags: [type.typeName.replace(/\./g, "-")],
    ...extra,
  };
}

describe("work rendering", () => {
  const works = new WorkRegistry().register(Todo);
  const renderer = new SymphonyRenderer({ works });

  it("smoke", () => {
    const item = Todo.create({ description: '<form id="x"><button name="y">z</button></form>' });
    for (const mode of ["view", "edit"] as const) {
      const out = renderer.render(respond(Todo as WorkType<unknown>, item, mode));
      const res = translateMessageML(out.message, { data: out.data });
      expect(res.presentationML).toContain("&lt;form id=&quot;x&quot;&gt;");
      expect(recoverWorkFromMessage(works, JSON.stringify(out.data))).toEqual(item);
    }
  });
});
