/** The users the upstream tests know (`TestDataProvider` and the jira payload). */
import type { UserLookup } from "../../src/index.ts";

const USERS = [
  { id: "1", displayName: "Bot User01", email: "bot.user1@localhost.com" },
  { id: "123456789", displayName: "Bot User01", email: "bot.user1@localhost.com" },
  // complex.json's assignee.
  { id: "123456", displayName: "Mock user", email: "test@symphony.com" },
];

export const testUsers: UserLookup = (q) =>
  q.uid !== undefined
    ? USERS.find((u) => u.id === q.uid)
    : USERS.find((u) => u.email.toLowerCase() === q.email?.toLowerCase());

/** Jira payload lookups resolve the email to uid 123456789. */
export const jiraUsers: UserLookup = (q) =>
  q.uid === "123456789" || q.email === "bot.user1@localhost.com"
    ? { id: "123456789", displayName: "Bot User01", email: "bot.user1@localhost.com" }
    : undefined;

let counter = 0;
/** Deterministic short ids for snapshot-like assertions. */
export function sequentialIds(): () => string {
  counter = 0;
  return () => `ID${++counter}`;
}
