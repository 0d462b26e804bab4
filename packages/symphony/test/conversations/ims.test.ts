/**
 * SymphonyConversations.ims: the people of the bot's IM streams, read from `streams/list` with
 * the IM stream type, page by page; the bot itself is never one of them, a stream without exactly
 * one other member is skipped, names come from one user lookup a page, and each IM's stream id is
 * remembered so talking to that person needs no `im/create`.
 */
import { User } from "@sprig/core";
import { describe, expect, it } from "vitest";
import { SymphonyConversations, type SymphonyConversationsOptions } from "../../src/index.ts";
import type { StreamAttributes, StreamFilter } from "../../src/rest/wire-types.ts";

const BOT = "9001";
const im = (id: string, ...members: number[]): StreamAttributes => ({
  id,
  streamType: { type: "IM" },
  streamAttributes: { members },
});

function fakePod(streams: StreamAttributes[], { botUserId }: { botUserId?: string } = { botUserId: BOT }) {
  const lists: { filter: StreamFilter; skip: number; limit: number }[] = [];
  const lookups: string[][] = [];
  const remembered: [string, string][] = [];
  const api = {
    async list(filter: StreamFilter, page: { skip: number; limit: number }) {
      lists.push({ filter, ...page });
      return streams.slice(page.skip, page.skip + page.limit);
    },
  } as Partial<SymphonyConversationsOptions["streams"]> as SymphonyConversationsOptions["streams"];
  const conversations = new SymphonyConversations({
    streams: api,
    users: {
      async lookup(query) {
        const ids = "ids" in query ? query.ids.map(String) : [];
        lookups.push(ids);
        return ids.filter((id) => id !== "1003").map((id) => ({ id: Number(id), displayName: `user ${id}` }));
      },
    },
    imStreams: { remember: (user, stream) => remembered.push([user, stream]) },
    pageSize: 2,
    ...(botUserId ? { botUserId } : {}),
  });
  return { conversations, lists, lookups, remembered };
}

describe("SymphonyConversations.ims", () => {
  it("lists the other member of each IM, paging through streams/list, named by one lookup a page", async () => {
    const pod = fakePod([im("im+1", 9001, 1001), im("im/2", 1002, 9001), im("im3", 9001, 1003)]);
    const people = await pod.conversations.ims();
    expect(people.map((u) => [u.id, u.name])).toEqual([
      ["1001", "user 1001"],
      ["1002", "user 1002"],
      ["1003", undefined], // not in the directory: still the person of that IM, by id
    ]);
    expect(people[0]).toEqual(User.of("symphony", "1001", "user 1001"));
    expect(pod.lists).toEqual([
      { filter: { streamTypes: [{ type: "IM" }], includeInactiveStreams: false }, skip: 0, limit: 2 },
      { filter: { streamTypes: [{ type: "IM" }], includeInactiveStreams: false }, skip: 2, limit: 2 },
    ]);
    expect(pod.lookups).toEqual([["1001", "1002"], ["1003"]]);
    expect(pod.remembered).toEqual([
      ["1001", "im+1"],
      ["1002", "im/2"],
      ["1003", "im3"],
    ]);
  });

  it("skips what is no 1:1 of the bot: other stream types, no id, no other member or more than one", async () => {
    const pod = fakePod([
      { id: "room", streamType: { type: "ROOM" }, roomAttributes: { name: "Team" } },
      { id: "mim", streamType: { type: "MIM" }, streamAttributes: { members: [9001, 1001, 1002] } },
      { streamType: { type: "IM" }, streamAttributes: { members: [9001, 1001] } },
      im("self", 9001),
      im("ok", 1004, 9001),
    ]);
    expect((await pod.conversations.ims()).map((u) => u.id)).toEqual(["1004"]);
  });

  it("without the bot's id no IM is listed: neither member could be told to be the bot", async () => {
    const pod = fakePod([im("im1", 9001, 1001)], {});
    expect(await pod.conversations.ims()).toEqual([]);
    expect(pod.lookups).toEqual([]);
  });

  it("an empty pod answers one page and no lookup", async () => {
    const pod = fakePod([]);
    expect(await pod.conversations.ims()).toEqual([]);
    expect(pod.lists).toHaveLength(1);
    expect(pod.lookups).toEqual([]);
  });
});
