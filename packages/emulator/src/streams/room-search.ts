import { badRequest } from "../http/api-error.ts";
import { asObject, asUserId, optionalBoolean } from "../http/input.ts";
import type { PodStore } from "../store/pod-store.ts";
import type { StreamRecord } from "../store/records.ts";

/** `V2RoomSearchCriteria`: `query` (matched in name, description and keyword values) plus filters. */
export interface RoomSearchCriteria {
  query: string;
  active?: boolean;
  private?: boolean;
  owner?: number;
  creator?: number;
  member?: number;
  labels?: string[];
}

export function parseRoomSearchCriteria(body: unknown): RoomSearchCriteria {
  const b = asObject(body, "Room search criteria");
  if (typeof b.query !== "string")
    throw badRequest('"query" is required (a string; "" matches every room)', "MISSING_FIELD");
  const userRef = (key: string) =>
    b[key] === undefined || b[key] === null
      ? undefined
      : asUserId(asObject(b[key], `"${key}"`).id, `${key}.id`);
  // null is "not given", as for every other field.
  const labels = b.labels ?? undefined;
  if (labels !== undefined && (!Array.isArray(labels) || !labels.every((l) => typeof l === "string"))) {
    throw badRequest('"labels" must be an array of strings', "INVALID_FIELD");
  }
  return {
    query: b.query,
    active: optionalBoolean(b, "active"),
    private: optionalBoolean(b, "private"),
    owner: userRef("owner"),
    creator: userRef("creator"),
    member: userRef("member"),
    labels: labels as string[] | undefined,
  };
}

/** Rooms the caller may find (member of, or discoverable / public) that match, oldest first. */
export function searchRooms(
  store: PodStore,
  viewerId: number,
  criteria: RoomSearchCriteria,
  includeNonDiscoverable: boolean,
): StreamRecord[] {
  const needle = criteria.query.toLowerCase();
  return [...store.streams.values()]
    .filter((s) => s.type === "ROOM" && s.room)
    .filter(
      (s) => store.isMember(s, viewerId) || s.room!.discoverable || s.room!.public || includeNonDiscoverable,
    )
    .filter((s) => {
      const room = s.room!;
      const text = [room.name, room.description, ...room.keywords.map((k) => k.value)]
        .join("\n")
        .toLowerCase();
      if (needle && !text.includes(needle)) return false;
      if (criteria.active !== undefined && s.active !== criteria.active) return false;
      if (criteria.private !== undefined && !room.public !== criteria.private) return false;
      if (criteria.creator !== undefined && s.creatorId !== criteria.creator) return false;
      if (criteria.owner !== undefined && !s.members.some((m) => m.userId === criteria.owner && m.owner))
        return false;
      if (criteria.member !== undefined && !store.isMember(s, criteria.member)) return false;
      if (
        criteria.labels?.length &&
        !criteria.labels.some((l) => room.keywords.some((k) => k.key === l || k.value === l))
      )
        return false;
      return true;
    })
    .sort((a, b) => a.createdAt - b.createdAt);
}
