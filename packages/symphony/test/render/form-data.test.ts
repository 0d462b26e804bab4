/**
 * Options known only at run time (`edit(value, { data })`): the dropdown shows them, as values in
 * the message's data that the agent expands — never as text written into the template.
 */
import { draft, edit, toResponses, user, view, WorkRegistry, type WorkResponse, work } from "@sprig/core";
import { parsePresentationML, plainText } from "@sprig/messageml";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { SymphonyRenderer } from "../../src/index.ts";
import { agent } from "./agent.ts";
import { room } from "./fixtures.ts";

const Ticket = work(
  "test.Ticket",
  z.object({
    title: z.string().min(1),
    assignee: z.string().meta({ dropdown: { source: "people", value: "id", label: "name" } }),
    watchers: z
      .array(z.string())
      .meta({ dropdown: { source: "people" } })
      .default([]),
    owner: user().optional(),
  }),
);
const renderer = new SymphonyRenderer({ works: new WorkRegistry().register(Ticket) });
const people = [
  { id: "u1", name: "Ann <b>Lee</b>" },
  { id: "u2", name: "${data} Bob" },
];

function workOf(result: unknown): WorkResponse {
  const [response] = toResponses(result, room);
  if (response?.kind !== "work") throw new Error("expected a work response");
  return { ...response, buttons: [{ id: "save", text: "Save" }] };
}

function optionsOf(view: ReturnType<typeof agent>, name: string): string[] {
  const start = view.elements.indexOf(view.named(name) as never);
  const out: string[] = [];
  for (const e of view.elements.slice(start + 1)) {
    if (e.tag !== "option") break;
    out.push(`${e.attrs.value}${e.attrs.selected ? "*" : ""}:${e.text}`);
  }
  return out;
}

describe("run-time form data on Symphony", () => {
  it("a dropdown over data given with edit(…) lists those options, the current one selected", () => {
    const ticket = Ticket.create({ title: "Fix", assignee: "u2", watchers: ["u1"] });
    const rendered = renderer.render(workOf(edit(ticket, { data: { people } })));
    const view = agent(rendered);
    expect(optionsOf(view, "assignee")).toEqual(["u1:Ann <b>Lee</b>", "u2*:${data} Bob"]);
    // A source of plain items: value and label are the item (here the objects' `id` / `name`).
    expect(optionsOf(view, "watchers")).toEqual(["u1*:Ann <b>Lee</b>", "u2:${data} Bob"]);
    // The labels travel as data; the template names only the path it reads them from.
    expect(rendered.message).not.toContain("Ann");
    expect(rendered.data).toMatchObject({
      options: {
        contents: {
          assignee: [
            { value: "u1", label: "Ann <b>Lee</b>" },
            { value: "u2", label: "${data} Bob" },
          ],
        },
      },
    });
    // The person's client sees no markup made of a label.
    expect(view.presentationML).not.toContain("<b>Lee</b>");
  });

  it("a blank draft form gets the options too, and a view shows the chosen label", () => {
    const blank = agent(renderer.render(workOf(draft(Ticket, {}, { data: { people } }))));
    expect(optionsOf(blank, "assignee")).toEqual(["u1:Ann <b>Lee</b>", "u2:${data} Bob"]);
    const ticket = Ticket.create({ title: "Fix", assignee: "u1" });
    const shown = agent(renderer.render(workOf(view(ticket, { data: { people } }))));
    expect(plainText(parsePresentationML(shown.presentationML, shown.entityJSON))).toContain(
      "Assignee\tAnn <b>Lee</b>",
    );
  });

  it("without the data the dropdown says there is nothing to choose from (the gap this closes)", () => {
    const ticket = Ticket.create({ title: "Fix", assignee: "u1" });
    const view = agent(renderer.render(workOf(edit(ticket))));
    expect(view.named("assignee")).toBeUndefined();
    expect(view.presentationML).toContain("nothing to choose from");
  });

  it("a response built by an adapter with formData but no form model renders the options too", () => {
    const ticket = Ticket.create({ title: "Fix", assignee: "u1" });
    const { form: _built, ...response } = workOf(edit(ticket, { data: { people } }));
    expect(optionsOf(agent(renderer.render(response)), "assignee")).toHaveLength(2);
  });
});
