import { Chat, type FormAction, User, WorkRegistry, type WorkType } from "@sprig/core";
import { describe, expect, it } from "vitest";
import { SymphonyRenderer } from "../../src/index.ts";
import { agent } from "./agent.ts";
import { room, Todo, workResponse } from "./fixtures.ts";

const works = new WorkRegistry().register(Todo);
const item = Todo.create({ description: "Milk" });
const press: FormAction = {
  kind: "form",
  eventId: "e1",
  time: new Date(0),
  user: User.of("symphony", "12345", "Alice"),
  addressable: room,
  formId: "todo.Item",
  buttonId: "save",
  values: {},
  formMessageId: "msg-1",
};

describe("updating the form message in place", () => {
  const response = workResponse(Todo as WorkType<unknown>, item, "view");

  it("is off by default", () => {
    expect(new SymphonyRenderer({ works }).render(response, press).replaces).toBeUndefined();
  });

  it("when on, a work response of the pressed form's type to the same chat replaces the form message", () => {
    const renderer = new SymphonyRenderer({ works, updateFormInPlace: true });
    expect(renderer.render(response, press).replaces).toBe("msg-1");
    expect(renderer.render(response, { ...press, formId: "other" }).replaces).toBeUndefined();
    expect(
      renderer.render({ ...response, to: Chat.of("symphony", "elsewhere") }, press).replaces,
    ).toBeUndefined();
    const { formMessageId: _, ...noId } = press;
    expect(renderer.render(response, noId).replaces).toBeUndefined();
    expect(renderer.render(response, undefined).replaces).toBeUndefined();
  });
});

describe("header tags", () => {
  it("a tag the agent would refuse as a hashtag is left out of the body, not the whole message", () => {
    const rendered = new SymphonyRenderer({ works }).render(
      workResponse(Todo as WorkType<unknown>, item, "view", {
        tags: ["todo-Item", "two words", "tab\there"],
      }),
    );
    const view = agent(rendered);
    expect(view.presentationML).toContain("#todo-Item");
    expect(view.presentationML).not.toContain("two words");
    expect(rendered.data?.header).toMatchObject({ tags: ["todo-Item", "two words", "tab\there"] });
  });
});
