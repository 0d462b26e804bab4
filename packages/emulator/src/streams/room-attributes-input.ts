import { badRequest } from "../http/api-error.ts";
import { optionalBoolean, optionalString, requiredString } from "../http/input.ts";
import type { RoomAttributes } from "../store/records.ts";
import { defaultRoomAttributes } from "./stream-service.ts";

const FLAGS = [
  "membersCanInvite",
  "discoverable",
  "public",
  "readOnly",
  "copyProtected",
  "crossPod",
  "viewHistory",
  "multiLateralRoom",
] as const;

function keywords(body: Record<string, unknown>): RoomAttributes["keywords"] | undefined {
  const value = body.keywords;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw badRequest('"keywords" must be an array of {key, value}', "INVALID_FIELD");
  return value.map((k, i) => {
    if (!k || typeof k !== "object" || typeof k.key !== "string" || typeof k.value !== "string") {
      throw badRequest(`"keywords[${i}]" must be {key: string, value: string}`, "INVALID_FIELD");
    }
    return { key: k.key, value: k.value };
  });
}

/** `V3RoomAttributes` of a create request: `name` required, the rest defaulted. */
export function roomAttributesForCreate(body: Record<string, unknown>): RoomAttributes {
  return { ...defaultRoomAttributes(requiredString(body, "name", 256)), ...roomAttributeChanges(body) };
}

/** The attributes an update request sets (absent ones unchanged). */
export function roomAttributeChanges(body: Record<string, unknown>): Partial<RoomAttributes> {
  const changes: Partial<RoomAttributes> = {};
  const name = optionalString(body, "name", 256);
  if (name !== undefined) {
    if (!name.trim()) throw badRequest('"name" must not be blank', "INVALID_FIELD");
    changes.name = name;
  }
  const description = optionalString(body, "description", 4000);
  if (description !== undefined) changes.description = description;
  const kw = keywords(body);
  if (kw) changes.keywords = kw;
  const pinned = optionalString(body, "pinnedMessageId", 100);
  // "" unpins.
  if (pinned !== undefined) changes.pinnedMessageId = pinned === "" ? undefined : pinned;
  for (const flag of FLAGS) {
    const value = optionalBoolean(body, flag);
    if (value !== undefined) changes[flag] = value;
  }
  return changes;
}
