import { Chat, User } from "@sprig/core";
import { describe, expect, it } from "vitest";
import { SymphonyConversations, type SymphonyConversationsOptions } from "../../src/index.ts";
import type { MembershipChange } from "../../src/rest/streams-api.ts";
import type { StreamAttributes } from "../../src/rest/wire-types.ts";

const BOT = "9001";

/** A pod in memory: rooms with members, and a log of every membership call the adapter made. */
function fakePod(rooms: Record<string, { id: string; members: string[] }>) {
  const calls: { room: string; change: MembershipChange; user: string }[] = [];
  const reads = { lists: 0, searches: 0 };
  let created = 0;
  const streams: SymphonyConversationsOptions["streams"] = {
    async searchRooms(criteria) {
      reads.searches++;
      const matching = Object.entries(rooms).filter(
        ([name, room]) =>
          name.toLowerCase().includes(criteria.query.toLowerCase()) &&
          room.members.includes(String(criteria.member?.id)),
      );
      return {
        rooms: matching.map(([name, room]) => ({
          roomAttributes: { name },
          roomSystemInfo: { id: room.id },
        })),
      };
    },
    async list(): Promise<StreamAttributes[]> {
      reads.lists++;
      return Object.entries(rooms).map(([name, room]) => ({
        id: room.id,
        streamType: { type: "ROOM" },
        roomAttributes: { name },
      }));
    },
    async streamInfo() {
      throw new Error("not used");
    },
    async members(roomId) {
      const room = Object.values(rooms).find((r) => r.id === roomId);
      return (room?.members ?? []).map((id) => ({ id: Number(id), owner: false }));
    },
    async createRoom(attributes) {
      const id = `new-room-${++created}`;
      rooms[attributes.name ?? ""] = { id, members: [BOT] };
      return { roomAttributes: { name: attributes.name }, roomSystemInfo: { id } };
    },
    async changeMembership(roomId, change, userId) {
      calls.push({ room: roomId, change, user: String(userId) });
      const room = Object.values(rooms).find((r) => r.id === roomId);
      if (room && change === "add" && !room.members.includes(String(userId)))
        room.members.push(String(userId));
    },
  };
  const conversations = new SymphonyConversations({
    streams,
    users: { lookup: async () => [] },
    botUserId: BOT,
  });
  return { conversations, calls, rooms, reads, created: () => created };
}

const ann = User.of("symphony", "1001", "Ann");
const bob = User.of("symphony", "1002", "Bob");
const cy = User.of("symphony", "1003", "Cy");

describe("SymphonyConversations.ensureChat", () => {
  it("finds the room by name with one room search, not by paging through every stream", async () => {
    const pod = fakePod({
      "Ops review": { id: "review-room", members: [BOT] },
      Ops: { id: "ops-room", members: [BOT, "1001"] },
      "Ops (old)": { id: "other-room", members: ["1001"] },
    });
    expect(await pod.conversations.chatByName("Ops")).toEqual(Chat.of("symphony", "ops-room", "Ops"));
    expect(await pod.conversations.ensureChat("Ops", [ann])).toEqual(Chat.of("symphony", "ops-room", "Ops"));
    expect(pod.reads).toEqual({ lists: 0, searches: 2 });
    expect(await pod.conversations.chatByName("Op")).toBeUndefined(); // a word of a name is not the name
  });

  it("adds the members asked for who are not in the existing room, and only them", async () => {
    const pod = fakePod({ Ops: { id: "ops-room", members: [BOT, "1001"] } });
    const chat = await pod.conversations.ensureChat("Ops", [ann, bob, cy]);
    expect(chat).toEqual(Chat.of("symphony", "ops-room", "Ops"));
    expect(pod.calls).toEqual([
      { room: "ops-room", change: "add", user: "1002" },
      { room: "ops-room", change: "add", user: "1003" },
    ]);
    expect(pod.created()).toBe(0);
  });

  it("is idempotent: the second call with the same members makes no membership call", async () => {
    const pod = fakePod({});
    const first = await pod.conversations.ensureChat("Ops", [ann, bob]);
    expect(pod.calls.map((c) => c.user)).toEqual(["1001", "1002"]);
    const second = await pod.conversations.ensureChat("Ops", [bob, ann]);
    expect(second).toEqual(first);
    expect(pod.calls).toHaveLength(2);
    expect(pod.created()).toBe(1);
  });

  it("never adds the bot itself, nor one person twice", async () => {
    const pod = fakePod({});
    await pod.conversations.ensureChat("Ops", [User.of("symphony", BOT), bob, bob]);
    expect(pod.calls.map((c) => c.user)).toEqual(["1002"]);
  });

  it("refuses a member id that is no Symphony user before creating or changing anything", async () => {
    const pod = fakePod({ Ops: { id: "ops-room", members: [BOT] } });
    const mallory = User.of("symphony", "mallory");
    await expect(pod.conversations.ensureChat("Ops", [bob, mallory])).rejects.toMatchObject({
      code: "ADAPTER_BAD_ADDRESS",
      message: expect.stringContaining("mallory"),
    });
    await expect(pod.conversations.ensureChat("New", [mallory])).rejects.toMatchObject({
      code: "ADAPTER_BAD_ADDRESS",
    });
    expect(pod.calls).toEqual([]);
    expect(pod.created()).toBe(0);
  });
});
