import type {
  AppRecord,
  ConnectionRecord,
  MessageRecord,
  SessionRecord,
  SignalRecord,
  StreamRecord,
  UserRecord,
} from "../store/records.ts";

/**
 * One change to the pod's records; the journal writes it as it is (the datafeeds' with their state).
 * Records are written whole (an upsert by id): replaying a record twice gives the same state.
 * `datafeeds` stands for "a feed of this account was created, read, acknowledged or deleted"; the
 * journal then writes that account's feeds (small while its bot keeps up: only unacknowledged events).
 */
export type Change =
  | { kind: "user"; user: UserRecord }
  | { kind: "app"; app: AppRecord }
  | { kind: "stream"; stream: StreamRecord }
  | { kind: "message"; message: MessageRecord }
  | { kind: "session"; session: SessionRecord }
  | { kind: "sessionEnded"; token: string }
  | { kind: "sessionsCleared" }
  | { kind: "datafeeds"; ownerId: number }
  | { kind: "connection"; connection: ConnectionRecord }
  | { kind: "connectionRemoved"; requesterId: number; targetId: number }
  | { kind: "signal"; signal: SignalRecord }
  | { kind: "signalRemoved"; id: string }
  | { kind: "reset" };
