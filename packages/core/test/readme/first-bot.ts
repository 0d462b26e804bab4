// The first bot of packages/core/README.md, line for line: keep the two in step (readme-example.test.ts runs it).
import { createBot, draft, reply, toPlainText, work } from "@sprig/core";
import { z } from "zod";

// A work type: one zod schema is the data, its validation and its form.
export const Ticket = work(
  "ticket",
  z.object({
    title: z.string().trim().min(1, "Say what is wrong"),
    priority: z.enum(["low", "high"]).default("low"),
    status: z.enum(["open", "closed"]).default("open"),
  }),
);

export const bot = createBot();

// `{numbers:number...}` is typed: `vars.numbers` is a `number[]`.
bot.command(
  "sum {numbers:number...}",
  { description: "Add numbers up" },
  ({ vars }) => `That makes ${vars.numbers.reduce((a, b) => a + b, 0)}.`,
);

// A blank form (a draft: the title is still missing); its "File" button submits it.
bot.command("ticket", { description: "File a ticket" }, () => draft(Ticket));
bot.button(Ticket, "file", { text: "File", showWhen: "edit" }, ({ form, user }) => [
  reply(`Filed "${form.title}" for ${user.name}.`),
  form, // the validated ticket, shown read-only with its view buttons
]);
bot.button(Ticket, "close", { text: "Close" }, ({ form }) => Ticket.create({ ...form, status: "closed" }));

// Addressed messages that match no command (`/help` is built in).
bot.fallback(({ message }) => `I don't know "${toPlainText(message)}". Try /help.`);
