// The reminder bot: dates and times noticed in messages, /remind, /list, /timezone; fires on time.
export { findTime, offsetMinutes } from "./find-time.ts";
export { createReminderBot, type ReminderBot, type ReminderBotOptions } from "./reminder-bot.ts";
export type { Schedule } from "./scheduler.ts";
export { NewReminder, Reminder, ZoneSetting } from "./work-types.ts";
