/**
 * The todo bot of Spring Bot's demos, on sprig: a list per conversation, kept in the chat
 * itself (the latest list the bot posted is the current one).
 *
 *   /new (or /nouveau)   a new, empty list
 *   /add, or "Add"       the new-item form; "Add" on it appends the item
 *   /show, /edit         the list, to read or to edit
 *   /delete 2 3          remove items by number
 *   /complete 1 [@bob]   mark items done (by bob); assignees hear of it in their 1:1
 *   /assign 1 @someone   assign items
 *   /clear               remove every item (room admins only)
 *   /send                send the list to another room (a room picker)
 */
import type { Bot, BotOptions, CommandContext, User } from "@sprig/core";
import { createBot, draft, edit, reply, UserError, view } from "@sprig/core";
import type { Item } from "./work-types.ts";
import { NewItem, SendList, TodoList } from "./work-types.ts";

type Context = CommandContext<unknown, {}>;

async function currentList(history: Context["history"]): Promise<TodoList> {
  const list = await history.latest(TodoList);
  if (!list) throw new UserError("There is no todo list here yet. Start one with /new.");
  return list;
}

/** Items by their 1-based numbers, refusing numbers the list does not have. */
function pick(list: TodoList, numbers: readonly number[]): Set<number> {
  const wrong = numbers.filter((n) => !Number.isInteger(n) || n < 1 || n > list.items.length);
  if (wrong.length > 0) {
    throw new UserError(
      `The list has ${list.items.length} item${list.items.length === 1 ? "" : "s"}; there is no item ${wrong.join(", ")}.`,
    );
  }
  return new Set(numbers.map((n) => n - 1));
}

function withItems(items: readonly Item[]): TodoList {
  return TodoList.create({ items: [...items] });
}

function names(user: User | undefined): string {
  return user?.name ?? user?.id ?? "nobody";
}

export function createTodoBot(options: BotOptions<{}> = {}): Bot {
  const bot = createBot(options);

  bot.command("new", { aliases: ["nouveau"], description: "Start a new todo list", order: 1 }, () =>
    TodoList.create(),
  );

  // A blank form: the description is still to be filled in, the assignee is whoever asked.
  const newItemForm = ({ user }: { user: User }) => draft(NewItem, { assignee: user });

  bot.command("add", { description: "Add an item", order: 2 }, newItemForm);

  bot.button(TodoList, "add-item", { text: "Add" }, newItemForm);

  bot.button(NewItem, "add", { text: "Add", showWhen: "edit" }, async ({ form, history }) => {
    const list = await currentList(history);
    return [
      reply(`Added "${form.description}" as item ${list.items.length + 1}.`),
      withItems([...list.items, { description: form.description, assignee: form.assignee, status: "open" }]),
    ];
  });

  bot.button(NewItem, "cancel", { text: "Cancel", showWhen: "edit" }, ({ history }) => currentList(history));

  bot.command("show", { description: "Show the list", order: 3 }, ({ history }) => currentList(history));

  bot.command("edit", { description: "Edit the list", order: 4 }, async ({ history }) =>
    edit(await currentList(history)),
  );

  bot.button(TodoList, "save", { text: "Save", showWhen: "edit" }, ({ form }) => view(form));

  bot.command(
    "delete {items:number...}",
    { description: "Remove items by number, e.g. /delete 2 3", order: 5 },
    async ({ vars, history }) => {
      const list = await currentList(history);
      const gone = pick(list, vars.items);
      return withItems(list.items.filter((_, i) => !gone.has(i)));
    },
  );

  bot.command(
    "complete {items:number...} {by:mention?}",
    { description: "Mark items done, e.g. /complete 1 (or /complete 1 @bob: done by bob)", order: 6 },
    async ({ vars, history, user, chat, send }) => {
      const list = await currentList(history);
      const done = pick(list, vars.items);
      const by = vars.by ?? user;
      // Tell each assignee whose item someone else finished, in their 1:1 with the bot.
      for (const i of done) {
        const item = list.items[i]!;
        if (item.assignee && item.assignee.id !== by.id) {
          await send(
            item.assignee,
            `${names(by)} completed "${item.description}"${chat?.name ? ` in ${chat.name}` : ""}.`,
          );
        }
      }
      return withItems(
        list.items.map((item, i) => (done.has(i) ? { ...item, status: "done" as const } : item)),
      );
    },
  );

  bot.command(
    "assign {items:number...} {to:mention}",
    { description: "Assign items to someone, e.g. /assign 1 @alice", order: 7 },
    async ({ vars, history }) => {
      const list = await currentList(history);
      const chosen = pick(list, vars.items);
      return [
        withItems(list.items.map((item, i) => (chosen.has(i) ? { ...item, assignee: vars.to } : item))),
        reply(`Assigned ${vars.items.join(", ")} to ${names(vars.to)}.`),
      ];
    },
  );

  bot.command("clear", { description: "Remove every item", admin: true, order: 8 }, async ({ history }) => {
    await currentList(history);
    return withItems([]);
  });

  // A room picker of the rooms the bot is in; "Send" posts the list there.
  bot.command(
    "send",
    { description: "Send the list to another room", order: 9 },
    async ({ history, conversations }) => {
      await currentList(history);
      return draft(SendList, {}, { data: { chats: await conversations.chats() } });
    },
  );

  bot.button(
    SendList,
    "send",
    { text: "Send", showWhen: "edit" },
    async ({ form, user, history, conversations }) => {
      // The picker offers the bot's rooms, but a press can name any id: check it, and that the
      // sender is in that room (no posting into rooms one cannot read).
      const room = await conversations.chatById(form.to.id);
      const members = room ? await conversations.members(room) : [];
      if (!room || !members.some((m) => m.id === user.id)) {
        throw new UserError("You can only send the list to a room you and I are both in.");
      }
      const list = await currentList(history);
      return [view(list, { to: room }), reply(`Sent the list to ${room.name ?? "the room"}.`)];
    },
  );

  // Welcome messages, as in Spring Bot's todo bot — for people, not for the bot itself being added.
  bot.on("member", ({ action, self }) =>
    action.change === "joined" && action.member.id !== self.id
      ? `Welcome, ${names(action.member)}! Send /help to see what I can do.`
      : undefined,
  );

  return bot;
}
