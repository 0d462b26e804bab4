/**
 * The todo bot's work types: a list of items, and the form for a new item. The schemas are the
 * only description of the data: types, validation of submitted forms, and the forms themselves.
 */
import { chat, currentAction, field, user, work } from "@sprig/core";
import { z } from "zod";

export const Item = z.object({
  description: field(z.string().trim().min(1, "Say what needs doing"), { label: "Description" }),
  assignee: field(user().optional(), { label: "Assigned to" }),
  status: z.enum(["open", "done"]).default("open"),
});
export type Item = z.infer<typeof Item>;

const TodoListSchema = z.object({ items: z.array(Item).default([]) });
export const TodoList = work("todo-list", TodoListSchema);
export type TodoList = z.infer<typeof TodoListSchema>;

/** The user whose action is being handled: a schema default may read it (AsyncLocalStorage). */
function whoAsked() {
  const action = currentAction();
  if (!action) throw new Error("NewItem.create() needs a current action: call it from a handler.");
  return action.user;
}

/** The "new item" form: the assignee defaults to whoever asked for the form. */
export const NewItem = work(
  "todo-new-item",
  z.object({
    description: field(z.string().trim().min(1, "Say what needs doing"), { label: "Description" }),
    assignee: field(user(), { label: "Assign to" }).default(() => whoAsked()),
  }),
);

/** The "send the list to another room" form: a room picker. */
export const SendList = work(
  "todo-send-list",
  z.object({ to: field(chat(), { label: "Send the list to" }) }),
);
