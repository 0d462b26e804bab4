/**
 * What the emulator's REST and dev API answer with, as the tests read it: the fields they use,
 * typed; everything else is there as `unknown` (read it with json-reading.ts). These mirror the
 * Symphony wire shapes (../shared/symphony-api-spec) only as far as the tests need.
 */
import type { JsonRecord } from "./json-reading.ts";

/**
 * A message as the agent and the dev API return it: the fields tests read, typed; the rest is
 * there as `unknown`.
 */
export interface WireMessage {
  readonly messageId: string;
  /** PresentationML. */
  readonly message: string;
  /** EntityJSON, as a string. */
  readonly data?: string;
  readonly timestamp?: number;
  readonly user: { readonly userId: number; readonly displayName?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/** A datafeed event (V4Event); read its payload with `at`. */
export interface WireEvent {
  readonly id: string;
  readonly type: string;
  readonly payload: JsonRecord;
  readonly initiator: { readonly user: JsonRecord };
  readonly [key: string]: unknown;
}

/** `POST /pod/v1/im/create`. */
export interface WireStreamId {
  readonly id: string;
}

/** A stream as `streams/list` and `v2/streams/{id}/info` give it. */
export interface WireStream {
  readonly id: string;
  readonly streamType: { readonly type: string };
  readonly [key: string]: unknown;
}

/** V3RoomDetail. */
export interface WireRoomDetail {
  readonly roomAttributes: JsonRecord;
  readonly roomSystemInfo: { readonly id: string; readonly active: boolean; readonly [key: string]: unknown };
}

/** One entry of `membership/list`. */
export interface WireMember {
  readonly id: number;
  readonly owner: boolean;
}

/** `POST /pod/v3/room/search`. */
export interface WireRoomSearch {
  readonly count: number;
  readonly rooms: readonly WireRoomDetail[];
}

/** `GET /pod/v3/users`. */
export interface WireUsers {
  readonly users: ReadonlyArray<{
    readonly id: number;
    readonly username: string;
    readonly [key: string]: unknown;
  }>;
  readonly errors?: readonly unknown[];
}
