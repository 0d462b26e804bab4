import { requireConnected } from "../connections/connection-book.ts";
import { v4RoomProperties, v4Stream } from "../events/event-factory.ts";
import { badRequest, forbidden } from "../http/api-error.ts";
import { type Pod, publishToStream } from "../runtime/pod.ts";
import type { RoomAttributes, StreamRecord, UserRecord } from "../store/records.ts";
import { v4User } from "../users/user-views.ts";

/** Conversations and their membership; each change emits the event a real pod emits. */

export function defaultRoomAttributes(name: string): RoomAttributes {
  return {
    name,
    description: "",
    keywords: [],
    membersCanInvite: true,
    discoverable: false,
    public: false,
    readOnly: false,
    copyProtected: false,
    crossPod: false,
    viewHistory: false,
    multiLateralRoom: false,
  };
}

/** The IM (two people) or MIM (more) of exactly these users; created, with INSTANTMESSAGECREATED, if new. */
export function ensureConversation(pod: Pod, creator: UserRecord, userIds: number[]): StreamRecord {
  const everyone = [...new Set([creator.id, ...userIds])];
  for (const id of everyone) pod.store.requireUser(id);
  if (everyone.length < 2) throw badRequest("An IM needs at least one other user", "INVALID_FIELD");
  const existing = pod.store.conversationWith(everyone);
  if (existing) return existing;
  requireConnected(
    pod,
    everyone.map((id) => pod.store.requireUser(id)),
  );
  const now = pod.clock.now();
  const stream: StreamRecord = {
    id: pod.ids.streamId(),
    type: everyone.length === 2 ? "IM" : "MIM",
    members: everyone.map((userId) => ({ userId, owner: false, joinDate: now })),
    active: true,
    createdAt: now,
    creatorId: creator.id,
  };
  pod.store.addStream(stream);
  publishToStream(
    pod,
    pod.events.create("INSTANTMESSAGECREATED", creator, { stream: v4Stream(stream, pod.store, true) }),
    stream,
  );
  return stream;
}

export function createRoom(pod: Pod, creator: UserRecord, attributes: RoomAttributes): StreamRecord {
  const now = pod.clock.now();
  const stream: StreamRecord = {
    id: pod.ids.streamId(),
    type: "ROOM",
    members: [{ userId: creator.id, owner: true, joinDate: now }],
    active: true,
    createdAt: now,
    creatorId: creator.id,
    room: attributes,
  };
  pod.store.addStream(stream);
  const event = pod.events.create(
    "ROOMCREATED",
    creator,
    {
      stream: v4Stream(stream),
      roomProperties: v4RoomProperties(stream, creator),
    },
    pod.ids.messageId(),
  ); // the pod's "room created" system message
  publishToStream(pod, event, stream);
  return stream;
}

function requireRoom(stream: StreamRecord): void {
  if (stream.type !== "ROOM")
    throw badRequest(`Stream ${stream.id} is an ${stream.type}, not a room`, "NOT_A_ROOM");
}

function requireOwner(stream: StreamRecord, actor: UserRecord): void {
  if (!stream.members.some((m) => m.userId === actor.id && m.owner)) {
    throw forbidden(`User ${actor.id} is not an owner of room ${stream.id}`, "NOT_AN_OWNER");
  }
}

export function addMember(
  pod: Pod,
  stream: StreamRecord,
  actor: UserRecord,
  user: UserRecord,
  asOwner = false,
): boolean {
  requireRoom(stream);
  const actorMember = stream.members.find((m) => m.userId === actor.id);
  const mayInvite = actorMember?.owner || (actorMember && stream.room?.membersCanInvite);
  if (!mayInvite)
    throw forbidden(`User ${actor.id} may not add members to room ${stream.id}`, "NOT_AN_OWNER");
  if (pod.store.isMember(stream, user.id)) return false;
  stream.members.push({ userId: user.id, owner: asOwner, joinDate: pod.clock.now() });
  const event = pod.events.create("USERJOINEDROOM", actor, {
    stream: v4Stream(stream),
    affectedUser: v4User(user),
  });
  publishToStream(pod, event, stream);
  return true;
}

export function removeMember(pod: Pod, stream: StreamRecord, actor: UserRecord, user: UserRecord): boolean {
  requireRoom(stream);
  if (actor.id !== user.id) requireOwner(stream, actor);
  if (!pod.store.isMember(stream, user.id)) return false;
  stream.members = stream.members.filter((m) => m.userId !== user.id);
  const event = pod.events.create("USERLEFTROOM", actor, {
    stream: v4Stream(stream),
    affectedUser: v4User(user),
  });
  publishToStream(pod, event, stream, [user.id]);
  return true;
}

export function setOwner(
  pod: Pod,
  stream: StreamRecord,
  actor: UserRecord,
  user: UserRecord,
  owner: boolean,
): void {
  requireRoom(stream);
  requireOwner(stream, actor);
  const member = stream.members.find((m) => m.userId === user.id);
  if (!member) throw badRequest(`User ${user.id} is not a member of room ${stream.id}`, "NOT_A_MEMBER");
  if (member.owner === owner) return;
  member.owner = owner;
  const type = owner ? "ROOMMEMBERPROMOTEDTOOWNER" : "ROOMMEMBERDEMOTEDFROMOWNER";
  publishToStream(
    pod,
    pod.events.create(type, actor, { stream: v4Stream(stream), affectedUser: v4User(user) }),
    stream,
  );
}

export function updateRoom(
  pod: Pod,
  stream: StreamRecord,
  actor: UserRecord,
  changes: Partial<RoomAttributes>,
): void {
  requireRoom(stream);
  requireOwner(stream, actor);
  stream.room = { ...stream.room!, ...changes };
  const creator = pod.store.users.get(stream.creatorId);
  const event = pod.events.create("ROOMUPDATED", actor, {
    stream: v4Stream(stream),
    newRoomProperties: v4RoomProperties(stream, creator),
  });
  publishToStream(pod, event, stream);
}

export function setRoomActive(pod: Pod, stream: StreamRecord, actor: UserRecord, active: boolean): void {
  requireRoom(stream);
  requireOwner(stream, actor);
  if (stream.active === active) return;
  stream.active = active;
  const type = active ? "ROOMREACTIVATED" : "ROOMDEACTIVATED";
  const key = { stream: v4Stream(stream) };
  publishToStream(pod, pod.events.create(type, actor, key), stream);
}
