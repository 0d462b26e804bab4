// The emulator's dev API (`/emulator/v1`), as the web chat uses it: same-origin JSON over fetch.

const BASE = "/emulator/v1";

/** An error the API answered with: `{code, message, reason}`. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.reason = body?.reason;
  }
}

async function call(method, path, body) {
  const response = await fetch(BASE + path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

const q = (params) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
};
const seg = encodeURIComponent;

export const api = {
  users: () => call("GET", "/users"),
  streamsOf: (userId) => call("GET", `/users/${seg(userId)}/streams`),
  /** At most `limit` messages before `before` (oldest first); the newest when no cursor. */
  messages: (streamId, { as, limit, before }) =>
    call("GET", `/streams/${seg(streamId)}/messages${q({ as, limit, before })}`),
  send: (streamId, as, { messageML, data, attachments }) =>
    call("POST", `/streams/${seg(streamId)}/messages`, {
      as,
      messageML,
      data,
      ...(attachments?.length ? { attachments } : {}),
    }),
  /** An update in place of one's own message (a new version replacing it). */
  edit: (streamId, messageId, as, { messageML, data }) =>
    call("PUT", `/streams/${seg(streamId)}/messages/${seg(messageId)}`, { as, messageML, data }),
  remove: (streamId, messageId, as) =>
    call("DELETE", `/streams/${seg(streamId)}/messages/${seg(messageId)}${q({ as })}`),
  submitForm: (streamId, messageId, submission) =>
    call("POST", `/streams/${seg(streamId)}/messages/${seg(messageId)}/form`, submission),
  createRoom: (creatorId, name, memberIds) =>
    call("POST", "/rooms", { name, creatorId, memberIds, ownerIds: [creatorId] }),
  createIm: (userIds) => call("POST", "/ims", { userIds }),
  /** `as` asks `userId` to connect: how a person of another company reaches someone on this pod. */
  requestConnection: (as, userId) => call("POST", "/connections", { as, userId }),
  addMember: (streamId, as, userId) => call("POST", `/streams/${seg(streamId)}/members`, { as, userId }),
  removeMember: (streamId, userId) => call("DELETE", `/streams/${seg(streamId)}/members/${seg(userId)}`),
  attachmentUrl: (streamId, messageId, attachmentId, as) =>
    `${BASE}/streams/${seg(streamId)}/messages/${seg(messageId)}/attachments/${seg(attachmentId)}${q({ as })}`,
  eventsUrl: (userId) => `${BASE}/users/${seg(userId)}/events`,
};
