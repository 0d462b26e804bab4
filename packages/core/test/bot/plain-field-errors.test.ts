// A person who types "abc" into a number field of a todo-style form sees what to type, in plain
// words, not zod's developer wording; the schema author's own message still shows as written.
import { createBot, edit, silentLogger, work } from "@sprig/core";
import { testChat } from "@sprig/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const Task = work(
  "plain-task",
  z.object({
    description: z.string().trim().min(1, "Say what needs doing"),
    hours: z.number().int().min(1).optional(),
    status: z.enum(["open", "done"]).default("open"),
  }),
);

function setup() {
  const saved: string[] = [];
  const bot = createBot({ logger: silentLogger });
  bot.command("new", () => edit(Task.create({ description: "Buy milk" })));
  bot.button(Task, "save", { text: "Save", showWhen: "edit" }, ({ form }) => {
    saved.push(form.description);
    return `Saved ${form.description}`;
  });
  const room = testChat(bot).room("Team", { members: ["alice"] });
  return { saved, room };
}

describe("field errors a person sees in chat", () => {
  it("'abc' in a number field says 'Enter a number', not zod's wording, and nothing is saved", async () => {
    const { saved, room } = setup();
    const conversation = room.as("alice").send("/new").press("save", { description: "Milk", hours: "abc" });
    await conversation.expectStatus("invalid").expectFieldError("hours", "Enter a number");
    const shown = conversation.replies.flatMap((r) => Object.values(r.errors));
    expect(shown.join(" ")).not.toMatch(/expected|received|Invalid input/);
    expect(saved).toEqual([]);
  });

  it("a fraction in a whole-number field, and an unknown status, are explained plainly", async () => {
    const { room } = setup();
    await room
      .as("alice")
      .send("/new")
      .forgePress("save", { values: { description: "Milk", hours: "1.5", status: "closed" } })
      .expectFieldError("hours", "Enter a whole number")
      .expectFieldError("status", "Choose one of the options");
  });

  it("the author's own message is kept", async () => {
    const { room } = setup();
    await room
      .as("alice")
      .send("/new")
      .press("save", { description: "   " })
      .expectFieldError("description", "Say what needs doing");
  });
});
