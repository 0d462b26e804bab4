import {
  type ButtonView,
  Chat,
  chat,
  defineFieldKind,
  timezone,
  User,
  user,
  type WorkResponse,
  type WorkType,
  work,
} from "@sprig/core";
import { z } from "zod";

export const room = Chat.of("symphony", "stream1", "Room");

export const Todo = work(
  "todo.Item",
  z.object({ description: z.string().min(1), done: z.boolean().default(false) }),
);

export const money = defineFieldKind({
  name: "money",
  matches: (info) => info.meta.widget === "money",
  props: () => ({ currencies: ["GBP", "USD"] }),
  parse: (raw) => Number(raw),
});

/** A work type with one field of every kind. */
export const Everything = work(
  "test.Everything",
  z.object({
    title: z.string().min(1),
    notes: z.string().meta({ widget: "textarea" }).optional(),
    count: z.number().int(),
    urgent: z.boolean().default(false),
    colour: z.enum(["red", "green"]),
    flavours: z.array(z.enum(["sweet", "sour"])),
    team: z.string().meta({ dropdown: { source: "teams", value: "code", label: "title" } }),
    teams: z.array(z.object({ code: z.string(), title: z.string() })).meta({ hidden: true }),
    due: z.string().meta({ widget: "date" }),
    at: z.string().meta({ widget: "time" }),
    when: z.date(),
    zone: timezone(),
    owner: user(),
    watchers: z.array(user()),
    room: chat(),
    address: z.object({ street: z.string(), city: z.string() }),
    items: z.array(z.object({ description: z.string(), done: z.boolean().default(false) })),
    price: z.number().meta({ widget: "money" }),
  }),
  { fieldKinds: [money] },
);

export const alice = User.of("symphony", "12345", "Alice", "alice@example.com");
export const bob = User.of("symphony", "67890", "Bob");

export function everything(overrides: Record<string, unknown> = {}) {
  return Everything.create({
    title: "Plan",
    notes: "line one",
    count: 1234,
    urgent: true,
    colour: "green",
    flavours: ["sour"],
    team: "b",
    teams: [
      { code: "a", title: "Team <A>" },
      { code: "b", title: "Team B" },
    ],
    due: "2026-11-21",
    at: "09:05:00",
    when: new Date("2026-11-21T09:05:00Z"),
    zone: "Europe/London",
    owner: alice,
    watchers: [alice, bob],
    room: Chat.of("symphony", "abcDEF_-stream", "Ops"),
    address: { street: "1 High St", city: "York" },
    items: [
      { description: "Milk", done: false },
      { description: "Eggs", done: true },
    ],
    price: 9.5,
    ...overrides,
  });
}

export function workResponse(
  type: WorkType<unknown>,
  value: unknown,
  mode: "view" | "edit",
  extra: Partial<WorkResponse> = {},
): WorkResponse {
  const buttons: ButtonView[] = [{ id: "save", text: "Save" }];
  return {
    kind: "work",
    to: room,
    workType: type,
    value,
    mode,
    template: mode === "view" ? type.templates.view : type.templates.edit,
    buttons,
    errors: {},
    tags: [type.typeName.replace(/\./g, "-")],
    ...extra,
  };
}
