/**
 * The Symphony wire shapes the adapter reads, written from the upstream OpenAPI contract
 * (agent-api-public.yaml, pod-api-public.yaml). Fields are optional where the contract makes them so;
 * unknown fields are kept (the payloads are passed on as-is to consumers that want them).
 */

export interface V4User {
  userId?: number;
  firstName?: string;
  lastName?: string;
  displayName?: string;
  email?: string;
  username?: string;
}

export interface V4Stream {
  streamId?: string;
  streamType?: "IM" | "MIM" | "ROOM" | "POST" | string;
  roomName?: string;
  members?: V4User[];
  external?: boolean;
  crossPod?: boolean;
}

export interface V4AttachmentInfo {
  id?: string;
  name?: string;
  size?: number;
  images?: { id?: string; dimension?: string }[];
}

export interface V4Message {
  messageId?: string;
  parentMessageId?: string;
  timestamp?: number;
  /** PresentationML. */
  message?: string;
  /** EntityJSON, as a string. */
  data?: string;
  attachments?: V4AttachmentInfo[];
  user?: V4User;
  stream?: V4Stream;
  externalRecipients?: boolean;
  userAgent?: string;
  originalFormat?: string;
  sid?: string;
  replacing?: string;
  replacedBy?: string;
  initialTimestamp?: number;
  initialMessageId?: string;
  silent?: boolean;
  [key: string]: unknown;
}

export type V4EventType =
  | "MESSAGESENT"
  | "MESSAGESUPPRESSED"
  | "SYMPHONYELEMENTSACTION"
  | "SHAREDPOST"
  | "INSTANTMESSAGECREATED"
  | "ROOMCREATED"
  | "ROOMUPDATED"
  | "ROOMDEACTIVATED"
  | "ROOMREACTIVATED"
  | "USERJOINEDROOM"
  | "USERLEFTROOM"
  | "ROOMMEMBERPROMOTEDTOOWNER"
  | "ROOMMEMBERDEMOTEDFROMOWNER"
  | "USERREQUESTEDTOJOINROOM"
  | "CONNECTIONREQUESTED"
  | "CONNECTIONACCEPTED"
  | "GENERICSYSTEMEVENT";

/** One real-time event; `payload` holds one member named after the type (`messageSent`, …). */
export interface V4Event {
  id?: string;
  messageId?: string;
  timestamp?: number;
  type?: V4EventType | string;
  initiator?: { user?: V4User };
  payload?: Record<string, unknown> & {
    messageSent?: { message?: V4Message };
    sharedPost?: { message?: V4Message; sharedMessage?: V4Message };
    symphonyElementsAction?: {
      stream?: V4Stream;
      formMessageId?: string;
      formId?: string;
      formValues?: Record<string, unknown>;
    };
  };
  [key: string]: unknown;
}

export interface V5Datafeed {
  id: string;
  type?: string;
  createdAt?: number;
}

export interface V5EventList {
  events?: V4Event[];
  ackId?: string;
}

export interface UserV2 {
  id?: number;
  emailAddress?: string;
  firstName?: string;
  lastName?: string;
  displayName?: string;
  title?: string;
  company?: string;
  username?: string;
  location?: string;
  accountType?: "NORMAL" | "SYSTEM" | "SDL" | string;
  roles?: string[];
  [key: string]: unknown;
}

export interface V2UserList {
  users?: UserV2[];
  errors?: { error?: string; email?: string; id?: string; username?: string }[];
}

export interface StreamType {
  type?: "IM" | "MIM" | "ROOM" | "POST" | string;
}

export interface StreamAttributes {
  id?: string;
  crossPod?: boolean;
  active?: boolean;
  streamType?: StreamType;
  streamAttributes?: { members?: number[] };
  roomAttributes?: { name?: string };
  [key: string]: unknown;
}

export interface V2StreamAttributes extends StreamAttributes {
  origin?: string;
  lastMessageDate?: number;
}

export interface StreamFilter {
  streamTypes?: StreamType[];
  includeInactiveStreams?: boolean;
}

export interface MemberInfo {
  id?: number;
  owner?: boolean;
  joinDate?: number;
  addedThroughGroups?: number[];
}

export interface V3RoomAttributes {
  name?: string;
  description?: string;
  keywords?: { key?: string; value?: string }[];
  membersCanInvite?: boolean;
  discoverable?: boolean;
  public?: boolean;
  readOnly?: boolean;
  copyProtected?: boolean;
  crossPod?: boolean;
  viewHistory?: boolean;
  multiLateralRoom?: boolean;
  /** The message pinned at the top of the room. */
  pinnedMessageId?: string;
  [key: string]: unknown;
}

export interface V3RoomDetail {
  roomAttributes?: V3RoomAttributes;
  roomSystemInfo?: { id?: string; creationDate?: number; createdByUserId?: number; active?: boolean };
  [key: string]: unknown;
}

export interface V2RoomSearchCriteria {
  query: string;
  labels?: string[];
  active?: boolean;
  private?: boolean;
  owner?: { id: number };
  creator?: { id: number };
  member?: { id: number };
  sortOrder?: "BASIC" | "RELEVANCE";
}

export interface V3RoomSearchResults {
  count?: number;
  skip?: number;
  limit?: number;
  rooms?: V3RoomDetail[];
}

export interface MessageSearchQuery {
  text?: string;
  streamId?: string;
  streamType?: string;
  author?: number;
  hashtag?: string;
  cashtag?: string;
  mention?: number;
  signal?: string;
  fromDate?: number;
  toDate?: number;
}

/** `V2UserDetail`: the admin view of an account (`GET /pod/v2/admin/user/{uid}`). */
export interface V2UserDetail {
  userAttributes?: {
    emailAddress?: string;
    firstName?: string;
    lastName?: string;
    userName?: string;
    displayName?: string;
    companyName?: string;
    department?: string;
    title?: string;
    location?: string;
    accountType?: "NORMAL" | "SYSTEM" | "SDL" | string;
    [key: string]: unknown;
  };
  userSystemInfo?: {
    id?: number;
    status?: "ENABLED" | "DISABLED" | string;
    createdDate?: number;
    lastLoginDate?: number;
    [key: string]: unknown;
  };
  roles?: string[];
  features?: number[];
  apps?: number[];
  groups?: number[];
  disclaimers?: number[];
  [key: string]: unknown;
}

/** `V2MembershipList`: a page of a stream's members, as an admin sees them. */
export interface V2MembershipList {
  count?: number;
  skip?: number;
  limit?: number;
  members?: {
    user?: {
      userId?: number;
      email?: string;
      firstName?: string;
      lastName?: string;
      displayName?: string;
      company?: string;
      companyId?: number;
      isExternal?: boolean;
    };
    isOwner?: boolean;
    isCreator?: boolean;
    joinDate?: number;
    addedThroughGroups?: number[];
  }[];
}

/** `V3Health`: the agent's state, and (extended) each service it depends on and its own service users. */
export interface V3Health {
  status?: "UP" | "DOWN" | string;
  version?: string;
  services?: Record<string, V3HealthComponent>;
  users?: Record<string, V3HealthComponent>;
}

export interface V3HealthComponent {
  status?: "UP" | "DOWN" | string;
  version?: string;
  message?: string;
  authType?: string;
  [key: string]: unknown;
}

export interface AgentInfo {
  version?: string;
  [key: string]: unknown;
}

/** `V1IMDetail`: an IM's pinned message and system info. */
export interface V1IMDetail {
  V1IMAttributes?: { pinnedMessageId?: string };
  IMSystemInfo?: { id?: string; creationDate?: number; active?: boolean };
}

/** `MessageSuppressionResponse`. */
export interface MessageSuppressionResponse {
  messageId?: string;
  suppressed?: boolean;
  suppressionDate?: number;
}

/** `V4MessageBlastResponse`: the messages posted, and per stream id the error of those refused. */
export interface V4MessageBlastResponse {
  messages?: V4Message[];
  errors?: Record<string, { code?: number; message?: string }>;
}

/** `UserSearchFilter`. */
export interface UserSearchFilter {
  accountTypes?: ("NORMAL" | "SYSTEM" | "SDL" | string)[];
  title?: string;
  company?: string;
  location?: string;
  marketCoverage?: string;
  responsibility?: string;
  function?: string;
  instrument?: string;
}

/** `UserSearchResults`. */
export interface UserSearchResults {
  count?: number;
  skip?: number;
  limit?: number;
  searchQuery?: { query?: string; filters?: UserSearchFilter };
  users?: UserV2[];
}

/** `V2Presence`: a user's presence category (`AVAILABLE`, `BUSY`, `AWAY`, `OFFLINE`…) and when it was set. */
export interface V2Presence {
  userId?: number;
  category?: string;
  timestamp?: number;
}

/** `BaseSignal`: a saved search of hashtags, cashtags and authors, e.g. `HASHTAG:tech AND CASHTAG:AAPL`. */
export interface BaseSignal {
  name: string;
  query: string;
  visibleOnProfile?: boolean;
  companyWide?: boolean;
}

/** `Signal`. */
export interface Signal extends Partial<BaseSignal> {
  id?: string;
  timestamp?: number;
}

/** `ChannelSubscriptionResponse`. */
export interface ChannelSubscriptionResponse {
  requestedSubscription?: number;
  successfulSubscription?: number;
  failedSubscription?: number;
  subscriptionErrors?: { userId?: number; code?: string; message?: string }[];
}

/** `ChannelSubscriberResponse`: one page of a signal's subscribers. */
export interface ChannelSubscriberResponse {
  offset?: number;
  hasMore?: boolean;
  total?: number;
  data?: {
    subscriptionId?: string;
    pushed?: boolean;
    owner?: boolean;
    subscriberName?: string;
    userId?: number;
    timestamp?: number;
  }[];
}
