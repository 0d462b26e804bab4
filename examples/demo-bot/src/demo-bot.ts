/**
 * The demo bot: a tour of sprig.
 *
 *   /echo {words...}   says the words back
 *   (any message in a 1:1 that is not a command is echoed)
 *   /showcase          one message with every content kind, and a form with every field kind
 *   /help              a help page of its own (replaces the built-in one)
 */
import {
  accessRequest,
  type Bot,
  type BotOptions,
  createBot,
  draft,
  heading,
  message,
  paragraph,
  table,
  toPlainText,
  usageOf,
  words,
} from "@sprig/core";
import { OFFICES, Showcase } from "./showcase-form.ts";
import { showcaseMessage } from "./showcase-message.ts";

export interface DemoBotOptions extends BotOptions<{}> {
  /** An http(s) picture for /showcase (a pod refuses other image addresses). */
  readonly pictureUrl?: string;
}

export function createDemoBot(options: DemoBotOptions = {}): Bot {
  const { pictureUrl, ...botOptions } = options;
  const bot = createBot(botOptions);

  bot.command(
    "echo {words...}",
    { description: "Say the words back, e.g. /echo hello there", order: 1 },
    ({ vars }) => vars.words.join(" "),
  );

  bot.command(
    "showcase",
    { description: "Every kind of content, and a form with every field", order: 2 },
    async ({ user, conversations, chat }) => {
      // The pickers offer the room's members and the bot's rooms; the dropdown, run-time options.
      const users = chat ? await conversations.members(chat) : [user];
      const data = { offices: OFFICES, users, chats: await conversations.chats() };
      return [showcaseMessage(user, pictureUrl), draft(Showcase, { host: user }, { data })];
    },
  );

  bot.button(Showcase, "submit", { text: "Submit", showWhen: "edit", style: "primary" }, ({ form }) => [
    `Thanks, ${form.name}: ${form.guests} guest${form.guests === 1 ? "" : "s"}, size ${form.size}, zone ${form.zone}.`,
    form,
  ]);

  // The help page, written by hand: a heading, the commands this person may run here, a tip.
  bot.command("help", { description: "This page", order: 9 }, async ({ user, chat, conversations }) => {
    const commands = await bot.commandsFor(accessRequest(user, chat, conversations));
    return message(
      heading(2, "Demo bot"),
      paragraph(...words("A tour of sprig. These are the commands you may use here:")),
      table(
        commands.map((c) => [usageOf(c), c.options.description ?? ""]),
        ["Command", "What it does"],
      ),
      paragraph(
        ...words(
          chat ? "In a room, start with / or mention me." : "Here, anything that is not a command is echoed.",
        ),
      ),
    );
  });

  // Echo what people say to the bot in a 1:1 (commands are answered by their handlers).
  bot.fallback(({ message: said, chat }) => {
    const text = toPlainText(said);
    return chat || text.startsWith("/") ? "Sorry, I don't know that command. Send /help." : text;
  });

  return bot;
}
