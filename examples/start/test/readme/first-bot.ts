import { createBot, work } from "@sprig/core";
import { z } from "zod";

const Ticket = work("ticket", z.object({ title: z.string().min(1), urgent: z.boolean().default(false) }));
const bot = createBot();

bot.command("sum {numbers:number...}", ({ vars }) => `${vars.numbers.reduce((a, b) => a + b, 0)}`);
bot.command("ticket", () => Ticket.create({ title: "New ticket" }));
bot.button(Ticket, "urgent", { text: "Make urgent" }, ({ form }) => Ticket.create({ ...form, urgent: true }));

export { bot, Ticket };
