/**
 * A form with one field of every kind the form model has — each becomes a Symphony Elements
 * element (text field, text area, number, checkbox, radio buttons, select, dropdown from data,
 * date, time, date and time, time zone, person selector, room selector, nested object, table).
 */
import { chat, field, timezone, user, work } from "@sprig/core";
import { z } from "zod";

const Step = z.object({
  what: field(z.string().trim().min(1, "Say what the step is"), { label: "Step" }),
  done: field(z.boolean().default(false), { label: "Done" }),
});

export const Showcase = work(
  "demo-showcase",
  z.object({
    name: field(z.string().trim().min(1, "Enter a name").max(80), {
      label: "Name (text field)",
      placeholder: "Ann",
    }),
    notes: field(z.string().max(1000).default(""), { label: "Notes (text area)", widget: "textarea" }),
    guests: field(z.number().int().min(0).max(50).default(1), { label: "Guests (number, 0 to 50)" }),
    vegetarian: field(z.boolean().default(false), { label: "Vegetarian (checkbox)" }),
    size: field(z.enum(["small", "medium", "large"]).default("medium"), {
      label: "Size (radio buttons)",
      widget: "radio",
    }),
    colours: field(z.array(z.enum(["red", "green", "blue"])).default([]), {
      label: "Colours (multiple choice)",
    }),
    office: field(z.string().optional(), {
      label: "Office (dropdown from data)",
      dropdown: { source: "offices", value: "code", label: "city" },
    }),
    day: field(z.iso.date().optional(), { label: "Day (date)" }),
    at: field(z.iso.time().optional(), { label: "At (time)" }),
    deadline: field(z.iso.datetime({ offset: true }).optional(), { label: "Deadline (date and time)" }),
    zone: field(timezone().default("Europe/London"), { label: "Time zone" }),
    host: field(user().optional(), { label: "Host (person)" }),
    venue: field(chat().optional(), { label: "Room (room picker)" }),
    address: field(
      z
        .object({ street: z.string().default(""), city: z.string().default("") })
        .default({ street: "", city: "" }),
      { label: "Address (nested object)" },
    ),
    steps: field(z.array(Step).default([]), { label: "Steps (table)" }),
  }),
);

/** The dropdown's options, known only at run time (they could come from a service). */
export const OFFICES = [
  { code: "LDN", city: "London" },
  { code: "NYC", city: "New York" },
  { code: "SGP", city: "Singapore" },
];
