/** Every route of the emulator, with what its body is, for the bad-input and fuzz tests. */
export interface RouteEntry {
  method: string;
  path: string;
  auth: "pod" | "agent" | "none";
  body: "json" | "multipart" | "none";
}

const S = "{sid}";
const M = "{mid}";

export const ROUTES: RouteEntry[] = [
  { method: "POST", path: "/login/pubkey/authenticate", auth: "none", body: "json" },
  { method: "POST", path: "/relay/pubkey/authenticate", auth: "none", body: "json" },
  { method: "POST", path: "/login/pubkey/app/authenticate", auth: "none", body: "json" },
  { method: "POST", path: "/login/v1/pubkey/app/authenticate/extensionApp", auth: "none", body: "json" },
  { method: "POST", path: "/login/pubkey/app/user/1/authenticate", auth: "none", body: "none" },
  { method: "POST", path: "/login/pubkey/app/username/alice/authenticate", auth: "none", body: "none" },
  { method: "GET", path: "/pod/v2/sessioninfo", auth: "pod", body: "none" },
  { method: "GET", path: "/agent/v1/info", auth: "agent", body: "none" },
  { method: "GET", path: "/agent/v3/health", auth: "none", body: "none" },
  { method: "GET", path: "/agent/v5/datafeeds", auth: "agent", body: "none" },
  { method: "POST", path: "/agent/v5/datafeeds", auth: "agent", body: "json" },
  { method: "DELETE", path: "/agent/v5/datafeeds/{feed}", auth: "agent", body: "none" },
  { method: "POST", path: "/agent/v5/datafeeds/{feed}/read", auth: "agent", body: "json" },
  { method: "POST", path: "/agent/v5/events/read", auth: "agent", body: "json" },
  { method: "POST", path: "/agent/v4/datafeed/create", auth: "agent", body: "none" },
  { method: "GET", path: "/agent/v4/datafeed/{feed}/read", auth: "agent", body: "none" },
  { method: "POST", path: `/agent/v4/stream/${S}/message/create`, auth: "agent", body: "multipart" },
  { method: "POST", path: `/agent/v4/stream/${S}/message/${M}/update`, auth: "agent", body: "multipart" },
  { method: "GET", path: `/agent/v4/stream/${S}/message?since=0`, auth: "agent", body: "none" },
  { method: "GET", path: `/agent/v1/message/${M}`, auth: "agent", body: "none" },
  { method: "GET", path: "/agent/v1/message/search?query=hashtag:x", auth: "agent", body: "none" },
  { method: "POST", path: "/agent/v1/message/search", auth: "agent", body: "json" },
  { method: "POST", path: `/pod/v1/admin/messagesuppression/${M}/suppress`, auth: "pod", body: "none" },
  {
    method: "GET",
    path: `/agent/v1/stream/${S}/attachment?fileId=x&messageId=${M}`,
    auth: "agent",
    body: "none",
  },
  { method: "GET", path: `/pod/v1/streams/${S}/attachments`, auth: "pod", body: "none" },
  { method: "POST", path: "/pod/v1/im/create", auth: "pod", body: "json" },
  { method: "POST", path: "/pod/v3/room/create", auth: "pod", body: "json" },
  { method: "POST", path: "/pod/v3/room/search", auth: "pod", body: "json" },
  { method: "GET", path: `/pod/v3/room/${S}/info`, auth: "pod", body: "none" },
  { method: "POST", path: `/pod/v3/room/${S}/update`, auth: "pod", body: "json" },
  { method: "POST", path: `/pod/v1/room/${S}/setActive?active=true`, auth: "pod", body: "none" },
  { method: "GET", path: `/pod/v2/room/${S}/membership/list`, auth: "pod", body: "none" },
  { method: "POST", path: `/pod/v1/room/${S}/membership/add`, auth: "pod", body: "json" },
  { method: "POST", path: `/pod/v1/room/${S}/membership/remove`, auth: "pod", body: "json" },
  { method: "POST", path: `/pod/v1/room/${S}/membership/promoteOwner`, auth: "pod", body: "json" },
  { method: "POST", path: `/pod/v1/room/${S}/membership/demoteOwner`, auth: "pod", body: "json" },
  { method: "POST", path: "/pod/v1/streams/list", auth: "pod", body: "json" },
  { method: "GET", path: `/pod/v2/streams/${S}/info`, auth: "pod", body: "none" },
  { method: "GET", path: "/pod/v3/users?uid=1", auth: "pod", body: "none" },
  { method: "GET", path: "/pod/v2/user?uid=1", auth: "pod", body: "none" },
  { method: "GET", path: "/pod/v1/connection/list?status=ALL", auth: "pod", body: "none" },
  { method: "GET", path: "/pod/v1/connection/user/1/info", auth: "pod", body: "none" },
  { method: "POST", path: "/pod/v1/connection/create", auth: "pod", body: "json" },
  { method: "POST", path: "/pod/v1/connection/accept", auth: "pod", body: "json" },
  { method: "POST", path: "/pod/v1/connection/reject", auth: "pod", body: "json" },
  { method: "POST", path: "/pod/v1/connection/user/1/remove", auth: "pod", body: "none" },
  { method: "POST", path: "/emulator/v1/connections", auth: "none", body: "json" },
  { method: "POST", path: "/emulator/v1/connections/accept", auth: "none", body: "json" },
  { method: "GET", path: "/emulator/v1/users", auth: "none", body: "none" },
  { method: "GET", path: "/emulator/v1/apps", auth: "none", body: "none" },
  { method: "POST", path: "/emulator/v1/apps", auth: "none", body: "json" },
  { method: "POST", path: "/emulator/v1/users", auth: "none", body: "json" },
  { method: "POST", path: "/emulator/v1/rooms", auth: "none", body: "json" },
  { method: "POST", path: "/emulator/v1/ims", auth: "none", body: "json" },
  { method: "POST", path: `/emulator/v1/streams/${S}/members`, auth: "none", body: "json" },
  { method: "POST", path: `/emulator/v1/streams/${S}/messages`, auth: "none", body: "json" },
  { method: "GET", path: `/emulator/v1/streams/${S}/messages`, auth: "none", body: "none" },
  { method: "PUT", path: `/emulator/v1/streams/${S}/messages/${M}`, auth: "none", body: "json" },
  { method: "DELETE", path: `/emulator/v1/streams/${S}/messages/${M}?as=1`, auth: "none", body: "none" },
  {
    method: "GET",
    path: `/emulator/v1/streams/${S}/messages/${M}/attachments/${M}?as=1`,
    auth: "none",
    body: "none",
  },
  { method: "POST", path: `/emulator/v1/streams/${S}/messages/${M}/form`, auth: "none", body: "json" },
  { method: "POST", path: "/emulator/v1/faults", auth: "none", body: "json" },
  { method: "POST", path: "/emulator/v1/datafeed/duplicate", auth: "none", body: "json" },
  { method: "POST", path: "/emulator/v1/events", auth: "none", body: "json" },
];

export function fill(path: string, values: { sid: string; mid: string; feed: string }): string {
  return path.replace("{sid}", values.sid).replace("{mid}", values.mid).replace("{feed}", values.feed);
}
