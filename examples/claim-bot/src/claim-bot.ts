/**
 * The claim bot of Spring Bot's demos, on sprig.
 *
 *   /open              the expense claim form (description, amount ≥ 0, currency, date)
 *   Submit             posts the claim to the approval room; the author is told in their 1:1
 *   Approve / Reject   only in the approval room — by its id, so a room that merely has the same
 *                      name cannot approve anything; the author hears of the decision in their 1:1
 *
 * A claim's state is its latest message in the approval room (tagged with the claim's id), so a
 * second press on an old copy of it is refused.
 */
import { randomUUID } from "node:crypto";
import type { Bot, BotOptions, ButtonContext } from "@sprig/core";
import { createBot, draft, reply, UserError, view } from "@sprig/core";
import { CURRENCIES, NewClaim, OpenedClaim } from "./work-types.ts";

export interface ClaimBotOptions extends BotOptions<{}> {
  /** The stream id of the room where claims are approved. */
  readonly approvalRoomId: string;
  /** Claim ids (random by default; tests pass their own). */
  readonly newClaimId?: () => string;
}

const tagOf = (claim: { id: string }) => `claim-${claim.id}`;

function describe(claim: OpenedClaim): string {
  return `"${claim.description}" (${claim.amount.toFixed(2)} ${claim.currency}, ${claim.date})`;
}

export function createClaimBot(options: ClaimBotOptions): Bot {
  const { approvalRoomId, newClaimId = () => randomUUID().slice(0, 8), ...botOptions } = options;
  const bot = createBot(botOptions);
  const currencies = { currencies: CURRENCIES };

  bot.command("open", { description: "Open an expense claim", order: 1 }, () =>
    draft(NewClaim, { currency: "EUR" }, { data: currencies }),
  );

  bot.button(
    NewClaim,
    "submit",
    { text: "Submit", showWhen: "edit", style: "primary" },
    async ({ form, user, conversations }) => {
      const room = await conversations.chatById(approvalRoomId);
      if (!room) throw new Error(`The claim approval room ${approvalRoomId} is not one the bot is in.`);
      const claim = OpenedClaim.create({ ...form, id: newClaimId(), author: user, status: "open" });
      return [
        // The currencies again: a read-only dropdown shows its choice's label, looked up in them.
        view(claim, { to: room, tags: [tagOf(claim)], data: currencies }),
        reply(`Your claim ${describe(claim)} was sent to ${room.name ?? "the approval room"}.`),
      ];
    },
  );

  /** Decides a claim: only once, and only on its latest state (an old copy may still show buttons). */
  const decide =
    (status: "approved" | "rejected") =>
    async ({ form, user, history }: ButtonContext<OpenedClaim>) => {
      const latest = (await history.latestTagged(OpenedClaim, tagOf(form))) ?? form;
      if (latest.status !== "open") {
        throw new UserError(
          `This claim was ${latest.status} already, by ${latest.decidedBy?.name ?? "someone"}.`,
        );
      }
      const decided = OpenedClaim.create({ ...latest, status, decidedBy: user });
      return [
        view(decided, { tags: [tagOf(decided)], data: currencies }),
        reply(`Your claim ${describe(decided)} was ${status} by ${user.name ?? user.id}.`, {
          to: latest.author,
        }),
      ];
    };
  const onlyThere = { rooms: [approvalRoomId] };
  bot.button(OpenedClaim, "approve", { text: "Approve", style: "primary", ...onlyThere }, decide("approved"));
  bot.button(OpenedClaim, "reject", { text: "Reject", style: "danger", ...onlyThere }, decide("rejected"));

  return bot;
}
