/**
 * The reminder bot's work types: the form offered (or filled in), a reminder as stored in the chat
 * — pending, then done once it fired — and the conversation's time zone.
 */
import { field, timezone, user, work } from "@sprig/core";
import { z } from "zod";

const what = field(z.string().trim().min(1, "Say what to remind you of").max(500), { label: "What" });
const when = field(z.iso.datetime({ offset: true, message: "Enter a date and a time" }), { label: "When" });

// The offered form shows when as a person reads it (read-only: the time came from their words;
// another time is another message, or /remind).
const NewReminderSchema = z.object({
  what,
  when: field(z.iso.datetime({ offset: true, message: "Enter a date and a time" }), {
    label: "When",
    readOnly: true,
  }),
});
// Only ever an offer: never looked up in history, so its message carries no tag (no "#reminder-new"
// shown to people); a press reads it from the message pressed.
export const NewReminder = work("reminder-new", NewReminderSchema, { index: false });
export type NewReminder = z.infer<typeof NewReminderSchema>;

const ReminderSchema = z.object({
  id: field(z.string(), { hidden: true }),
  what,
  when,
  for: field(user(), { label: "For", readOnly: true }),
  status: field(z.enum(["pending", "done"]).default("pending"), { label: "Status", readOnly: true }),
});
export const Reminder = work("reminder", ReminderSchema);
export type Reminder = z.infer<typeof ReminderSchema>;

const ZoneSettingSchema = z.object({ zone: field(timezone(), { label: "Time zone" }) });
export const ZoneSetting = work("reminder-zone", ZoneSettingSchema);
export type ZoneSetting = z.infer<typeof ZoneSettingSchema>;
