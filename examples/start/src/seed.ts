import type { SeedDocument } from "@sprig/emulator";
import type { BotEntry } from "./catalogue.ts";

export const PEOPLE = [
  { id: 1001, username: "alice", displayName: "Alice Smith", email: "alice@example.com" },
  { id: 1002, username: "bob", displayName: "Bob Jones", email: "bob@example.com" },
  { id: 1003, username: "carol", displayName: "Carol White", email: "carol@example.com" },
] as const;

/** The claim bot posts claims here; its Approve / Reject work only here (by the room's id). */
export const CLAIM_APPROVAL_ROOM = "Claim Approval";

/**
 * The local pod: alice (owner of both rooms), bob and carol; room "Team" with everyone and every
 * bot; room "Claim Approval" with alice, bob and the claim bot; a 1:1 of alice and of bob with
 * each bot. Only the bots being run get an account, so a single bot's pod looks as before.
 */
export function defaultSeed(bots: readonly (BotEntry & { publicKey: string })[]): SeedDocument {
  const names = bots.map((b) => b.username);
  const rooms: NonNullable<SeedDocument["rooms"]> = [
    { name: "Team", creator: "alice", members: ["bob", "carol", ...names], owners: ["alice"] },
  ];
  if (bots.some((b) => b.name === "claim")) {
    rooms.push({
      name: CLAIM_APPROVAL_ROOM,
      creator: "alice",
      members: ["bob", "claim-bot"],
      owners: ["alice"],
    });
  }
  return {
    users: [
      ...PEOPLE.map((p) => ({ ...p })),
      ...bots.map((b) => ({
        id: b.id,
        username: b.username,
        displayName: b.displayName,
        bot: true,
        publicKey: b.publicKey,
      })),
    ],
    rooms,
    ims: names.flatMap((bot) => [
      ["alice", bot],
      ["bob", bot],
    ]),
  };
}

/** The seeded rooms' stream ids by name (alice is in every room), read through the dev API. */
export async function roomIdsOf(url: string): Promise<Record<string, string>> {
  const response = await fetch(`${url}/emulator/v1/users/alice/streams`);
  if (!response.ok) throw new Error(`Could not list the pod's rooms: ${response.status}`);
  const streams = (await response.json()) as { id: string; roomAttributes?: { name?: string } }[];
  return Object.fromEntries(
    streams.flatMap((s) => (s.roomAttributes?.name ? [[s.roomAttributes.name, s.id]] : [])),
  );
}
