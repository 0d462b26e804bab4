// "New room" and "New chat": small native dialogs.
import { api } from "./api.js";
import { h, uniqueId } from "./dom.js";

function modal(title, ...content) {
  const titleId = uniqueId("modal-title");
  const dialog = h(
    "dialog",
    { className: "modal", "aria-labelledby": titleId },
    h("h2", { id: titleId }, title),
    ...content,
  );
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

/** Creates a room owned by the person, with the people ticked; `opened(streamId)` when done. */
export function newRoomDialog({ me, people, opened }) {
  const nameId = uniqueId("room-name");
  const name = h("input", { id: nameId, required: true, maxlength: 256, autocomplete: "off" });
  const error = h("p", { className: "field-error", role: "alert", hidden: true });
  const choices = [...people.values()]
    .filter((p) => p.id !== me)
    .map((p) =>
      h("label", { className: "choice" }, h("input", { type: "checkbox", value: p.id }), ` ${p.displayName}`),
    );
  const form = h(
    "form",
    { method: "dialog" },
    h("label", { for: nameId }, "Room name"),
    name,
    h("fieldset", { className: "people-choice" }, h("legend", {}, "Members"), ...choices),
    error,
    h(
      "div",
      { className: "modal-actions" },
      h(
        "button",
        { type: "button", className: "btn btn-secondary", onclick: () => dialog.close() },
        "Cancel",
      ),
      h("button", { type: "submit", className: "btn btn-primary" }, "Create room"),
    ),
  );
  const dialog = modal("New room", form);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!name.value.trim()) {
      error.textContent = "Give the room a name.";
      error.hidden = false;
      name.focus();
      return;
    }
    const memberIds = choices
      .map((c) => c.querySelector("input"))
      .filter((i) => i.checked)
      .map((i) => Number(i.value));
    try {
      const { streamId } = await api.createRoom(me, name.value.trim(), memberIds);
      dialog.close();
      opened(streamId);
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    }
  });
}

/**
 * Opens (or creates) the 1:1 chat with one person. Between companies a chat needs an accepted
 * connection first: refused for that reason, the dialog offers to send a connection request.
 */
export function newChatDialog({ me, people, opened }) {
  const error = h("p", { className: "field-error", role: "alert", hidden: true });
  const connect = h("button", { type: "button", className: "btn btn-primary", hidden: true }, "");
  const refused = (person, e) => {
    error.textContent = e.message;
    error.hidden = false;
    connect.hidden = e.reason !== "NOT_CONNECTED";
    connect.textContent = `Ask ${person.displayName} to connect`;
    connect.onclick = async () => {
      try {
        await api.requestConnection(me, person.id);
        error.textContent = `Connection request sent to ${person.displayName}. Once it is accepted, open the chat again.`;
        connect.hidden = true;
      } catch (failure) {
        error.textContent = failure.message;
      }
    };
  };
  const buttons = [...people.values()]
    .filter((p) => p.id !== me)
    .map((p) =>
      h(
        "li",
        {},
        h(
          "button",
          {
            type: "button",
            className: "btn btn-list",
            onclick: async () => {
              try {
                const { streamId } = await api.createIm([me, p.id]);
                dialog.close();
                opened(streamId);
              } catch (e) {
                refused(p, e);
              }
            },
          },
          p.external ? `${p.displayName} (external)` : p.displayName,
        ),
      ),
    );
  const dialog = modal(
    "New chat",
    h("p", {}, "Chat with:"),
    h("ul", { className: "people-list" }, ...buttons),
    error,
    connect,
    h(
      "div",
      { className: "modal-actions" },
      h(
        "button",
        { type: "button", className: "btn btn-secondary", onclick: () => dialog.close() },
        "Cancel",
      ),
    ),
  );
}
