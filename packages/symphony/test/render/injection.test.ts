import { WorkRegistry, type WorkType } from "@sprig/core";
import { parsePresentationML, plainText } from "@sprig/messageml";
import { describe, expect, it } from "vitest";
import { recoverWorkFromMessage, SymphonyRenderer } from "../../src/index.ts";
import { agent } from "./agent.ts";
import { Everything, everything, Todo, workResponse } from "./fixtures.ts";

const HOSTILE = [
  '<form id="x"><button name="y">z</button></form>',
  "${data}",
  "<#list 1..3 as i>${i}</#list>",
  "#{1} <@m/> ]]> &amp; \" ' </td></tr>",
];

describe("user text is never markup or template", () => {
  const works = new WorkRegistry().register(Todo).register(Everything);
  const renderer = new SymphonyRenderer({ works });
  const todo = Todo as WorkType<unknown>;

  for (const text of HOSTILE) {
    it(`a todo item whose text is ${JSON.stringify(text)} shows as that text (view)`, () => {
      const item = Todo.create({ description: text });
      const rendered = renderer.render(workResponse(todo, item, "view"));
      expect(rendered.message).not.toContain(text);
      const view = agent(rendered);
      expect(view.elements.filter((e) => e.tag === "form").map((e) => e.attrs.id)).toEqual(["todo.Item"]);
      expect(view.buttons()).toEqual([{ name: "save", text: "Save" }]);
      expect(plainText(parsePresentationML(view.presentationML, view.entityJSON))).toContain(text);
      expect(recoverWorkFromMessage(works, JSON.stringify(rendered.data))).toEqual(item);
    });

    it(`a todo item whose text is ${JSON.stringify(text)} shows as that text (edit)`, () => {
      const item = Todo.create({ description: text });
      const rendered = renderer.render(workResponse(todo, item, "edit"));
      expect(rendered.message).not.toContain(text);
      const view = agent(rendered);
      expect(view.elements.filter((e) => e.tag === "form").map((e) => e.attrs.id)).toEqual(["todo.Item"]);
      expect(view.buttons()).toEqual([{ name: "save", text: "Save" }]);
      expect(view.named("description")?.attrs.value).toBe(text);
    });
  }

  it("in table cells, dropdown labels, users' and rooms' names, errors and header tags too", () => {
    const evil = HOSTILE[0] as string;
    const value = everything({
      items: [{ description: evil, done: false }],
      teams: [
        { code: "a", title: evil },
        { code: "b", title: "${data}" },
      ],
      room: { kind: "chat", platform: "symphony", id: "s1", name: evil },
    });
    for (const mode of ["view", "edit"] as const) {
      const rendered = renderer.render(
        workResponse(Everything as WorkType<unknown>, value, mode, {
          errors: { title: evil, "": "${data}" },
          tags: ["ok"],
        }),
      );
      const view = agent(rendered);
      expect(view.elements.filter((e) => e.tag === "form")).toHaveLength(1);
      expect(view.buttons().filter((b) => b.name === "y")).toEqual([]);
      const text = plainText(parsePresentationML(view.presentationML, view.entityJSON));
      expect(text).toContain(evil);
      expect(text).toContain("${data}");
    }
  });

  it("characters XML cannot carry become U+FFFD instead of failing the whole message", () => {
    const item = Todo.create({ description: "a\u0001b\u001fc\ud800d" });
    for (const mode of ["view", "edit"] as const) {
      const rendered = renderer.render(workResponse(todo, item, mode));
      const view = agent(rendered);
      const shown = "a\ufffdb\ufffdc\ufffdd";
      if (mode === "edit") expect(view.named("description")?.attrs.value).toBe(shown);
      else expect(plainText(parsePresentationML(view.presentationML))).toContain(shown);
      expect(
        (recoverWorkFromMessage(works, JSON.stringify(rendered.data)) as { description: string }).description,
      ).toBe(shown);
    }
  });

  it("hostile button text and ids stay text and attribute values", () => {
    const item = Todo.create({ description: "x" });
    const rendered = renderer.render(
      workResponse(todo, item, "view", { buttons: [{ id: 'a"><b', text: "${data} <i>hi</i>" }] }),
    );
    const view = agent(rendered);
    expect(view.buttons()).toEqual([{ name: 'a"><b', text: "${data} <i>hi</i>" }]);
  });
});
