import { createBot, draft, edit, findField, silentLogger, toResponses, User, user, work } from "@sprig/core";
import { testChat } from "@sprig/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const Ticket = work(
  "ticket",
  z.object({
    title: z.string().min(1),
    assignee: z.string().meta({ dropdown: { source: "people", value: "id", label: "name" } }),
    owner: user().optional(),
  }),
);
const here = User.of("test", "u1", "ann");
const people = [
  { id: "p1", name: "Ann" },
  { id: "p2", name: "Bob" },
];
const members = [User.of("test", "u1", "Ann"), User.of("test", "u2", "Bob")];

describe("run-time form data (edit / draft / view with `data`)", () => {
  it("the response carries the data and a form model built with it", () => {
    const ticket = Ticket.create({ title: "Fix", assignee: "p2" });
    const [response] = toResponses(edit(ticket, { data: { people, users: members } }), here);
    if (response?.kind !== "work") throw new Error("expected work");
    expect(response.formData).toEqual({ people, users: members });
    expect(findField(response.form!, "assignee")).toMatchObject({
      kind: "dropdown",
      options: [
        { value: "p1", label: "Ann" },
        { value: "p2", label: "Bob" },
      ],
      value: ["p2"],
      text: "Bob",
    });
    expect(findField(response.form!, "owner")).toMatchObject({ kind: "user", options: members });
  });

  it("without data nothing is pre-built (adapters build the form as before)", () => {
    const [response] = toResponses(edit(Ticket.create({ title: "Fix", assignee: "p1" })), here);
    expect(response).not.toHaveProperty("form");
    expect(response).not.toHaveProperty("formData");
  });

  it("a bot's blank form shows the options it was given, in the test kit too", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("ticket", () => draft(Ticket, { title: "" }, { data: { people } }));
    const chat = testChat(bot);
    await chat.room("R").as("ann").send("/ticket");
    const sent = chat.transcript.at(-1);
    const field = sent?.form && findField(sent.form, "assignee");
    expect(field?.kind === "dropdown" && field.options.map((o) => o.label)).toEqual(["Ann", "Bob"]);
  });
});
