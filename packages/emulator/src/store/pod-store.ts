import { ApiError, badRequest } from "../http/api-error.ts";
import { toUrlSafeId } from "../ids/url-safe-ids.ts";
import type {
  AppRecord,
  ConnectionRecord,
  MessageRecord,
  SessionRecord,
  SignalRecord,
  StreamRecord,
  UserRecord,
} from "./records.ts";

/** Everything the pod knows, in memory. Lookups normalise ids (both Base64 alphabets accepted). */
export class PodStore {
  readonly users = new Map<number, UserRecord>();
  readonly streams = new Map<string, StreamRecord>();
  readonly messages = new Map<string, MessageRecord>();
  /** Messages of each stream in creation order. */
  readonly streamMessages = new Map<string, MessageRecord[]>();
  readonly sessions = new Map<string, SessionRecord>();
  /** Connection requests, by the pair's ids (smaller first): `"1001:2002"`. */
  readonly connections = new Map<string, ConnectionRecord>();
  readonly signals = new Map<string, SignalRecord>();
  /** Presence by user id (ephemeral, as on a pod: not persisted); absent means AVAILABLE. */
  readonly presence = new Map<number, { category: string; timestamp: number }>();
  /** Extension apps, by app id. */
  readonly apps = new Map<string, AppRecord>();

  clear(): void {
    this.users.clear();
    this.streams.clear();
    this.messages.clear();
    this.streamMessages.clear();
    this.sessions.clear();
    this.connections.clear();
    this.signals.clear();
    this.presence.clear();
    this.apps.clear();
  }

  /** The key of a connection between two people: the pair's ids, smaller first (`"1001:2002"`). */
  static connectionKey(a: number, b: number): string {
    return a < b ? `${a}:${b}` : `${b}:${a}`;
  }

  userByUsername(username: string): UserRecord | undefined {
    const wanted = username.toLowerCase();
    for (const user of this.users.values()) if (user.username.toLowerCase() === wanted) return user;
    return undefined;
  }

  userByEmail(email: string): UserRecord | undefined {
    const wanted = email.toLowerCase();
    for (const user of this.users.values()) if (user.email?.toLowerCase() === wanted) return user;
    return undefined;
  }

  requireUser(id: unknown, what = "user"): UserRecord {
    const numeric = typeof id === "string" && /^\d+$/.test(id) ? Number(id) : id;
    const user = typeof numeric === "number" ? this.users.get(numeric) : undefined;
    if (!user) throw badRequest(`Unknown ${what} id ${JSON.stringify(id)}`, "UNKNOWN_USER");
    return user;
  }

  stream(id: string): StreamRecord | undefined {
    return this.streams.get(toUrlSafeId(id));
  }

  requireStream(id: string): StreamRecord {
    const stream = this.stream(id);
    if (!stream) throw badRequest(`Stream ${id} not found`, "UNKNOWN_STREAM");
    return stream;
  }

  message(id: string): MessageRecord | undefined {
    return this.messages.get(toUrlSafeId(id));
  }

  isMember(stream: StreamRecord, userId: number): boolean {
    return stream.members.some((m) => m.userId === userId);
  }

  /** 403 unless the user is in the stream: the pod never shows a stream to an outsider. */
  requireMember(stream: StreamRecord, userId: number): void {
    if (!this.isMember(stream, userId)) {
      throw new ApiError(403, `User ${userId} is not a member of stream ${stream.id}`, "NOT_A_MEMBER");
    }
  }

  addStream(stream: StreamRecord): void {
    this.streams.set(stream.id, stream);
    if (!this.streamMessages.has(stream.id)) this.streamMessages.set(stream.id, []);
  }

  addMessage(message: MessageRecord): void {
    this.messages.set(message.messageId, message);
    const list = this.streamMessages.get(message.streamId);
    if (list) list.push(message);
    else this.streamMessages.set(message.streamId, [message]);
  }

  /** The IM or MIM whose members are exactly these users, if one exists. */
  conversationWith(userIds: number[]): StreamRecord | undefined {
    const wanted = [...new Set(userIds)].sort();
    for (const stream of this.streams.values()) {
      if (stream.type === "ROOM") continue;
      const have = stream.members.map((m) => m.userId).sort();
      if (have.length === wanted.length && have.every((id, i) => id === wanted[i])) return stream;
    }
    return undefined;
  }

  streamsOf(userId: number): StreamRecord[] {
    return [...this.streams.values()].filter((s) => this.isMember(s, userId));
  }
}
