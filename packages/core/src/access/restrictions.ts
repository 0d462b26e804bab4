/**
 * Restrictions on commands and buttons: which rooms, which rooms not, room admins only.
 * Checked when an action is handled (a forged press is refused) and when buttons and help are
 * rendered (nobody is shown what they may not use). Rooms are named by id or by name.
 */
import type { Chat, User } from "../addressables/addressables.ts";
import { sameAddressable } from "../addressables/addressables.ts";
import type { Conversations } from "../context/conversations.ts";

export interface Restrictions {
  /** Only in these rooms (ids or names). A non-empty list also rules out 1:1 conversations. */
  readonly rooms?: readonly string[];
  /** Never in these rooms (ids or names). */
  readonly excludeRooms?: readonly string[];
  /** Only room admins (and so never in a 1:1). */
  readonly admin?: boolean;
}

export type AccessDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: string };

const ALLOWED: AccessDecision = Object.freeze({ allowed: true });

/**
 * Who is asking, where; `isAdmin` is looked up at most once per action. `user` is absent when
 * rendering for a whole room rather than for one person.
 */
export interface AccessRequest {
  readonly user: User | undefined;
  readonly chat: Chat | undefined;
  isAdmin(): Promise<boolean>;
}

export function accessRequest(
  user: User,
  chat: Chat | undefined,
  conversations: Conversations,
): AccessRequest {
  let admin: Promise<boolean> | undefined;
  return {
    user,
    chat,
    isAdmin() {
      if (!chat) return Promise.resolve(false);
      admin ??= conversations.admins(chat).then((admins) => admins.some((a) => sameAddressable(a, user)));
      return admin;
    },
  };
}

function names(chat: Chat, list: readonly string[]): boolean {
  const name = chat.name?.toLowerCase();
  return list.some((entry) => entry === chat.id || (name !== undefined && entry.toLowerCase() === name));
}

export function isRestricted(r: Restrictions): boolean {
  return !!r.admin || (r.rooms?.length ?? 0) > 0 || (r.excludeRooms?.length ?? 0) > 0;
}

export async function checkAccess(r: Restrictions, request: AccessRequest): Promise<AccessDecision> {
  if (!isRestricted(r)) return ALLOWED;
  const { chat } = request;
  if (r.rooms && r.rooms.length > 0 && !(chat && names(chat, r.rooms))) {
    return { allowed: false, reason: `only in ${r.rooms.join(", ")}` };
  }
  if (chat && r.excludeRooms && names(chat, r.excludeRooms)) {
    return { allowed: false, reason: "not in this room" };
  }
  if (r.admin && !(await request.isAdmin())) {
    return { allowed: false, reason: chat ? "only for room admins" : "only for room admins, in a room" };
  }
  return ALLOWED;
}
