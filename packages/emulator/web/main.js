// The web chat: who you are, your conversations, the open one, and the live stream that keeps them current.
import { api } from "./api.js";
import { early } from "./boot.js";
import { createComposer } from "./composer.js";
import { createConversationList, toConversation } from "./conversations.js";
import { h } from "./dom.js";
import { listen, MEMBERSHIP_EVENTS, payloadOf } from "./live.js";
import { createMembersPanel } from "./members.js";
import { newChatDialog, newRoomDialog } from "./new-conversation.js";
import { createTimeline } from "./timeline.js";

const state = {
  me: undefined,
  people: new Map(),
  conversations: [],
  current: undefined,
  unread: new Map(),
  stopLive: undefined,
};
const $ = (id) => document.getElementById(id);

async function start() {
  const { as: wanted, stream: wantedStream } = early;
  const users = await early.users;
  for (const user of users) state.people.set(user.id, user);
  const chosen =
    users.find((u) => u.username === wanted || String(u.id) === wanted) ??
    users.find((u) => !u.bot) ??
    users[0];
  const picker = $("who");
  picker.replaceChildren(
    ...users.map((u) => h("option", { value: u.id }, `${u.displayName}${u.bot ? " (bot)" : ""}`)),
  );
  picker.addEventListener("change", () => becomePerson(Number(picker.value)));
  if (!chosen) {
    $("conversation-title").textContent = "This pod has no people yet";
    return;
  }
  const asked = chosen.username === wanted || String(chosen.id) === wanted;
  await becomePerson(chosen.id, wantedStream, asked ? { streams: early.streams, page: early.page } : {});
}

const conversationList = createConversationList({
  onOpen: (id) => openConversation(id),
  onNewRoom: () => newRoomDialog({ me: state.me, people: state.people, opened: afterCreate }),
  onNewChat: () => newChatDialog({ me: state.me, people: state.people, opened: afterCreate }),
});
const timeline = createTimeline({
  get me() {
    return state.me;
  },
  people: state.people,
  rooms: () => state.conversations.filter((c) => c.type === "ROOM"),
  members: () => (state.current?.members ?? []).map((m) => ({ ...state.people.get(m.id), ...m })),
  openPerson: (userId) => userId !== undefined && userId !== state.me && openChatWith([userId]),
  openChat: ({ userIds, streamId }) => (streamId ? openConversation(streamId) : openChatWith(userIds)),
});
const composer = createComposer({
  members: () =>
    (state.current?.members ?? [])
      .map((m) => ({ ...state.people.get(m.id), ...m }))
      .filter((p) => p.id !== state.me),
  send: async (message) => {
    const sent = await api.send(state.current.id, state.me, message);
    timeline.add(sent);
  },
});
const membersPanel = createMembersPanel({
  me: () => state.me,
  people: state.people,
  changed: () => refreshConversations(),
});

async function becomePerson(userId, streamId, early = {}) {
  state.stopLive?.();
  state.current = undefined;
  state.me = userId;
  state.unread.clear();
  $("who").value = String(userId);
  const person = state.people.get(userId);
  const params = new URLSearchParams(location.search);
  params.set("as", person?.username ?? String(userId));
  // The access token (beyond loopback) is now in an HttpOnly cookie: keep it out of the address bar and history.
  params.delete("token");
  if (!streamId) params.delete("stream");
  history.replaceState(null, "", `?${params}`);
  // Listening first: nothing sent while the lists load is missed (the timeline drops duplicates).
  state.stopLive = listen(userId, {
    event: onEvent,
    reload: () => reload(),
    status: (up) => $("connection").classList.toggle("offline", !up),
  });
  await refreshConversations(early.streams);
  const first = state.conversations.find((c) => c.id === streamId) ?? state.conversations[0];
  if (first) await openConversation(first.id, first.id === streamId ? early.page : undefined);
  else showNoConversation();
}

async function refreshConversations(prefetched) {
  const streams = (await prefetched) ?? (await api.streamsOf(state.me));
  state.conversations = streams.map((s) => toConversation(s, state.me, state.people)).filter((c) => c.active);
  if (state.current) {
    state.current = state.conversations.find((c) => c.id === state.current.id) ?? {
      ...state.current,
      gone: true,
    };
    showHeader();
  }
  conversationList.render(
    state.conversations,
    state.current?.id,
    state.unread,
    state.people.get(state.me)?.username ?? state.me,
  );
}

async function reload() {
  await refreshConversations();
  if (state.current && !state.current.gone) await timeline.open(state.current.id);
}

async function openConversation(streamId, prefetchedPage) {
  let conversation = state.conversations.find((c) => c.id === streamId);
  if (!conversation) {
    await refreshConversations();
    conversation = state.conversations.find((c) => c.id === streamId);
  }
  if (!conversation) return;
  state.current = conversation;
  state.unread.delete(streamId);
  const params = new URLSearchParams(location.search);
  params.set("stream", streamId);
  history.replaceState(null, "", `?${params}`);
  showHeader();
  conversationList.render(
    state.conversations,
    streamId,
    state.unread,
    state.people.get(state.me)?.username ?? state.me,
  );
  composer.clear();
  await timeline.open(streamId, prefetchedPage);
  composer.focus();
}

function showHeader() {
  const c = state.current;
  $("conversation-title").textContent = c.name;
  $("conversation-kind").textContent = c.gone
    ? "You are no longer a member"
    : c.type === "ROOM"
      ? c.members.length > 0
        ? `Room · ${c.members.length} members`
        : "Room"
      : "Direct message";
  composer.setEnabled(!c.gone);
  membersPanel.show(c);
}

function showNoConversation() {
  $("conversation-title").textContent = "No conversations yet";
  $("conversation-kind").textContent = "Create a room or start a chat from the sidebar.";
  composer.setEnabled(false);
}

async function openChatWith(userIds) {
  const { streamId } = await api.createIm([state.me, ...userIds.filter((id) => id !== state.me)]);
  await afterCreate(streamId);
}

async function afterCreate(streamId) {
  await refreshConversations();
  await openConversation(streamId);
}

function onEvent(event) {
  const body = payloadOf(event);
  if (event.type === "MESSAGESENT") {
    const message = body.message;
    const streamId = message?.stream?.streamId;
    if (!message) return;
    if (streamId === state.current?.id) timeline.add(message);
    else if (message.user?.userId !== state.me && !message.replacing) {
      state.unread.set(streamId, (state.unread.get(streamId) ?? 0) + 1);
      if (!state.conversations.some((c) => c.id === streamId)) void refreshConversations();
      else
        conversationList.render(
          state.conversations,
          state.current?.id,
          state.unread,
          state.people.get(state.me)?.username ?? state.me,
        );
    }
  } else if (event.type === "MESSAGESUPPRESSED") {
    if (body.stream?.streamId === state.current?.id) timeline.suppress(body.messageId);
  } else if (MEMBERSHIP_EVENTS.has(event.type)) {
    void refreshConversations();
  }
}

document.getElementById("members-toggle").addEventListener("click", (event) => {
  const panel = document.querySelector(".members-panel");
  panel.hidden = !panel.hidden;
  event.currentTarget.setAttribute("aria-expanded", String(!panel.hidden));
});
$("sidebar-conversations").append(conversationList.element);
$("timeline-slot").replaceWith(timeline.element);
$("composer-slot").replaceWith(composer.element);
$("members-slot").replaceWith(membersPanel.element);
start().catch((error) => {
  $("conversation-title").textContent = "The chat could not start";
  $("conversation-kind").textContent = error.message;
});
