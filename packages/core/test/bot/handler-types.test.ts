// Compile-time checks (vitest's expectTypeOf, verified by tsc in `npm test`): what a handler is
// given is typed by what was registered, never guessed.
import type { FormAction, MemberAction, MessageAction, User } from "@sprig/core";
import { createBot, silentLogger, work } from "@sprig/core";
import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";

const Order = work("order", z.object({ item: z.string(), quantity: z.number() }));

describe("handler types", () => {
  it("follow the pattern, the work type, the consumer kind and the services", () => {
    const bot = createBot({ logger: silentLogger, services: { prices: new Map<string, number>() } });
    bot.command("price {item} {qty:number} {for:mention?}", ({ vars, action, services }) => {
      expectTypeOf(vars).toEqualTypeOf<{ item: string; qty: number; for?: User | undefined }>();
      expectTypeOf(action).toEqualTypeOf<MessageAction>();
      expectTypeOf(services.prices).toEqualTypeOf<Map<string, number>>();
    });
    bot.button(Order, "place", { text: "Place" }, ({ form, work, action }) => {
      expectTypeOf(form).toEqualTypeOf<{ item: string; quantity: number }>();
      expectTypeOf(work).toEqualTypeOf<{ item: string; quantity: number } | undefined>();
      expectTypeOf(action).toEqualTypeOf<FormAction>();
    });
    bot.on("member", ({ action }) => {
      expectTypeOf(action).toEqualTypeOf<MemberAction>();
    });
    // @ts-expect-error `qty` is a number variable: no string methods on it
    bot.command("buy {qty:number}", ({ vars }) => vars.qty.toUpperCase());
    // @ts-expect-error the pattern has no variable `item`
    bot.command("sell {qty:number}", ({ vars }) => vars.item);
  });
});
