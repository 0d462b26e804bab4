/**
 * The reminder bot of Spring Bot's demos, on sprig.
 *
 *   any message with a date or time   offers a reminder form, filled in from it ("call Bob at 3pm")
 *   /remind tomorrow 9am call Bob      sets a reminder at once
 *   /list                              the reminders still to come here
 *   /timezone Europe/Paris             the zone times are read in here (/timezone alone: a picker)
 *
 * Reminders fire on time, as a "done" copy of the reminder posted where it was set. The state is
 * in the chat: at start the bot reads the pending reminders of its rooms and 1:1s back from history
 * and arms them (one due while it was stopped fires at once); one marked done never fires again.
 */
import { randomUUID } from "node:crypto";
import {
  type Addressable,
  type Bot,
  type BotOptions,
  createBot,
  draft,
  formatDateTime,
  type History,
  historyOver,
  isTimeZone,
  latestOfEach,
  type PlatformAdapter,
  readAll,
  reply,
  table,
  toPlainText,
  type User,
  UserError,
  view,
} from "@sprig/core";
import { findTime } from "./find-time.ts";
import { ReminderScheduler, type Schedule, timerSchedule } from "./scheduler.ts";
import { NewReminder, Reminder, ZoneSetting } from "./work-types.ts";

export interface ReminderBotOptions extends BotOptions<{}> {
  readonly now?: () => Date;
  readonly schedule?: Schedule;
  readonly newReminderId?: () => string;
  /** The zone of a conversation that chose none (UTC by default). */
  readonly defaultZone?: string;
}

export interface ReminderBot {
  readonly bot: Bot;
  /** Reads the pending reminders of the bot's rooms and 1:1s back from history and arms them. */
  started(adapter: PlatformAdapter): Promise<void>;
  stopping(): void;
  /** How many reminders wait on a timer in this process. */
  readonly armed: number;
}

const tagOf = (id: string) => `reminder-${id}`;
/** How many pages of a room's reminders are read back at start (100 each, newest first). */
const PAGES_AT_START = 20;

export function createReminderBot(options: ReminderBotOptions = {}): ReminderBot {
  const {
    now = () => new Date(),
    schedule = timerSchedule,
    newReminderId = () => randomUUID().slice(0, 8),
    defaultZone = "UTC",
    ...botOptions
  } = options;
  const bot = createBot(botOptions);
  let adapter: PlatformAdapter | undefined;
  const scheduler = new ReminderScheduler(now, schedule, (where, reminder) => fire(where, reminder));

  const zoneOf = async (history: History) => (await history.latest(ZoneSetting))?.zone ?? defaultZone;

  function set(what: string, when: Date, user: User, where: Addressable, zone: string) {
    if (when.getTime() <= now().getTime())
      throw new UserError(`${formatDateTime(when, { timeZone: zone })} has passed already.`);
    const reminder = Reminder.create({
      id: newReminderId(),
      what,
      when: when.toISOString(),
      for: user,
      status: "pending",
    });
    scheduler.arm(where, reminder);
    return [
      reply(`I'll remind you: ${what}, ${formatDateTime(when, { timeZone: zone })}.`),
      view(reminder, { tags: [tagOf(reminder.id)], timeZone: zone }),
    ];
  }

  // Spring Bot's TimeFinder: any message (addressed or not) that says when gets a reminder form.
  bot.on("message", async ({ action, history }) => {
    const text = toPlainText(action.message).trim();
    if (text.startsWith("/")) return undefined;
    const zone = await zoneOf(history);
    const found = findTime(text, now(), zone);
    if (!found || found.when.getTime() <= now().getTime()) return undefined;
    return draft(
      NewReminder,
      { what: found.rest || text, when: found.when.toISOString() },
      { timeZone: zone },
    );
  });

  bot.button(
    NewReminder,
    "set",
    { text: "Remind me", showWhen: "edit", style: "primary" },
    async ({ form, user, addressable, history }) =>
      set(form.what, new Date(form.when), user, addressable, await zoneOf(history)),
  );

  bot.command(
    "remind {text...}",
    { description: "Set a reminder, e.g. /remind tomorrow 9am call Bob", order: 1 },
    async ({ vars, user, addressable, history }) => {
      const zone = await zoneOf(history);
      const text = vars.text.join(" ");
      const found = findTime(text, now(), zone);
      if (!found)
        throw new UserError(`I see no date or time in "${text}". Try /remind tomorrow 9am call Bob.`);
      if (!found.rest) throw new UserError("Say what to remind you of, e.g. /remind tomorrow 9am call Bob.");
      return set(found.rest, found.when, user, addressable, zone);
    },
  );

  bot.command("list", { description: "The reminders still to come here", order: 2 }, async ({ history }) => {
    const zone = await zoneOf(history);
    const pending = (await pendingIn(history)).sort((a, b) => Date.parse(a.when) - Date.parse(b.when));
    if (pending.length === 0) return "No reminders to come here. Set one with /remind tomorrow 9am call Bob.";
    return table(
      pending.map((r) => [formatDateTime(r.when, { timeZone: zone }), r.what, r.for.name ?? r.for.id]),
      ["When", "What", "For"],
    );
  });

  bot.command(
    "timezone {zone?}",
    { description: "The time zone here, e.g. /timezone Europe/Paris", order: 3 },
    async ({ vars, history }) => {
      if (!vars.zone) return draft(ZoneSetting, { zone: await zoneOf(history) });
      if (!isTimeZone(vars.zone))
        throw new UserError(`"${vars.zone}" is no time zone I know: use a name such as Europe/Paris.`);
      return [
        view(ZoneSetting.create({ zone: vars.zone })),
        reply(`Times here are read in ${vars.zone} now.`),
      ];
    },
  );

  bot.button(ZoneSetting, "save", { text: "Save", showWhen: "edit" }, ({ form }) => [
    view(form),
    reply(`Times here are read in ${form.zone} now.`),
  ]);

  /** Posts the reminder as done — unless its latest state here says it is done already. */
  async function fire(where: Addressable, reminder: Reminder): Promise<void> {
    if (!adapter) return;
    const history = historyOver(adapter.history, bot.works, where);
    const latest = await history.latestTagged(Reminder, tagOf(reminder.id));
    if (latest?.status === "done") return;
    try {
      const done = Reminder.create({ ...reminder, status: "done" });
      await bot.send(where, view(done, { tags: [tagOf(reminder.id)], timeZone: await zoneOf(history) }));
    } catch (error) {
      bot.log.error({ err: error, reminder: reminder.id }, "could not post a due reminder");
    }
  }

  return {
    bot,
    async started(connected) {
      adapter = connected;
      const { conversations } = connected;
      const everywhere: Addressable[] = [...(await conversations.chats()), ...(await conversations.ims())];
      for (const where of everywhere) {
        const history = historyOver(connected.history, bot.works, where);
        for (const reminder of await pendingIn(history)) scheduler.arm(where, reminder);
      }
    },
    stopping() {
      scheduler.stop();
    },
    get armed() {
      return scheduler.armed;
    },
  };
}

/** The reminders of a conversation whose latest state is pending (the newest message of each wins). */
async function pendingIn(history: History): Promise<Reminder[]> {
  const reminders = await readAll(history, Reminder, { maxPages: PAGES_AT_START });
  return [...latestOfEach(reminders, (r) => r.id).values()].filter((r) => r.status === "pending");
}
