import type { UserRecord } from "../store/records.ts";

/** `V4User`, the user object inside events and messages. Absent fields are omitted, never null. */
export function v4User(user: UserRecord): Record<string, unknown> {
  return {
    userId: user.id,
    firstName: user.firstName,
    lastName: user.lastName,
    displayName: user.displayName,
    email: user.email,
    username: user.username,
  };
}

/** `UserV2`, what sessioninfo and the user lookups return. */
export function userV2(user: UserRecord): Record<string, unknown> {
  return {
    id: user.id,
    emailAddress: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    displayName: user.displayName,
    title: user.title,
    company: user.company ?? "sprig",
    username: user.username,
    accountType: user.bot ? "SYSTEM" : "NORMAL",
    avatars: [
      { size: "original", url: "../avatars/static/150/default.png" },
      { size: "small", url: "../avatars/static/50/default.png" },
    ],
    roles: ["INDIVIDUAL"],
  };
}

/** `V2UserDetail`, the admin view of an account. */
export function v2UserDetail(user: UserRecord): Record<string, unknown> {
  return {
    userAttributes: {
      emailAddress: user.email,
      firstName: user.firstName,
      lastName: user.lastName,
      userName: user.username,
      displayName: user.displayName,
      companyName: user.company ?? (user.external ? undefined : "sprig"),
      title: user.title,
      accountType: user.bot ? "SYSTEM" : "NORMAL",
    },
    userSystemInfo: { id: user.id, status: user.deactivated ? "DISABLED" : "ENABLED" },
    roles: user.bot ? ["INDIVIDUAL", "USER_PROVISIONING"] : ["INDIVIDUAL"],
  };
}
