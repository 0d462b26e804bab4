// The claim bot: expense claims, approved or rejected in the "Claim Approval" room.
export { type ClaimBotOptions, createClaimBot } from "./claim-bot.ts";
export { CURRENCIES, NewClaim, OpenedClaim } from "./work-types.ts";
