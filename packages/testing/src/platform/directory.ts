/**
 * The in-memory directory: users, rooms, their members and admins, and the 1:1s with the bot
 * (one exists once someone wrote to the bot or the bot to them). It implements core's
 * `Conversations`, so handlers see the same directory the scenario set up.
 */
import { Chat, type Conversations, sameAddressable, User } from "@sprig/core";

interface Room {
  chat: Chat;
  members: User[];
  admins: User[];
}

export class Directory implements Conversations {
  readonly platform: string;
  readonly #users = new Map<string, User>();
  readonly #rooms = new Map<string, Room>();
  /** Ids of the people who have a 1:1 with the bot, in the order they got it. */
  readonly #ims = new Set<string>();
  #nextId = 1;

  constructor(platform: string) {
    this.platform = platform;
  }

  /** The user with this name, created on first use (id derived from the name, stable per run). */
  user(name: string, email?: string): User {
    const existing = [...this.#users.values()].find((u) => u.name === name);
    if (existing) return existing;
    const user = User.of(this.platform, `u${this.#nextId++}`, name, email);
    this.#users.set(user.id, user);
    return user;
  }

  /** The room with this name, created on first use. */
  room(name: string): Chat {
    return this.#roomNamed(name).chat;
  }

  addMember(chat: Chat, user: User): void {
    const room = this.#roomOf(chat);
    if (!room.members.some((m) => sameAddressable(m, user))) room.members.push(user);
  }

  removeMember(chat: Chat, user: User): void {
    const room = this.#roomOf(chat);
    room.members = room.members.filter((m) => !sameAddressable(m, user));
    room.admins = room.admins.filter((m) => !sameAddressable(m, user));
  }

  setAdmin(chat: Chat, user: User, admin = true): void {
    this.addMember(chat, user);
    const room = this.#roomOf(chat);
    room.admins = room.admins.filter((m) => !sameAddressable(m, user));
    if (admin) room.admins.push(user);
  }

  /** The 1:1 of this user with the bot exists from now on (idempotent). */
  openIm(user: User): void {
    this.#users.set(user.id, this.#users.get(user.id) ?? user);
    this.#ims.add(user.id);
  }

  #roomNamed(name: string): Room {
    const existing = [...this.#rooms.values()].find((r) => r.chat.name === name);
    if (existing) return existing;
    const room: Room = { chat: Chat.of(this.platform, `r${this.#nextId++}`, name), members: [], admins: [] };
    this.#rooms.set(room.chat.id, room);
    return room;
  }

  #roomOf(chat: Chat): Room {
    const room = this.#rooms.get(chat.id);
    if (!room) throw new Error(`The test platform has no room with id "${chat.id}".`);
    return room;
  }

  async chats(): Promise<readonly Chat[]> {
    return [...this.#rooms.values()].map((r) => r.chat);
  }
  async ims(): Promise<readonly User[]> {
    return [...this.#ims].map((id) => this.#users.get(id)!);
  }
  async chatById(id: string): Promise<Chat | undefined> {
    return this.#rooms.get(id)?.chat;
  }
  async chatByName(name: string): Promise<Chat | undefined> {
    return [...this.#rooms.values()].find((r) => r.chat.name === name)?.chat;
  }
  async members(chat: Chat): Promise<readonly User[]> {
    return [...(this.#rooms.get(chat.id)?.members ?? [])];
  }
  async admins(chat: Chat): Promise<readonly User[]> {
    return [...(this.#rooms.get(chat.id)?.admins ?? [])];
  }
  async userById(id: string): Promise<User | undefined> {
    return this.#users.get(id);
  }
  /** Users by name, for turning "@Name" in typed text into mentions. */
  userNamed(name: string): User | undefined {
    const lower = name.toLowerCase();
    return [...this.#users.values()].find((u) => u.name?.toLowerCase() === lower);
  }
  async ensureChat(name: string, members: readonly User[]): Promise<Chat> {
    const room = this.#roomNamed(name);
    for (const member of members) this.addMember(room.chat, member);
    return room.chat;
  }
}
