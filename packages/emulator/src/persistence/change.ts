import type { MessageRecord, SessionRecord, StreamRecord, UserRecord } from "../store/records.ts";

/**
 * One change to the pod's records; the journal writes it as it is (the datafeeds' with their state).
 * Records are written whole (an upsert by id): replaying a record twice gives the same state.
 * `datafeeds` stands for "some feed was created, read, acknowledged or deleted"; the journal then
 * writes every feed's state (small while bots keep up: only unacknowledged events).
 */
export type Change =
  | { kind: "user"; user: UserRecord }
  | { kind: "stream"; stream: StreamRecord }
  | { kind: "message"; message: MessageRecord }
  | { kind: "session"; session: SessionRecord }
  | { kind: "sessionEnded"; token: string }
  | { kind: "sessionsCleared" }
  | { kind: "datafeeds" }
  | { kind: "reset" };
