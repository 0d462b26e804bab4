// A submission may only pick what the form offered: a dropdown's options (from the data the
// message carried, or from the work object), a choice's options, a person who exists, a room the
// submitter is in. Anything else is refused with a field error, and the handler never runs.
import { chat as chatField, createBot, ErrorCode, edit, silentLogger, user, work } from "@sprig/core";
import { testChat } from "@sprig/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const Order = work(
  "order",
  z.object({
    team: z.string().meta({ dropdown: { source: "teams" } }),
    size: z
      .string()
      .optional()
      .meta({ dropdown: { source: "sizes" } }),
    sizes: z.array(z.string()).default([]),
    tags: z.array(z.enum(["red", "blue"])).default([]),
    owner: user().optional(),
    room: chatField().optional(),
    lines: z.array(z.object({ team: z.string().meta({ dropdown: { source: "teams" } }) })).default([]),
  }),
);

function setup() {
  const saved: unknown[] = [];
  const bot = createBot({ logger: silentLogger });
  bot.command("order", () =>
    edit(Order.create({ team: "red", sizes: ["S", "M"] }), { data: { teams: ["red", "blue"] } }),
  );
  bot.button(Order, "save", { text: "Save", showWhen: "edit" }, ({ form }) => {
    saved.push(form);
    return "saved";
  });
  const chat = testChat(bot);
  const team = chat.room("Team", { members: ["ann", "bob"] });
  chat.chatRoom("Secret", { members: ["bob"] });
  return { chat, team, saved };
}

describe("submitted selections are checked against what the form offered", () => {
  it("a dropdown value the message's data did not offer is refused with a field error", async () => {
    const { team, saved } = setup();
    await team
      .as("ann")
      .send("/order")
      .submit({ team: "green" })
      .expectStatus("invalid")
      .expectFieldError("team", "is not one of the options; choose from: red, blue.");
    await team.send("/order").submit({ team: "blue" }).expectStatus("button").expectText("saved");
    expect(saved).toHaveLength(1);
  });

  it("a dropdown fed from the work object takes only the object's options", async () => {
    const { team } = setup();
    await team
      .as("ann")
      .send("/order")
      .submit({ size: "XL" })
      .expectFieldError("size", /choose from: S, M/);
    await team.send("/order").submit({ size: "M" }).expectStatus("button");
  });

  it("a multiple choice with one option never offered is refused", async () => {
    const { team } = setup();
    await team
      .as("ann")
      .send("/order")
      .submit({ tags: ["red", "green"] })
      .expectStatus("invalid");
    await team
      .send("/order")
      .submit({ tags: ["red", "blue"] })
      .expectStatus("button");
  });

  it("a user picker takes only a person the platform's directory knows", async () => {
    const { chat, team, saved } = setup();
    await team
      .as("ann")
      .send("/order")
      .submit({ owner: "u999" })
      .expectStatus("invalid")
      .expectFieldError("owner", /no person with id "u999"/)
      // The form shown back offers the field empty: a forged id is never echoed into the markup.
      .check((replies) => {
        const shown = replies.find((r) => r.kind === "work");
        expect(shown?.value).not.toHaveProperty("owner");
        expect(JSON.stringify(shown?.value)).not.toContain("u999");
      });
    await team
      .send("/order")
      .submit({ owner: chat.user("bob").id })
      .expectStatus("button");
    expect(saved).toEqual([
      expect.objectContaining({ owner: expect.objectContaining({ id: chat.user("bob").id }) }),
    ]);
  });

  it("a chat picker takes only a room the submitter is in", async () => {
    const { chat, team } = setup();
    const secret = chat.chatRoom("Secret");
    const home = chat.chatRoom("Team");
    await team
      .as("ann")
      .send("/order")
      .submit({ room: secret.id })
      .expectStatus("invalid")
      .expectFieldError("room", /not one you are in/);
    await team.send("/order").submit({ room: "r999" }).expectStatus("invalid");
    await team.send("/order").submit({ room: home.id }).expectStatus("button");
  });

  it("a table row being added takes only the offered options too", async () => {
    const { team } = setup();
    await team.as("ann").send("/order").press("sprig-table:add:lines");
    await team
      .press("sprig-table:done:lines.0", { "lines.0.team": "green" })
      .expectFieldError("lines.0.team", /choose from: red, blue/);
    await team
      .press("sprig-table:done:lines.0", { "lines.0.team": "blue" })
      .expectWork(Order, { value: { lines: [{ team: "blue" }] } });
  });

  it("refusals carry no handler run and a code-free field error the person can act on", async () => {
    const { team, saved } = setup();
    await team
      .as("ann")
      .send("/order")
      .submit({ team: "green", owner: "nobody" })
      .check((replies) => {
        expect(replies.some((r) => r.kind === "error" && r.errorCode === ErrorCode.Forbidden)).toBe(false);
        expect(Object.keys(replies.at(-1)!.errors).sort()).toEqual(["owner", "team"]);
      });
    expect(saved).toEqual([]);
  });
});
