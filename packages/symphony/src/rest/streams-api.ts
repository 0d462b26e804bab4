import type { RestClient } from "../http/rest-client.ts";
import { idSegment, toUrlSafeId } from "./stream-id.ts";
import type {
  MemberInfo,
  StreamAttributes,
  StreamFilter,
  V1IMDetail,
  V2MembershipList,
  V2RoomSearchCriteria,
  V2StreamAttributes,
  V3RoomAttributes,
  V3RoomDetail,
  V3RoomSearchResults,
} from "./wire-types.ts";

export type MembershipChange = "add" | "remove" | "promoteOwner" | "demoteOwner";

/** Streams, rooms and room membership (`/pod`). */
export class StreamsApi {
  constructor(private readonly client: RestClient) {}

  /** `POST /pod/v1/im/create`: the IM (or MIM) with these users; returns its stream id. */
  async createIm(userIds: readonly (number | string)[]): Promise<string> {
    const stream = await this.client.call<{ id: string }>({
      service: "pod",
      method: "POST",
      path: "/pod/v1/im/create",
      json: userIds.map(Number),
      operation: "create IM",
    });
    return stream.id;
  }

  createRoom(attributes: V3RoomAttributes): Promise<V3RoomDetail> {
    return this.client.call<V3RoomDetail>({
      service: "pod",
      method: "POST",
      path: "/pod/v3/room/create",
      json: attributes,
      operation: "create room",
    });
  }

  roomInfo(roomId: string): Promise<V3RoomDetail> {
    return this.client.call<V3RoomDetail>({
      service: "pod",
      method: "GET",
      path: `/pod/v3/room/${idSegment(roomId)}/info`,
      operation: "room info",
    });
  }

  /** `POST /pod/v3/room/{id}/update`: changes the attributes given (the bot must own the room). */
  updateRoom(roomId: string, attributes: V3RoomAttributes): Promise<V3RoomDetail> {
    return this.client.call<V3RoomDetail>({
      service: "pod",
      method: "POST",
      path: `/pod/v3/room/${idSegment(roomId)}/update`,
      json: attributes,
      operation: "update room",
    });
  }

  /** `POST /pod/v1/room/{id}/setActive`: deactivates (`false`) or reactivates (`true`) a room the bot owns. */
  async setRoomActive(roomId: string, active: boolean): Promise<void> {
    await this.client.call<unknown>({
      service: "pod",
      method: "POST",
      path: `/pod/v1/room/${idSegment(roomId)}/setActive`,
      query: { active },
      operation: active ? "reactivate room" : "deactivate room",
    });
  }

  deactivateRoom(roomId: string): Promise<void> {
    return this.setRoomActive(roomId, false);
  }

  reactivateRoom(roomId: string): Promise<void> {
    return this.setRoomActive(roomId, true);
  }

  /** `GET /pod/v1/im/{id}/info`: an IM's pinned message and system info. */
  imInfo(imId: string): Promise<V1IMDetail> {
    return this.client.call<V1IMDetail>({
      service: "pod",
      method: "GET",
      path: `/pod/v1/im/${idSegment(imId)}/info`,
      operation: "IM info",
    });
  }

  /**
   * Pins a message at the top of a room (room update with `pinnedMessageId`) or of an IM
   * (`/pod/v1/im/{id}/update`); `undefined` unpins. The stream's type is asked for first.
   */
  async pinMessage(streamId: string, messageId: string | undefined): Promise<void> {
    const pinnedMessageId = messageId === undefined ? "" : toUrlSafeId(messageId);
    const info = await this.streamInfo(streamId);
    if (info.streamType?.type === "ROOM") {
      await this.updateRoom(streamId, { pinnedMessageId });
      return;
    }
    await this.client.call<V1IMDetail>({
      service: "pod",
      method: "POST",
      path: `/pod/v1/im/${idSegment(streamId)}/update`,
      json: { pinnedMessageId },
      operation: "pin IM message",
    });
  }

  unpinMessage(streamId: string): Promise<void> {
    return this.pinMessage(streamId, undefined);
  }

  /** `POST /pod/v3/room/search`: one page of the rooms matching the criteria (limit ≤ 100). */
  async searchRooms(
    criteria: V2RoomSearchCriteria,
    page: { skip?: number; limit?: number } = {},
  ): Promise<V3RoomSearchResults> {
    const results = await this.client.call<V3RoomSearchResults | undefined>({
      service: "pod",
      method: "POST",
      path: "/pod/v3/room/search",
      query: { skip: page.skip, limit: page.limit },
      json: criteria,
      operation: "search rooms",
    });
    return results ?? { rooms: [] };
  }

  /** `POST /pod/v1/streams/list`: one page of the bot's streams. */
  async list(
    filter: StreamFilter,
    page: { skip?: number; limit?: number } = {},
  ): Promise<StreamAttributes[]> {
    const streams = await this.client.call<StreamAttributes[] | undefined>({
      service: "pod",
      method: "POST",
      path: "/pod/v1/streams/list",
      query: { skip: page.skip, limit: page.limit },
      json: filter,
      operation: "list streams",
    });
    return streams ?? [];
  }

  streamInfo(streamId: string): Promise<V2StreamAttributes> {
    return this.client.call<V2StreamAttributes>({
      service: "pod",
      method: "GET",
      path: `/pod/v2/streams/${idSegment(streamId)}/info`,
      operation: "stream info",
    });
  }

  /** `GET /pod/v2/room/{id}/membership/list`; `owner: true` marks the room's owners. */
  async members(roomId: string): Promise<MemberInfo[]> {
    const members = await this.client.call<MemberInfo[] | undefined>({
      service: "pod",
      method: "GET",
      path: `/pod/v2/room/${idSegment(roomId)}/membership/list`,
      operation: "list room members",
    });
    return members ?? [];
  }

  /**
   * `POST /pod/v1/admin/user/{uid}/streams/list` (BDK `listUserStreamsAdmin`): one page of another
   * user's streams. Needs an admin role; without it, 403.
   */
  async adminUserStreams(
    userId: number | string,
    filter: StreamFilter = {},
    page: { skip?: number; limit?: number } = {},
  ): Promise<StreamAttributes[]> {
    const streams = await this.client.call<StreamAttributes[] | undefined>({
      service: "pod",
      method: "POST",
      path: `/pod/v1/admin/user/${encodeURIComponent(String(userId))}/streams/list`,
      query: { skip: page.skip, limit: page.limit },
      json: filter,
      operation: "admin list user streams",
    });
    return streams ?? [];
  }

  /**
   * `GET /pod/v1/admin/stream/{id}/membership/list` (BDK `listStreamMembers`): one page of any
   * stream's members with their names, owner and creator flags. Needs an admin role; without it, 403.
   */
  adminMembers(streamId: string, page: { skip?: number; limit?: number } = {}): Promise<V2MembershipList> {
    return this.client.call<V2MembershipList>({
      service: "pod",
      method: "GET",
      path: `/pod/v1/admin/stream/${idSegment(streamId)}/membership/list`,
      query: { skip: page.skip, limit: page.limit },
      operation: "admin list stream members",
    });
  }

  async changeMembership(roomId: string, change: MembershipChange, userId: number | string): Promise<void> {
    await this.client.call<unknown>({
      service: "pod",
      method: "POST",
      path: `/pod/v1/room/${idSegment(roomId)}/membership/${change}`,
      json: { id: Number(userId) },
      operation: `room membership ${change}`,
    });
  }
}
