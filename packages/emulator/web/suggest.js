// One suggestion list for text inputs: the person/room pickers of forms and the composer's @
// completion. A listbox under the input; arrows move, Enter or Tab picks, Escape closes, a click picks.
import { h, uniqueId } from "./dom.js";

/**
 * `find()` → the items to offer now (`[{key, label, detail?}]`, empty to close); `pick(item)` is
 * called with the chosen one. `combobox: true` gives the input the combobox role (a picker); the
 * composer stays a textbox and only points at the list.
 */
export function attachSuggestions(input, { find, pick, combobox = false }) {
  const list = h("ul", {
    id: uniqueId("suggestions"),
    role: "listbox",
    className: "suggestions",
    hidden: true,
  });
  let items = [];
  let active = -1;
  if (combobox) input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");

  const close = () => {
    items = [];
    active = -1;
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  };
  const highlight = (index) => {
    active = index;
    for (const [i, option] of [...list.children].entries())
      option.setAttribute("aria-selected", String(i === index));
    const option = list.children[index];
    if (option) {
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView?.({ block: "nearest" });
    }
  };
  const choose = (index) => {
    const item = items[index];
    close();
    if (item) pick(item);
  };
  const refresh = () => {
    items = find() ?? [];
    if (items.length === 0) return close();
    list.replaceChildren(
      ...items.map((item, i) =>
        h(
          "li",
          {
            id: `${list.id}-${i}`,
            role: "option",
            "aria-selected": "false",
            // mousedown, not click: the input keeps the focus.
            onmousedown: (event) => {
              event.preventDefault();
              choose(i);
            },
          },
          h("span", { className: "suggestion-label" }, item.label),
          item.detail ? h("span", { className: "suggestion-detail" }, item.detail) : null,
        ),
      ),
    );
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    highlight(0);
  };

  input.addEventListener("input", refresh);
  input.addEventListener("focus", () => combobox && refresh());
  input.addEventListener("blur", close);
  input.addEventListener("keydown", (event) => {
    if (list.hidden) {
      if (combobox && event.key === "ArrowDown") refresh();
      return;
    }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      highlight((active + step + items.length) % items.length);
    } else if (event.key === "Enter" || event.key === "Tab") {
      if (active < 0) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      choose(active);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  return { list, close, refresh };
}
