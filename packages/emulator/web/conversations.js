// The sidebar: the person's rooms and 1:1 chats, each a link named by the room's name or the other
// person's display name, with its unread count.
import { avatar, h } from "./dom.js";

/** A conversation as the app uses it, from a `/users/{uid}/streams` item. */
export function toConversation(stream, me, people) {
  const type = stream.streamType?.type ?? "ROOM";
  const members =
    stream.members ??
    (stream.streamAttributes?.members ?? []).map((id) => ({ ...people.get(id), id, owner: false }));
  const others = members.filter((m) => m.id !== me);
  const name =
    type === "ROOM"
      ? (stream.roomAttributes?.name ?? "Room")
      : others.map((m) => m.displayName ?? people.get(m.id)?.displayName ?? String(m.id)).join(", ") ||
        "Notes to self";
  return {
    id: stream.id,
    type,
    name,
    members,
    active: stream.active !== false,
    other: type === "ROOM" ? undefined : others[0],
  };
}

export function createConversationList({ onOpen, onNewRoom, onNewChat }) {
  const rooms = h("ul", { className: "conversation-list", "aria-labelledby": "rooms-heading" });
  const chats = h("ul", { className: "conversation-list", "aria-labelledby": "chats-heading" });
  const element = h(
    "nav",
    { className: "conversations", "aria-label": "Conversations" },
    h(
      "div",
      { className: "section-heading" },
      h("h2", { id: "rooms-heading" }, "Rooms"),
      h(
        "button",
        {
          type: "button",
          className: "btn btn-icon",
          "aria-label": "New room",
          title: "New room",
          onclick: onNewRoom,
        },
        "+",
      ),
    ),
    rooms,
    h(
      "div",
      { className: "section-heading" },
      h("h2", { id: "chats-heading" }, "Direct messages"),
      h(
        "button",
        {
          type: "button",
          className: "btn btn-icon",
          "aria-label": "New chat",
          title: "New chat",
          onclick: onNewChat,
        },
        "+",
      ),
    ),
    chats,
  );

  function item(conversation, currentId, unread, me) {
    const count = unread.get(conversation.id) ?? 0;
    const badgeId = `unread-${conversation.id}`;
    const link = h(
      "a",
      {
        href: `?as=${encodeURIComponent(me)}&stream=${encodeURIComponent(conversation.id)}`,
        className: `conversation${count ? " has-unread" : ""}`,
        "aria-current": conversation.id === currentId ? "page" : null,
        "aria-label": conversation.name,
        "aria-describedby": count ? badgeId : null,
        "data-stream-id": conversation.id,
        onclick: (event) => {
          if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
          event.preventDefault();
          onOpen(conversation.id);
        },
      },
      conversation.type === "ROOM"
        ? h("span", { className: "room-icon", "aria-hidden": "true" }, "#")
        : avatar(conversation.other ?? { displayName: conversation.name }, "small"),
      h("span", { className: "conversation-name" }, conversation.name),
      count ? h("span", { className: "badge", id: badgeId }, `${count} unread`) : null,
    );
    return h("li", {}, link);
  }

  return {
    element,
    render(conversations, currentId, unread, me) {
      const byName = (a, b) => a.name.localeCompare(b.name);
      rooms.replaceChildren(
        ...conversations
          .filter((c) => c.type === "ROOM")
          .sort(byName)
          .map((c) => item(c, currentId, unread, me)),
      );
      chats.replaceChildren(
        ...conversations
          .filter((c) => c.type !== "ROOM")
          .sort(byName)
          .map((c) => item(c, currentId, unread, me)),
      );
      if (!rooms.children.length) rooms.append(h("li", { className: "none" }, "No rooms yet"));
      if (!chats.children.length) chats.append(h("li", { className: "none" }, "No chats yet"));
    },
  };
}
