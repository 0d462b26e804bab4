// The smaller snippets of packages/core/README.md (work types, decorators, the DedupeStore
// contract), so that they keep compiling and meaning what the README says.
import {
  type ButtonContext,
  button,
  type Claim,
  type CommandContext,
  command,
  createBot,
  type DedupeStore,
  field,
  MemoryDedupeStore,
  silentLogger,
  user,
  WorkRegistry,
  work,
} from "@sprig/core";
import { testChat } from "@sprig/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const Item = z.object({
  description: field(z.string().min(1), { label: "Description" }),
  assignee: user().optional(), // a person picker
  status: z.enum(["open", "done"]).default("open"),
});
const TodoList = work("todo-list", z.object({ items: z.array(Item).default([]) }), {
  version: "2.0",
  readVersions: ["1.*"],
  migrate: (fields) => ({ items: fields.items ?? fields.tasks }), // 1.x called them "tasks"
});

const Ticket = work("ticket", z.object({ title: z.string() }));

class Tickets {
  @command("open {title...}", { description: "Open a ticket" })
  open({ vars }: CommandContext<{ title: string[] }>) {
    return Ticket.create({ title: vars.title.join(" ") });
  }
  @button(Ticket, "close", { text: "Close" })
  close({ form }: ButtonContext<{ title: string }>) {
    return `Closed "${form.title}".`;
  }
}

describe("core README snippets", () => {
  it("work types: versions, readable versions, field kinds (a table of items with a person picker)", () => {
    expect(TodoList.version).toBe("2.0");
    expect(TodoList.canRead("1.3")).toBe(true);
    expect(TodoList.canRead("3.0")).toBe(false);
    const form = TodoList.form("edit", TodoList.create({ items: [{ description: "Milk" }] }));
    expect(form.fields.map((f) => f.kind)).toEqual(["table"]);
    const registry = new WorkRegistry().register(TodoList);
    const old = registry.decode({ type: "todo-list", version: "1.2", tasks: [{ description: "Milk" }] });
    expect(old).toEqual({ items: [{ description: "Milk", status: "open" }] });
  });

  it("decorators: a controller's methods become a command and a button", async () => {
    const bot = createBot({ logger: silentLogger }).controller(new Tickets());
    await testChat(bot)
      .room("Support")
      .as("ann")
      .send("/open printer on fire")
      .expectWork(Ticket, { value: { title: "printer on fire" }, buttons: ["close"] })
      .press("close")
      .expectText('Closed "printer on fire".');
  });

  it("the DedupeStore contract: first, refused while held or done, again after a release", () => {
    const store: DedupeStore = new MemoryDedupeStore();
    const answers: Claim[] = [];
    answers.push(store.claim("k", 1000) as Claim, store.claim("k", 1000) as Claim);
    store.release("k");
    answers.push(store.claim("k", 1000) as Claim);
    store.complete("k");
    answers.push(store.claim("k", 1000) as Claim);
    expect(answers).toEqual(["first", "held", "again", "done"]);
  });
});
