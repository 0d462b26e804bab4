// PresentationML → DOM. The markup is parsed into an inert document (DOMParser runs no script and
// loads nothing), then *new* elements are built from an allow-list: known tags, a few vetted
// attributes, links only to http/https/mailto, images only http/https or raster data: URLs. Nothing
// of the message is ever assigned as HTML, and no style attribute is copied.
import { h } from "./dom.js";

/** Tags copied as they are (with their children, without attributes). */
const PLAIN_TAGS = new Set([
  "p",
  "div",
  "span",
  "b",
  "strong",
  "i",
  "em",
  "u",
  "s",
  "sub",
  "sup",
  "br",
  "hr",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "pre",
  "ul",
  "ol",
  "li",
  "blockquote",
  "table",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "caption",
]);
/** Tags dropped with everything inside them: active or styling content never belongs in a message. */
const DROPPED_TAGS = new Set([
  "script",
  "style",
  "link",
  "meta",
  "base",
  "title",
  "head",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "param",
  "svg",
  "math",
  "template",
  "noscript",
  "audio",
  "video",
  "source",
  "track",
  "canvas",
  "portal",
  "picture",
  "map",
  "area",
]);
/** Layout classes of dialogs, kept (from this fixed list only) so the stylesheet can place them. */
const KEPT_DIV_CLASSES = ["dialog-title", "dialog-body", "dialog-footer"];
const SAFE_LINK = /^(https?:|mailto:)/i;
const SAFE_IMAGE = /^(https?:|data:image\/(png|jpe?g|gif|webp|bmp|avif);)/i;

const MENTION = "com.symphony.user.mention";
const HASHTAG = "org.symphonyoss.taxonomy";
const CASHTAG = "org.symphonyoss.fin.security";
const EMOJI = "com.symphony.emoji";

/**
 * Renders one message. `context`: `people` (Map id → person, to name mentions), `elements` (the
 * Elements builder: forms, controls, dialogs, ui-actions; see elements.js), `openPerson(id)` (a
 * mention chip pressed).
 */
export function renderPresentationML(presentationML, dataJson, context) {
  const doc = new DOMParser().parseFromString(String(presentationML ?? ""), "text/html");
  const entities = parseEntities(dataJson);
  const fragment = document.createDocumentFragment();
  // One context per message: dialogs are found by id within their own message only.
  const scope = { ...context, entities, dialogs: new Map(), render: renderNode };
  const root = doc.body.firstElementChild;
  const top =
    root &&
    doc.body.childElementCount === 1 &&
    (root.hasAttribute("data-format") || root.localName === "messageml")
      ? root.childNodes
      : doc.body.childNodes;
  for (const node of top) append(fragment, renderNode(node, scope));
  return fragment;
}

function parseEntities(dataJson) {
  if (!dataJson) return {};
  try {
    const parsed = typeof dataJson === "string" ? JSON.parse(dataJson) : dataJson;
    return parsed && typeof parsed === "object" ? parsed : {};
  } catch {
    return {};
  }
}

const append = (parent, child) => {
  if (child) parent.append(child);
};

/** Children are rendered with the context given: a form passes its own down to its controls. */
export function renderChildren(element, target, context) {
  for (const child of element.childNodes) append(target, renderNode(child, context));
  return target;
}

function renderNode(node, context) {
  if (node.nodeType === Node.TEXT_NODE) return document.createTextNode(node.data);
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const el = node;
  const tag = el.localName;
  if (DROPPED_TAGS.has(tag)) return null;
  const classes = el.classList;

  if (el.hasAttribute("data-entity-id") && (tag === "span" || tag === "div" || tag === "time"))
    return entity(el, context);
  if (tag === "form") return context.elements.form(el, context);
  if (tag === "dialog") return context.elements.dialog(el, context);
  if (tag === "div" && classes.contains("ui-action")) return context.elements.uiAction(el, context);
  if (tag === "div" && KEPT_DIV_CLASSES.some((c) => classes.contains(c)))
    return renderChildren(
      el,
      h("div", { className: KEPT_DIV_CLASSES.find((c) => classes.contains(c)) }),
      context,
    );
  if (context.form) {
    const control = context.elements.control(el, context);
    if (control !== undefined) return control;
  }
  if (tag === "div" && classes.contains("expandable-card")) return expandableCard(el, context);
  if (tag === "div" && classes.contains("card")) return card(el, context);
  if (tag === "a") return link(el, context);
  if (tag === "img") return image(el);
  if (tag === "code") {
    const language = el.getAttribute("data-language");
    return renderChildren(
      el,
      h("code", { "data-language": language && /^[a-z+#]+$/.test(language) ? language : null }),
      context,
    );
  }
  if (tag === "td" || tag === "th") {
    const cell = h(tag);
    for (const name of ["colspan", "rowspan"]) {
      const value = el.getAttribute(name);
      if (value && /^\d{1,3}$/.test(value)) cell.setAttribute(name, value);
    }
    return renderChildren(el, cell, context);
  }
  if (tag === "table") {
    // Wide tables scroll inside their message instead of stretching it.
    return h("div", { className: "table-scroll" }, renderChildren(el, h("table"), context));
  }
  if (tag === "time") return renderChildren(el, h("time"), context);
  if (tag === "input" || tag === "select" || tag === "textarea" || tag === "button" || tag === "label") {
    // A control outside any form does nothing; show its text so the message still reads.
    return document.createTextNode(el.textContent ?? "");
  }
  if (PLAIN_TAGS.has(tag)) return renderChildren(el, h(tag), context);
  // Unknown but harmless (font, center, …): keep the content, not the element.
  return renderChildren(el, document.createDocumentFragment(), context);
}

function link(el, context) {
  const href = (el.getAttribute("href") ?? "").trim();
  const content = renderChildren(el, document.createDocumentFragment(), context);
  if (!SAFE_LINK.test(href))
    return h("span", { className: "unsafe-link", title: "Link removed: not http, https or mailto" }, content);
  if (!content.textContent.trim() && !content.querySelector?.("img")) content.append(href);
  return h("a", { href, target: "_blank", rel: "noopener noreferrer nofollow" }, content);
}

function image(el) {
  const src = (el.getAttribute("src") ?? "").trim();
  if (!SAFE_IMAGE.test(src)) return h("span", { className: "unsafe-image" }, "[image removed]");
  return h("img", { src, alt: el.getAttribute("alt") ?? "", loading: "lazy", referrerpolicy: "no-referrer" });
}

/** Mentions, hashtags, cashtags and emoji: keyed on the data entity's type, never on the class. */
function entity(el, context) {
  const id = el.getAttribute("data-entity-id");
  const data = Object.hasOwn(context.entities, id) ? context.entities[id] : undefined;
  const text = el.textContent ?? "";
  const type = data?.type;
  const firstId = Array.isArray(data?.id) ? data.id[0]?.value : undefined;
  if (type === MENTION) {
    const userId = firstId === undefined ? undefined : Number(firstId);
    const person = context.people?.get(userId);
    const name = person ? `@${person.displayName}` : text;
    return h(
      "button",
      {
        type: "button",
        className: `chip mention${userId === context.me ? " mention-me" : ""}`,
        "data-user-id": Number.isSafeInteger(userId) ? userId : null,
        onclick: () => context.openPerson?.(userId),
      },
      name,
    );
  }
  if (type === HASHTAG) return h("span", { className: "chip hashtag" }, text);
  if (type === CASHTAG) return h("span", { className: "chip cashtag" }, text);
  if (type === EMOJI)
    return h("span", { className: "emoji", title: `:${data?.data?.shortcode ?? ""}:` }, text);
  if (el.localName === "time") return h("time", {}, text);
  // An object the sender described in data, or an unknown entity: its fallback content.
  return renderChildren(el, h(el.localName === "div" ? "div" : "span", { className: "entity" }), context);
}

function card(el, context) {
  const box = h("section", { className: "card" });
  const accent = el.getAttribute("data-accent-color");
  if (accent && /^[a-z-]{1,40}$/.test(accent)) box.dataset.accent = accent;
  for (const child of el.children) {
    if (child.classList.contains("cardHeader"))
      box.append(renderChildren(child, h("header", { className: "card-header" }), context));
    else if (child.classList.contains("cardBody"))
      box.append(renderChildren(child, h("div", { className: "card-body" }), context));
    else append(box, renderNode(child, context));
  }
  return box;
}

/** A native <details>: collapsible with mouse and keyboard, announced as expanded/collapsed. */
function expandableCard(el, context) {
  const state = el.getAttribute("data-state");
  const box = h("details", { className: "card expandable-card", open: state === "expanded" });
  const header = [...el.children].find((c) => c.classList.contains("expandableCardHeader"));
  const body = [...el.children].find((c) => c.classList.contains("expandableCardBody"));
  box.append(
    renderChildren(
      header ?? document.createElement("div"),
      h("summary", { className: "card-header" }),
      context,
    ),
  );
  if (body) {
    const variant = body.getAttribute("data-variant") === "error" ? "error" : "default";
    box.append(renderChildren(body, h("div", { className: `card-body variant-${variant}` }), context));
  }
  return box;
}
