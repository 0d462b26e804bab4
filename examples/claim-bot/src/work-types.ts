/** The claim bot's work types: the form a person fills in, and the claim as the approvers see it. */
import { field, user, work } from "@sprig/core";
import { z } from "zod";

/** The currencies the dropdown offers (run-time data: a real bot might ask a service). */
export const CURRENCIES = [
  { code: "EUR", name: "Euro" },
  { code: "GBP", name: "Pound sterling" },
  { code: "USD", name: "US dollar" },
] as const;
const currencyCodes = CURRENCIES.map((c) => c.code) as [string, ...string[]];

const claimFields = {
  description: field(z.string().trim().min(1, "Say what the claim is for").max(200), {
    label: "Description",
  }),
  amount: field(z.number().min(0, "The amount cannot be negative").max(1_000_000), { label: "Amount" }),
  currency: field(z.enum(currencyCodes, { message: "Choose one of the currencies" }), {
    label: "Currency",
    dropdown: { source: "currencies", value: "code", label: "name" },
  }),
  date: field(z.iso.date({ message: "Enter the date of the expense" }), { label: "Date" }),
};

const NewClaimSchema = z.object(claimFields);
export const NewClaim = work("claim-new", NewClaimSchema);
export type NewClaim = z.infer<typeof NewClaimSchema>;

const OpenedClaimSchema = z.object({
  id: field(z.string(), { hidden: true }),
  ...claimFields,
  author: field(user(), { label: "Claimed by", readOnly: true }),
  status: field(z.enum(["open", "approved", "rejected"]).default("open"), {
    label: "Status",
    readOnly: true,
  }),
  decidedBy: field(user().optional(), { label: "Decided by", readOnly: true }),
});
export const OpenedClaim = work("claim-opened", OpenedClaimSchema);
export type OpenedClaim = z.infer<typeof OpenedClaimSchema>;
