import type { RoomAttributes, StreamRecord, UserRecord } from "../store/records.ts";

/** Which room attributes each wire shape carries, in the order it lists them. */
const V3_ROOM_ATTRIBUTES = [
  "name",
  "keywords",
  "description",
  "membersCanInvite",
  "discoverable",
  "readOnly",
  "copyProtected",
  "crossPod",
  "viewHistory",
  "multiLateralRoom",
  "public",
  "pinnedMessageId",
] as const satisfies readonly (keyof RoomAttributes)[];
const V1_ROOM_ATTRIBUTES = ["name", "description", "membersCanInvite", "discoverable"] as const;
/** v1 keeps the attributes fixed at creation apart. */
const V1_IMMUTABLE_ROOM_ATTRIBUTES = ["public", "readOnly", "copyProtected"] as const;

function pickAttributes(
  room: RoomAttributes,
  keys: readonly (keyof RoomAttributes)[],
): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, room[key]]));
}

/** `V3RoomDetail`. */
export function v3RoomDetail(stream: StreamRecord): Record<string, unknown> {
  return {
    roomAttributes: pickAttributes(stream.room!, V3_ROOM_ATTRIBUTES),
    roomSystemInfo: roomSystemInfo(stream),
  };
}

/** `RoomDetail` (v1), what `setActive` returns. */
export function v1RoomDetail(stream: StreamRecord): Record<string, unknown> {
  const room = stream.room!;
  return {
    roomAttributes: pickAttributes(room, V1_ROOM_ATTRIBUTES),
    roomSystemInfo: roomSystemInfo(stream),
    immutableRoomAttributes: pickAttributes(room, V1_IMMUTABLE_ROOM_ATTRIBUTES),
  };
}

function roomSystemInfo(stream: StreamRecord): Record<string, unknown> {
  return {
    id: stream.id,
    creationDate: stream.createdAt,
    createdByUserId: stream.creatorId,
    active: stream.active,
  };
}

/** `V1IMDetail`: an IM's pinned message and system info. */
export function v1ImDetail(stream: StreamRecord): Record<string, unknown> {
  return {
    V1IMAttributes: stream.pinnedMessageId === undefined ? {} : { pinnedMessageId: stream.pinnedMessageId },
    IMSystemInfo: { id: stream.id, creationDate: stream.createdAt, active: stream.active },
  };
}

/** `StreamAttributes` (streams list). */
export function streamAttributes(stream: StreamRecord): Record<string, unknown> {
  return {
    id: stream.id,
    crossPod: false,
    active: stream.active,
    streamType: { type: stream.type },
    ...conversationPart(stream),
  };
}

/** `V2StreamAttributes` (stream info). */
export function v2StreamAttributes(stream: StreamRecord): Record<string, unknown> {
  return {
    id: stream.id,
    crossPod: false,
    origin: "INTERNAL",
    active: stream.active,
    lastMessageDate: stream.lastMessageDate,
    streamType: { type: stream.type },
    ...conversationPart(stream),
  };
}

function conversationPart(stream: StreamRecord): Record<string, unknown> {
  return stream.type === "ROOM"
    ? { roomAttributes: { name: stream.room?.name } }
    : { streamAttributes: { members: stream.members.map((m) => m.userId) } };
}

/** `MembershipList` item. */
export function memberInfo(member: StreamRecord["members"][number]): Record<string, unknown> {
  return { id: member.userId, owner: member.owner, joinDate: member.joinDate };
}

/** `V2MemberInfo` (admin membership list): the member, and whether owner or creator. */
export function v2MemberInfo(
  stream: StreamRecord,
  member: StreamRecord["members"][number],
  user: UserRecord | undefined,
): Record<string, unknown> {
  return {
    user: {
      userId: member.userId,
      email: user?.email,
      firstName: user?.firstName,
      lastName: user?.lastName,
      displayName: user?.displayName,
      company: user?.company ?? (user?.external ? undefined : "sprig"),
      isExternal: user?.external ?? false,
    },
    isOwner: member.owner,
    isCreator: member.userId === stream.creatorId,
    joinDate: member.joinDate,
  };
}
