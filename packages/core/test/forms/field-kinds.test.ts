import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  type CustomField,
  defineFieldKind,
  FieldKindError,
  findField,
  registerFieldKind,
  unregisterFieldKind,
  work,
} from "../../src/index.ts";

/** A money amount: one input "12.50 EUR", held as {amount, currency}, rendered by each adapter's "money" renderer. */
const Money = z
  .object({ amount: z.number().min(0), currency: z.enum(["EUR", "USD"]) })
  .meta({ kind: "money" });
const money = defineFieldKind({
  name: "money",
  matches: (info) => info.meta.kind === "money",
  props: () => ({ currencies: ["EUR", "USD"] }),
  text: (value) => {
    const m = value as { amount: number; currency: string };
    return `${m.amount.toFixed(2)} ${m.currency}`;
  },
  parse: (raw) => {
    const match = /^\s*(\d+(?:\.\d+)?)\s+([A-Z]{3})\s*$/.exec(String(raw));
    return match ? { amount: Number(match[1]), currency: match[2] } : raw;
  },
});

const Claim = work("claim", z.object({ title: z.string(), price: Money }), { fieldKinds: [money] });

describe("custom field kinds", () => {
  afterEach(() => unregisterFieldKind("money"));

  it("become custom nodes with the kind's name, props and text", () => {
    const node = findField(
      Claim.form("view", { title: "Taxi", price: { amount: 12.5, currency: "EUR" } }),
      "price",
    ) as CustomField;
    expect(node).toMatchObject({
      kind: "custom",
      customKind: "money",
      path: "price",
      label: "Price",
      text: "12.50 EUR",
      value: { amount: 12.5, currency: "EUR" },
      props: { currencies: ["EUR", "USD"] },
    });
  });

  it("parse their one form value, and the schema still validates the result", async () => {
    const ok = await Claim.fromFormValues({ title: "Taxi", price: "12.50 EUR" });
    expect(ok.ok && ok.value.price).toEqual({ amount: 12.5, currency: "EUR" });
    const bad = await Claim.fromFormValues({ title: "Taxi", price: "lots" });
    expect(bad.ok ? [] : Object.keys(bad.errors)).toEqual(["price"]);
    const wrongCurrency = await Claim.fromFormValues({ title: "Taxi", price: "1 GBP" });
    expect(wrongCurrency.ok ? [] : Object.keys(wrongCurrency.errors)).toEqual(["price.currency"]);
  });

  it("take no sub-fields: a custom field is one input", async () => {
    const result = await Claim.fromFormValues({ title: "Taxi", "price.amount": "1" });
    expect(result.ok ? [] : result.issues?.map((i) => i.code)).toEqual(["FORM_UNKNOWN_FIELD"]);
  });

  it("without the kind, the same schema is an ordinary nested object", () => {
    const Plain = work("plain-claim", z.object({ price: Money }));
    expect(findField(Plain.form("edit", {}), "price")?.kind).toBe("object");
  });

  it("can be registered for every work type", () => {
    registerFieldKind(money);
    const Global = work("global-claim", z.object({ price: Money }));
    expect(findField(Global.form("edit", {}), "price")?.kind).toBe("custom");
  });

  it("names are checked: built-in kinds cannot be replaced, odd names are refused", () => {
    expect(() => defineFieldKind({ name: "text", matches: () => false })).toThrow(FieldKindError);
    expect(() => defineFieldKind({ name: "Money Amount", matches: () => false })).toThrow(/not valid/);
  });
});
