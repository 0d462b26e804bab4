import type { SeedDocument } from "@sprig/emulator";

export const BOT_USERNAME = "todo-bot";

/** The people of `npm start`: alice (owner of room "Team"), bob and carol, and the todo bot. */
export function defaultSeed(botPublicKey: string): SeedDocument {
  return {
    users: [
      { id: 1001, username: "alice", displayName: "Alice Smith", email: "alice@example.com" },
      { id: 1002, username: "bob", displayName: "Bob Jones", email: "bob@example.com" },
      { id: 1003, username: "carol", displayName: "Carol White", email: "carol@example.com" },
      { id: 9001, username: BOT_USERNAME, displayName: "Todo Bot", bot: true, publicKey: botPublicKey },
    ],
    rooms: [{ name: "Team", creator: "alice", members: ["bob", "carol", BOT_USERNAME], owners: ["alice"] }],
    ims: [
      ["alice", BOT_USERNAME],
      ["bob", BOT_USERNAME],
    ],
  };
}
