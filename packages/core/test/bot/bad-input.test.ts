// Untrusted form input: wrong types, extra fields, prototype keys, unknown or misdirected
// buttons, forged admin presses. Each is refused with a clear message and no handler runs.
import { createBot, ErrorCode, edit, silentLogger, work } from "@sprig/core";
import { testChat } from "@sprig/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";

const Order = work("order", z.object({ item: z.string().min(1), quantity: z.number().int().min(1) }));
const Note = work("note", z.object({ text: z.string() }));

function setup() {
  const calls: string[] = [];
  const bot = createBot({ logger: silentLogger });
  bot.command("order", () => Order.create({ item: "tea", quantity: 1 }));
  bot.command("note", () => Note.create({ text: "hello" }));
  bot.command("amend", () => edit(Order.create({ item: "tea", quantity: 1 })));
  bot.button(Order, "change", { text: "Change", showWhen: "view" }, ({ form }) => {
    calls.push("change");
    return form;
  });
  bot.button(Order, "place", { text: "Place", showWhen: "edit" }, ({ form }) => {
    calls.push(`place ${form.item} x${form.quantity}`);
    return `Placed ${form.quantity} ${form.item}`;
  });
  bot.button(Note, "archive", { text: "Archive" }, () => {
    calls.push("archive");
    return "archived";
  });
  bot.button(Order, "cancel-all", { text: "Cancel all orders", admin: true }, () => {
    calls.push("cancel-all");
    return "all cancelled";
  });
  const chat = testChat(bot);
  const room = chat.room("Shop", { members: ["alice", "bob"], admins: ["alice"] });
  return { calls, chat, room };
}

describe("bad form input", () => {
  beforeEach(() => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a valid submission reaches the handler with typed, validated values", async () => {
    const { calls, room } = setup();
    await room
      .as("bob")
      .send("/amend")
      .press("place", { item: "coffee", quantity: "2" })
      .expectText("Placed 2 coffee");
    expect(calls).toEqual(["place coffee x2"]);
  });

  it("a value of the wrong type is a field error, and the handler is not called", async () => {
    const { calls, room } = setup();
    await room
      .as("bob")
      .send("/amend")
      .forgePress("place", { values: { item: "coffee", quantity: "lots" } })
      .expectStatus("invalid")
      .expectFieldError("quantity");
    await room.forgePress("place", { values: { item: ["a", "b"], quantity: 1 } }).expectFieldError("item");
    expect(calls).toEqual([]);
  });

  it("an extra field is refused", async () => {
    const { calls, room } = setup();
    await room
      .as("bob")
      .send("/amend")
      .forgePress("place", { values: { item: "tea", quantity: 1, isAdmin: true } })
      .expectStatus("invalid")
      .expectFieldError("", /isAdmin/);
    expect(calls).toEqual([]);
  });

  it.each([
    "__proto__",
    "__proto__.polluted",
    "constructor.prototype.polluted",
    "item.__proto__.polluted",
    "prototype",
  ])("the key %s is refused and pollutes nothing", async (key) => {
    const { calls, room } = setup();
    await room
      .as("bob")
      .send("/amend")
      .forgePress("place", { values: { item: "tea", quantity: 1, [key]: "yes" } })
      .expectStatus("invalid")
      .expectFieldError("");
    expect(calls).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("values given as an object with a __proto__ own property are refused too", async () => {
    const { calls, room } = setup();
    const values = JSON.parse('{"item":"tea","quantity":1,"__proto__":{"polluted":"yes"}}');
    await room.as("bob").send("/amend").forgePress("place", { values }).expectStatus("invalid");
    expect(calls).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("an unknown button id is refused with a clear error", async () => {
    const { calls, room } = setup();
    await room
      .as("bob")
      .send("/order")
      .forgePress("self-destruct")
      .expectStatus("refused")
      .expectError(/not on this form/, { code: ErrorCode.ButtonNotOffered });
    // On a message that does not say what it offered, the button itself is checked.
    await room
      .forgePress("self-destruct", { offeredUnknown: true })
      .expectStatus("refused")
      .expectError('"order" has no button "self-destruct"', { code: ErrorCode.UnknownButton });
    expect(calls).toEqual([]);
  });

  it("a button of another work type is refused, naming its owner", async () => {
    const { calls, room } = setup();
    await room
      .as("bob")
      .send("/order")
      .forgePress("archive")
      .expectStatus("refused")
      .expectError(/not on this form/, { code: ErrorCode.ButtonNotOffered })
      .forgePress("archive", { offeredUnknown: true })
      .expectStatus("refused")
      .expectError('The button "archive" belongs to "note", not to "order"', {
        code: ErrorCode.ButtonWrongWorkType,
      });
    expect(calls).toEqual([]);
  });

  it("a form claiming a work type the bot does not know is refused", async () => {
    const { calls, room } = setup();
    await room
      .as("bob")
      .send("/amend")
      .forgePress("place", { formId: "java.lang.Runtime", values: { item: "x", quantity: 1 } })
      .expectStatus("refused")
      .expectError(/not one this bot knows/, { code: ErrorCode.UnknownForm });
    expect(calls).toEqual([]);
  });

  it("a forged press of an admin-only button by a non-admin is refused; an admin's press works", async () => {
    const { calls, room } = setup();
    await room
      .as("bob")
      .send("/order")
      .expectButtons(["change", "cancel-all"])
      .forgePress("cancel-all")
      .expectStatus("refused")
      .expectError('You can\'t use "Cancel all orders" here: it is only for room admins.', {
        code: ErrorCode.Forbidden,
      });
    expect(calls).toEqual([]);
    await room.as("alice").press("cancel-all").expectText("all cancelled");
    expect(calls).toEqual(["cancel-all"]);
  });

  it("admin-only buttons are not rendered in a 1:1 conversation", async () => {
    const { chat } = setup();
    await chat.im("alice").send("order").expectButtons(["change"]);
  });

  it("a view-mode press hands the handler the work object the form was made from", async () => {
    const { calls, room } = setup();
    await room
      .as("bob")
      .send("/order")
      .press("change")
      .expectStatus("button")
      .expectWork(Order, { value: { item: "tea", quantity: 1 } });
    expect(calls).toEqual(["change"]);
  });
});
