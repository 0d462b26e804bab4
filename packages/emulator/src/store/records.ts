/** The emulator's state, as plain JSON-serialisable records (persistence writes them as they are). */

export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  company?: string;
  title?: string;
  bot: boolean;
  /** PEM (SPKI or PKCS#1) public key; any account with one can use the REST API. */
  publicKey?: string;
  /** Someone from outside the pod: a colleague needs an accepted connection to talk with them. */
  external?: boolean;
  /** A deactivated account (`active: false` in the dev API): the user lookups filter on it. */
  deactivated?: boolean;
}

/** A connection request between two people, and what became of it. */
export interface ConnectionRecord {
  requesterId: number;
  targetId: number;
  status: "PENDING" | "ACCEPTED" | "REJECTED";
  firstRequestedAt: number;
  updatedAt: number;
  requestCounter: number;
}

/** A signal: a saved message search (hashtags, cashtags, authors) people subscribe to. */
export interface SignalRecord {
  id: string;
  ownerId: number;
  name: string;
  query: string;
  visibleOnProfile: boolean;
  companyWide: boolean;
  timestamp: number;
  /** Subscribers (the owner is one), with when they subscribed and whether it was pushed on them. */
  subscribers: Array<{ userId: number; timestamp: number; pushed: boolean }>;
}

export type StreamType = "IM" | "MIM" | "ROOM";

export interface MemberRecord {
  userId: number;
  owner: boolean;
  joinDate: number;
}

export interface RoomAttributes {
  name: string;
  description: string;
  keywords: Array<{ key: string; value: string }>;
  membersCanInvite: boolean;
  discoverable: boolean;
  public: boolean;
  readOnly: boolean;
  copyProtected: boolean;
  crossPod: boolean;
  viewHistory: boolean;
  multiLateralRoom: boolean;
  /** The message pinned at the top of the room (absent: none). */
  pinnedMessageId?: string;
}

export interface StreamRecord {
  id: string;
  type: StreamType;
  members: MemberRecord[];
  active: boolean;
  createdAt: number;
  creatorId: number;
  lastMessageDate?: number;
  room?: RoomAttributes;
  /** An IM's pinned message (a room keeps its own in `room`). */
  pinnedMessageId?: string;
}

export interface AttachmentRecord {
  id: string;
  name: string;
  size: number;
  contentType: string;
  contentBase64: string;
  /** Previews sent with the attachment (same order as `attachment` parts). */
  previews: Array<{ id: string; dimension: string; contentBase64: string }>;
}

export interface MessageIndex {
  text: string;
  hashtags: string[];
  cashtags: string[];
  mentions: number[];
}

export interface MessageRecord {
  messageId: string;
  streamId: string;
  userId: number;
  timestamp: number;
  presentationML: string;
  /** EntityJSON as a string, exactly as the datafeed delivers it. */
  data: string;
  attachments: AttachmentRecord[];
  sid: string;
  silent?: boolean;
  /** Which client sent it (absent: the agent, a bot's REST call). */
  userAgent?: string;
  parentMessageId?: string;
  replacing?: string;
  replacedBy?: string;
  initialMessageId?: string;
  initialTimestamp?: number;
  suppressedAt?: number;
  /** What search looks at: visible text and the entities in `data`; made by the first search (`messageIndex`). */
  index?: MessageIndex;
  /** Form id → users who submitted it (a form is disabled for them unless multi-submit). */
  submittedForms: Record<string, number[]>;
}

/**
 * `session` and `keyManager` act as the account `userId`; a `session` with `appId` was issued to that
 * extension app to act on behalf of the user (OBO: no key-manager token needed on the agent).
 * `app` is the app's own session, good only for asking OBO sessions (`userId` is 0: no account).
 */
export interface SessionRecord {
  token: string;
  kind: "session" | "keyManager" | "app";
  userId: number;
  expiresAt: number;
  appId?: string;
}

/** An extension app (`POST /emulator/v1/apps`): it authenticates with its key and acts for users (OBO). */
export interface AppRecord {
  appId: string;
  name: string;
  /** PEM (SPKI or PKCS#1) RSA public key the app's JWTs are checked against. */
  publicKey: string;
  /** Who the app may act for; absent = every colleague on the pod (the app is installed for all). */
  userIds?: number[];
}
