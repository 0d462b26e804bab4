import type { RestClient } from "../http/rest-client.ts";
import { idSegment } from "./stream-id.ts";
import type {
  MemberInfo,
  StreamAttributes,
  StreamFilter,
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
