// Building DOM without markup strings: every text goes in as a text node, so nothing a person or a
// bot wrote can become an element or an attribute.

/**
 * `h("button", {type: "button", onclick: fn}, "Send")`. Attributes are set with setAttribute (values
 * are strings, never parsed); `on…` keys attach listeners; children are nodes or plain text.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") element.addEventListener(key.slice(2), value);
    else if (key === "className") element.className = value;
    else element.setAttribute(key, value === true ? "" : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

let counter = 0;
/** A page-unique id for label/aria links. */
export const uniqueId = (prefix) => `${prefix}-${++counter}`;

/** Initials for an avatar: "Alice Smith" → "AS". */
export function initials(name) {
  const words = String(name ?? "?")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  return (
    words.length > 1 ? words[0][0] + words[words.length - 1][0] : (words[0] ?? "?").slice(0, 2)
  ).toUpperCase();
}

/** A stable hue per person, so avatars tell people apart at a glance. */
export function hueOf(id) {
  let hash = 0;
  for (const ch of String(id)) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return hash % 360;
}

export function avatar(person, size = "normal") {
  const element = h(
    "span",
    { className: `avatar avatar-${size}`, "aria-hidden": "true" },
    initials(person?.displayName),
  );
  element.style.setProperty("--hue", String(hueOf(person?.id ?? person?.displayName ?? "")));
  return element;
}
