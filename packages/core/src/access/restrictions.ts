/**
 * Restrictions on commands and buttons: which rooms, which rooms not, room admins only.
 * Checked when an action is handled (a forged press is refused) and when buttons and help are
 * rendered (nobody is shown what they may not use).
 *
 * Rooms are named by id. A room's name is chosen by its users (anyone may create a room called
 * "Claim Approval" and run the restricted command there), so matching by name is only done where
 * the author asks for it with `byName("…")`.
 */
import type { Chat, User } from "../addressables/addressables.ts";
import { sameAddressable } from "../addressables/addressables.ts";
import type { Conversations } from "../context/conversations.ts";

/** A room named by its display name: weak (names are chosen by users), so asked for explicitly. */
export interface RoomByName {
  readonly byName: string;
}

/** A room id, or `byName("Room name")`. */
export type RoomRef = string | RoomByName;

/**
 * A room matched by its name (case-insensitive) rather than its id. Weak: anyone who can create a
 * room can give it this name. Use ids for anything that guards approvals, payments or data.
 */
export function byName(name: string): RoomByName {
  return Object.freeze({ byName: name });
}

export interface Restrictions {
  /** Only in these rooms (ids, or `byName(…)`). A non-empty list also rules out 1:1 conversations. */
  readonly rooms?: readonly RoomRef[];
  /** Never in these rooms (ids, or `byName(…)`). */
  readonly excludeRooms?: readonly RoomRef[];
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

function isIn(chat: Chat, list: readonly RoomRef[]): boolean {
  const name = chat.name?.toLowerCase();
  return list.some((entry) =>
    typeof entry === "string" ? entry === chat.id : name !== undefined && entry.byName.toLowerCase() === name,
  );
}

/** How a refusal names the rooms: by name where the author gave one, else by id. */
function roomLabel(entry: RoomRef): string {
  return typeof entry === "string" ? entry : entry.byName;
}

export function isRestricted(r: Restrictions): boolean {
  return !!r.admin || (r.rooms?.length ?? 0) > 0 || (r.excludeRooms?.length ?? 0) > 0;
}

export async function checkAccess(r: Restrictions, request: AccessRequest): Promise<AccessDecision> {
  if (!isRestricted(r)) return ALLOWED;
  const { chat } = request;
  if (r.rooms && r.rooms.length > 0 && !(chat && isIn(chat, r.rooms))) {
    return { allowed: false, reason: `only in ${r.rooms.map(roomLabel).join(", ")}` };
  }
  if (chat && r.excludeRooms && isIn(chat, r.excludeRooms)) {
    return { allowed: false, reason: "not in this room" };
  }
  if (r.admin && !(await request.isAdmin())) {
    return { allowed: false, reason: chat ? "only for room admins" : "only for room admins, in a room" };
  }
  return ALLOWED;
}
