import { User } from "@sprig/core";
import type { V4User } from "../rest/wire-types.ts";

/** The platform name carried by every Symphony user and chat. */
export const SYMPHONY_PLATFORM = "symphony";

/** A Symphony user (datafeed `V4User`) as a core User; undefined without a user id. */
export function toSprigUser(user: V4User | undefined): User | undefined {
  // Real payloads carry nulls where the contract has no value (e.g. the BDK's message samples).
  if (user === undefined || user === null || typeof user.userId !== "number") return undefined;
  const name =
    nonEmpty(user.displayName) ?? nonEmpty([user.firstName, user.lastName].filter(Boolean).join(" "));
  return User.of(SYMPHONY_PLATFORM, String(user.userId), name, nonEmpty(user.email));
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}
