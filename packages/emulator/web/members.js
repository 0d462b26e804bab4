// The members of the open room: owners marked; add and remove people.
import { api } from "./api.js";
import { avatar, h, uniqueId } from "./dom.js";

export function createMembersPanel({ me, people, changed }) {
  const list = h("ul", { className: "member-list" });
  const status = h("p", { className: "panel-status", role: "status" });
  const selectId = uniqueId("add-member");
  const select = h("select", { id: selectId });
  const addForm = h(
    "form",
    { className: "add-member" },
    h("label", { for: selectId }, "Add a person"),
    h(
      "div",
      { className: "add-member-row" },
      select,
      h("button", { type: "submit", className: "btn btn-secondary" }, "Add"),
    ),
  );
  const element = h(
    "aside",
    { className: "members-panel", "aria-labelledby": "members-heading", hidden: true },
    h("h2", { id: "members-heading" }, "Members"),
    list,
    addForm,
    status,
  );
  let conversation;

  const run = async (work, done) => {
    status.textContent = "";
    try {
      await work();
      status.textContent = done;
      changed();
    } catch (error) {
      status.textContent = error.message;
    }
  };
  addForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const userId = Number(select.value);
    if (!conversation || !userId) return;
    void run(() => api.addMember(conversation.id, me(), userId), `${people.get(userId)?.displayName} added.`);
  });

  return {
    element,
    show(next) {
      conversation = next;
      const isRoom = conversation?.type === "ROOM";
      addForm.hidden = !isRoom;
      const members = conversation?.members ?? [];
      list.replaceChildren(
        ...members.map((m) => {
          const person = { ...people.get(m.id), ...m };
          return h(
            "li",
            { className: "member" },
            avatar(person, "small"),
            h("span", { className: "member-name" }, person.displayName ?? String(m.id)),
            m.owner ? h("span", { className: "owner-badge" }, "Owner") : null,
            isRoom
              ? h(
                  "button",
                  {
                    type: "button",
                    className: "btn btn-link",
                    "aria-label": `Remove ${person.displayName}`,
                    onclick: () =>
                      run(() => api.removeMember(conversation.id, m.id), `${person.displayName} removed.`),
                  },
                  "Remove",
                )
              : null,
          );
        }),
      );
      const present = new Set(members.map((m) => m.id));
      select.replaceChildren(
        h("option", { value: "" }, "Choose someone…"),
        ...[...people.values()]
          .filter((p) => !present.has(p.id))
          .map((p) => h("option", { value: p.id }, p.displayName)),
      );
    },
  };
}
