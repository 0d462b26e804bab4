import { User } from "@sprig/core";
import { SYMPHONY_PLATFORM } from "../events/symphony-user.ts";
import type { UserV2 } from "../rest/wire-types.ts";

/** A pod user (`UserV2`, from user lookup or session info) as a core User. */
export function userFromPod(user: UserV2): User | undefined {
  if (typeof user.id !== "number") return undefined;
  const name =
    nonEmpty(user.displayName) ??
    nonEmpty([user.firstName, user.lastName].filter(Boolean).join(" ")) ??
    nonEmpty(user.username);
  return User.of(SYMPHONY_PLATFORM, String(user.id), name, nonEmpty(user.emailAddress));
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}
