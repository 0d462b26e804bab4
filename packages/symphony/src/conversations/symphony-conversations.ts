import { Chat, type Conversations, User } from "@sprig/core";
import { SymphonyError } from "../errors/symphony-error.ts";
import { SYMPHONY_PLATFORM } from "../events/symphony-user.ts";
import { isHttpStatus } from "../http/http-error.ts";
import { toUrlSafeId } from "../rest/stream-id.ts";
import type { StreamsApi } from "../rest/streams-api.ts";
import type { UsersApi } from "../rest/users-api.ts";
import type { StreamAttributes, StreamType } from "../rest/wire-types.ts";
import type { ImStreams } from "./im-streams.ts";
import { userFromPod } from "./symphony-users.ts";

export interface SymphonyConversationsOptions {
  readonly streams: Pick<
    StreamsApi,
    "list" | "searchRooms" | "streamInfo" | "members" | "createRoom" | "changeMembership"
  >;
  readonly users: Pick<UsersApi, "lookup">;
  /** Told each IM stream listed, so sending to or reading that 1:1 costs no `im/create`. */
  readonly imStreams?: Pick<ImStreams, "remember">;
  /**
   * The bot's own user id: never "added" to a room it creates (it is in it already); the other
   * member of an IM is the person of that 1:1 (without it no IM is listed: neither member can be told
   * to be the bot).
   */
  readonly botUserId?: string;
  /** Streams per `streams/list` page (the pod's default is 50). */
  readonly pageSize?: number;
}

const CHAT_TYPES = [{ type: "ROOM" }, { type: "MIM" }];
const IM_TYPES = [{ type: "IM" }];
/** Rooms per room-search page (the pod's maximum). */
const SEARCH_PAGE = 100;

/**
 * Who and where, from the pod: the rooms and group chats the bot is in (paged through
 * `streams/list`), the people of its IMs (the same, IM streams), their members and owners
 * (`membership/list`, `owner: true` = admin), user lookup, and ensure-chat (create a room and add
 * its members). A 1:1 is a User in core, never a Chat.
 */
export class SymphonyConversations implements Conversations {
  private readonly pageSize: number;

  constructor(private readonly options: SymphonyConversationsOptions) {
    this.pageSize = options.pageSize ?? 50;
  }

  async chats(): Promise<readonly Chat[]> {
    const chats: Chat[] = [];
    for await (const page of this.streamPages(CHAT_TYPES)) {
      for (const stream of page) {
        const chat = chatOf(stream);
        if (chat) chats.push(chat);
      }
    }
    return chats;
  }

  /** The other member of each IM stream of the bot, named from the user directory (one lookup a page). */
  async ims(): Promise<readonly User[]> {
    const botId = this.options.botUserId;
    const people: User[] = [];
    for await (const page of this.streamPages(IM_TYPES)) {
      const ids: string[] = [];
      for (const stream of page) {
        if (!stream.id || stream.streamType?.type !== "IM") continue;
        const others = (stream.streamAttributes?.members ?? []).map(String).filter((id) => id !== botId);
        const other = others.length === 1 ? others[0] : undefined;
        if (other === undefined) continue;
        this.options.imStreams?.remember(other, stream.id);
        ids.push(other);
      }
      people.push(...(await this.usersById(ids)));
    }
    return people;
  }

  /** The bot's active streams of these types, page by page (`POST /pod/v1/streams/list`). */
  private async *streamPages(streamTypes: StreamType[]): AsyncGenerator<StreamAttributes[]> {
    for (let skip = 0; ; skip += this.pageSize) {
      const page = await this.options.streams.list(
        { streamTypes, includeInactiveStreams: false },
        { skip, limit: this.pageSize },
      );
      yield page;
      if (page.length < this.pageSize) return;
    }
  }

  async chatById(id: string): Promise<Chat | undefined> {
    const info = await notFoundAsUndefined(() => this.options.streams.streamInfo(toUrlSafeId(id)));
    return info ? chatOf(info) : undefined;
  }

  /**
   * The room of the bot named `name`, found with the pod's room search (`POST /pod/v3/room/search`,
   * the bot as member): a few matches, not every stream of the bot paged through on every call.
   * The search matches words of names and descriptions, so the name is compared exactly here.
   * (Group chats have no name: only rooms can match.)
   */
  async chatByName(name: string): Promise<Chat | undefined> {
    const botId = Number(this.options.botUserId);
    if (name === "" || !Number.isSafeInteger(botId)) {
      return (await this.chats()).find((chat) => chat.name === name);
    }
    for (let skip = 0; ; skip += SEARCH_PAGE) {
      const page = await this.options.streams.searchRooms(
        { query: name, member: { id: botId }, active: true },
        { skip, limit: SEARCH_PAGE },
      );
      const rooms = page.rooms ?? [];
      const found = rooms.find((room) => room.roomAttributes?.name === name && room.roomSystemInfo?.id);
      const id = found?.roomSystemInfo?.id;
      if (id) return Chat.of(SYMPHONY_PLATFORM, toUrlSafeId(id), name);
      if (rooms.length < SEARCH_PAGE) return undefined;
    }
  }

  async members(chat: Chat): Promise<readonly User[]> {
    return this.usersById((await this.memberInfo(chat)).map((m) => m.id));
  }

  async admins(chat: Chat): Promise<readonly User[]> {
    const owners = (await this.memberInfo(chat)).filter((m) => m.owner);
    return this.usersById(owners.map((m) => m.id));
  }

  async userById(id: string): Promise<User | undefined> {
    if (!/^\d+$/.test(id)) return undefined;
    const [found] = await this.options.users.lookup({ ids: [id] });
    return found ? userFromPod(found) : undefined;
  }

  async ensureChat(
    name: string,
    members: readonly User[],
    options: { description?: string } = {},
  ): Promise<Chat> {
    requireSymphonyIds(name, members);
    const existing = await this.chatByName(name);
    if (existing) {
      const present = new Set((await this.memberInfo(existing)).map((m) => m.id));
      await this.addMembers(
        existing,
        members.filter((m) => !present.has(m.id)),
      );
      return existing;
    }
    const detail = await this.options.streams.createRoom({
      name,
      description: options.description ?? name,
      membersCanInvite: true,
      discoverable: false,
      public: false,
      readOnly: false,
      copyProtected: false,
      crossPod: false,
      viewHistory: true,
    });
    const id = detail.roomSystemInfo?.id;
    if (!id) throw new Error(`The pod created room "${name}" but did not say its id.`);
    const chat = Chat.of(SYMPHONY_PLATFORM, toUrlSafeId(id), detail.roomAttributes?.name ?? name);
    await this.addMembers(chat, members);
    return chat;
  }

  /**
   * One `membership/add` per person, in the order given, each once (the bot is in the room
   * already); a person asked for twice is added once.
   */
  private async addMembers(chat: Chat, members: readonly User[]): Promise<void> {
    const added = new Set<string>();
    for (const member of members) {
      if (member.id === this.options.botUserId || added.has(member.id)) continue;
      added.add(member.id);
      await this.options.streams.changeMembership(toUrlSafeId(chat.id), "add", member.id);
    }
  }

  /** Room members with their owner flag; a group chat (MIM) has no owners. */
  private async memberInfo(chat: Chat): Promise<{ id: string; owner: boolean }[]> {
    const streamId = toUrlSafeId(chat.id);
    try {
      const members = await this.options.streams.members(streamId);
      return members
        .filter((m) => typeof m.id === "number")
        .map((m) => ({ id: String(m.id), owner: m.owner === true }));
    } catch (error) {
      // `membership/list` is for rooms; a group chat's members are in its stream attributes.
      if (!isHttpStatus(error, 400) && !isHttpStatus(error, 404)) throw error;
      const info = await this.options.streams.streamInfo(streamId);
      return (info.streamAttributes?.members ?? []).map((id) => ({ id: String(id), owner: false }));
    }
  }

  private async usersById(ids: readonly string[]): Promise<User[]> {
    if (ids.length === 0) return [];
    const found = await this.options.users.lookup({ ids });
    const byId = new Map<string, User>();
    for (const entry of found) {
      const user = userFromPod(entry);
      if (user) byId.set(user.id, user);
    }
    // In the order asked, and a member the directory does not return still counts (by id).
    return ids.map((id) => byId.get(id) ?? User.of(SYMPHONY_PLATFORM, id));
  }
}

/** Checked before anything is created, so a bad member leaves no half-made room behind. */
function requireSymphonyIds(room: string, members: readonly User[]): void {
  const bad = members.find((m) => !/^\d+$/.test(m.id));
  if (bad)
    throw new SymphonyError(
      "ADAPTER_BAD_ADDRESS",
      `Cannot add "${bad.id.slice(0, 40)}" to room "${room.slice(0, 80)}": Symphony user ids are numbers. Nothing was changed.`,
    );
}

function chatOf(stream: StreamAttributes): Chat | undefined {
  const type = stream.streamType?.type;
  if (!stream.id || (type !== "ROOM" && type !== "MIM")) return undefined;
  const name = stream.roomAttributes?.name;
  return Chat.of(SYMPHONY_PLATFORM, toUrlSafeId(stream.id), name === "" ? undefined : name);
}

async function notFoundAsUndefined<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isHttpStatus(error, 400) || isHttpStatus(error, 403) || isHttpStatus(error, 404)) return undefined;
    throw error;
  }
}
