/**
 * The claim bot's scenarios, written once for any driver: in memory (claim-bot.test.ts) and end to
 * end on the emulator (claim-bot.e2e.test.ts). People alice, bob, cy; room "Team" (alice, bob) and
 * the approval room "Claim Approval" (bob, cy), whose id the bot was made with.
 */
import type { TestChat } from "@sprig/testing";
import { expect } from "vitest";
import { NewClaim, OpenedClaim } from "../src/index.ts";

export interface Scenario {
  readonly name: string;
  readonly run: (chat: TestChat) => Promise<void>;
  /** Needs what only the in-memory driver can do (a forged press naming another form). */
  readonly memoryOnly?: true;
}

export const APPROVAL_ROOM = "Claim Approval";
/** The rooms the scenarios use besides "Team"; an end-to-end pod makes them at start. */
export const claimRooms = [{ name: APPROVAL_ROOM, members: ["bob", "cy"] }] as const;

const team = (chat: TestChat) => chat.room("Team", { members: ["alice", "bob"], admins: ["alice"] });
const approval = (chat: TestChat) => chat.room(APPROVAL_ROOM, { members: ["bob", "cy"] });

const TAXI = { description: "Taxi to the airport", amount: "12.5", currency: "EUR", date: "2026-03-01" };
const TAXI_TEXT = '"Taxi to the airport" (12.50 EUR, 2026-03-01)';

/** alice files the taxi claim from "Team"; it lands in the approval room. */
async function fileTaxi(chat: TestChat): Promise<void> {
  await team(chat).as("alice").send("/open").submit(TAXI, "submit");
}

export const claimScenarios: readonly Scenario[] = [
  {
    name: "/open shows the claim form; submitting posts the claim to the approval room and confirms",
    run: async (chat) => {
      const alice = chat.user("alice");
      await team(chat)
        .as("alice")
        .send("/open")
        .expectWork(NewClaim, { mode: "edit", buttons: ["submit"], value: { currency: "EUR" } })
        .submit(TAXI, "submit")
        .expectText(`Your claim ${TAXI_TEXT} was sent to Claim Approval.`)
        .expectWork(OpenedClaim, {
          mode: "view",
          buttons: ["approve", "reject"],
          value: { description: TAXI.description, amount: 12.5, status: "open", author: { id: alice.id } },
        })
        .check((replies) => {
          const claim = replies.find((r) => r.kind === "work")!;
          expect(claim.to.id).toBe(chat.chatRoom(APPROVAL_ROOM).id);
        });
    },
  },
  {
    name: "a negative amount or a blank description comes back with field errors, and nothing is posted",
    run: async (chat) => {
      await team(chat)
        .as("alice")
        .send("/open")
        .submit({ ...TAXI, description: "  ", amount: "-3" }, "submit")
        .expectStatus("invalid")
        .expectFieldError("amount", "The amount cannot be negative")
        .expectFieldError("description", "Say what the claim is for")
        .check((replies) => expect(replies.every((r) => r.to.id === chat.chatRoom("Team").id)).toBe(true));
    },
  },
  {
    name: "the claim shows its currency by name in the approval room, before and after a decision (the dropdown's options go with it)",
    // The end-to-end driver reads a form's values back from the pod, not the labels it shows.
    memoryOnly: true,
    run: async (chat) => {
      const currencyShown = (replies: readonly { kind: string; text: string }[]) =>
        expect(replies.find((r) => r.kind === "work")!.text).toContain("Currency: Euro");
      await team(chat).as("alice").send("/open").submit(TAXI, "submit").check(currencyShown);
      await approval(chat).as("bob").press("approve").check(currencyShown);
    },
  },
  {
    name: "Approve in the approval room approves the claim, and the author hears of it in their 1:1",
    run: async (chat) => {
      const alice = chat.user("alice");
      const bob = chat.user("bob");
      await fileTaxi(chat);
      await approval(chat)
        .as("bob")
        .press("approve")
        .expectStatus("button")
        .expectWork(OpenedClaim, { value: { status: "approved", decidedBy: { id: bob.id } } })
        .check((replies) => {
          const told = replies.find((r) => r.kind === "message")!;
          expect(told.to.id).toBe(alice.id);
          expect(told.text).toBe(`Your claim ${TAXI_TEXT} was approved by bob.`);
        });
    },
  },
  {
    name: "Reject rejects it; a second decision on the same claim is refused and changes nothing",
    run: async (chat) => {
      await fileTaxi(chat);
      const room = approval(chat);
      await room
        .as("cy")
        .press("reject")
        .expectWork(OpenedClaim, { value: { status: "rejected" } })
        .expectText(`Your claim ${TAXI_TEXT} was rejected by cy.`);
      await room
        .as("bob")
        .press("approve")
        .expectError("This claim was rejected already, by cy.")
        .expectNoText(/approved by/);
    },
  },
  {
    name: "Approve pressed anywhere but the approval room is refused (a forged press)",
    memoryOnly: true,
    run: async (chat) => {
      await fileTaxi(chat);
      await team(chat)
        .as("bob")
        .forgePress("approve", { formId: OpenedClaim.typeName, offeredUnknown: true })
        .expectStatus("refused")
        .expectError(/can't use/);
    },
  },
];
