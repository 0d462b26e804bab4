import type { StreamRecord } from "../store/records.ts";

/** `V3RoomDetail`. */
export function v3RoomDetail(stream: StreamRecord): Record<string, unknown> {
  const room = stream.room!;
  return {
    roomAttributes: {
      name: room.name,
      keywords: room.keywords,
      description: room.description,
      membersCanInvite: room.membersCanInvite,
      discoverable: room.discoverable,
      readOnly: room.readOnly,
      copyProtected: room.copyProtected,
      crossPod: room.crossPod,
      viewHistory: room.viewHistory,
      multiLateralRoom: room.multiLateralRoom,
      public: room.public,
    },
    roomSystemInfo: roomSystemInfo(stream),
  };
}

/** `RoomDetail` (v1), what `setActive` returns. */
export function v1RoomDetail(stream: StreamRecord): Record<string, unknown> {
  const room = stream.room!;
  return {
    roomAttributes: {
      name: room.name,
      description: room.description,
      membersCanInvite: room.membersCanInvite,
      discoverable: room.discoverable,
    },
    roomSystemInfo: roomSystemInfo(stream),
    immutableRoomAttributes: {
      public: room.public,
      readOnly: room.readOnly,
      copyProtected: room.copyProtected,
    },
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
