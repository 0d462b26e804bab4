// The messages of one conversation: newest page first, older pages as the person scrolls up,
// live additions, updates in place and suppressions. Each message is an <article> named by its
// sender (then the time), so a screen reader announces who wrote it.
import { api } from "./api.js";
import { early } from "./boot.js";
import { composeMessage } from "./composer-message.js";
import { avatar, h } from "./dom.js";
import { elements } from "./elements.js";
import { renderPresentationML } from "./presentation.js";

const PAGE_SIZE = early.pageSize;
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const dayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
});

/** `context`: `me` (user id), `people` (Map), `rooms()`, `openPerson(id)`, `openChat({userIds, streamId})`. */
export function createTimeline(context) {
  const list = h("div", { className: "messages" });
  const sentinel = h("div", { className: "load-older", "aria-hidden": "true" });
  const empty = h("p", { className: "timeline-empty", hidden: true }, "No messages yet. Say hello!");
  const scroller = h(
    "div",
    { className: "timeline", role: "log", "aria-label": "Messages", tabindex: "0" },
    sentinel,
    empty,
    list,
  );
  let streamId;
  let hasOlder = false;
  let loadingOlder = false;
  let generation = 0;
  /** Messages that arrived live while the first page was loading: added after it, without duplicates. */
  let arrivedWhileLoading;

  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting)) void loadOlder();
    },
    { root: scroller, rootMargin: "400px 0px 0px 0px" },
  );
  observer.observe(sentinel);

  const articleOf = (messageId) => list.querySelector(`article[data-message-id="${CSS.escape(messageId)}"]`);

  function render(message) {
    const author = context.people.get(message.user?.userId) ?? {
      id: message.user?.userId,
      displayName: message.user?.displayName ?? "Unknown",
    };
    const senderId = `sender-${message.messageId}`;
    const timeId = `time-${message.messageId}`;
    const when = new Date(message.timestamp);
    const body = h("div", { className: "message-body" });
    try {
      body.append(
        renderPresentationML(message.message, message.data, {
          ...context,
          elements,
          message,
          submitForm: (formId, action, values) =>
            api.submitForm(message.stream.streamId, message.messageId, {
              as: context.me,
              formId,
              action,
              values,
            }),
        }),
      );
    } catch (error) {
      body.append(
        h("p", { className: "render-error" }, `This message could not be shown (${error.message}).`),
      );
    }
    const article = h(
      "article",
      {
        className: `message${author.id === context.me ? " mine" : ""}`,
        "data-message-id": message.messageId,
        "data-user-id": author.id,
        "data-timestamp": message.timestamp,
        "aria-labelledby": `${senderId} ${timeId}`,
      },
      avatar(author),
      h(
        "div",
        { className: "message-main" },
        h(
          "header",
          { className: "message-header" },
          h("span", { className: "sender", id: senderId }, author.displayName),
          h(
            "time",
            { id: timeId, datetime: when.toISOString(), title: when.toLocaleString() },
            timeFormat.format(when),
          ),
          message.replacing || (message.initialMessageId && message.initialMessageId !== message.messageId)
            ? h("span", { className: "edited" }, "(edited)")
            : null,
        ),
        body,
        attachmentsOf(message),
      ),
      author.id === context.me ? ownActions(message, body) : null,
    );
    return article;
  }

  /** Edit and delete, on one's own messages (forms stay as the bot sent them: not one's own). */
  function ownActions(message, body) {
    const edit = () => {
      const text = h("textarea", { "aria-label": "Edit message", rows: 2 }, body.textContent ?? "");
      const editor = h(
        "form",
        { className: "message-editor" },
        text,
        h(
          "div",
          { className: "editor-actions" },
          h(
            "button",
            { type: "button", className: "btn btn-secondary", onclick: () => editor.replaceWith(body) },
            "Cancel",
          ),
          h("button", { type: "submit", className: "btn btn-primary" }, "Save"),
        ),
      );
      editor.addEventListener("submit", async (event) => {
        event.preventDefault();
        try {
          const updated = await api.edit(
            message.stream.streamId,
            message.messageId,
            context.me,
            composeMessage(text.value, [], context.members()),
          );
          add(updated);
        } catch (error) {
          editor.append(h("p", { className: "field-error" }, error.message));
        }
      });
      text.addEventListener("keydown", (event) => {
        if (event.key === "Escape") editor.replaceWith(body);
        else if (event.key === "Enter" && !event.shiftKey) {
          event.preventDefault();
          editor.requestSubmit();
        }
      });
      body.replaceWith(editor);
      text.focus();
    };
    const remove = async () => {
      if (!confirm("Delete this message for everyone?")) return;
      await api.remove(message.stream.streamId, message.messageId, context.me);
      suppress(message.messageId);
    };
    return h(
      "div",
      { className: "message-actions" },
      h("button", { type: "button", className: "btn btn-link", onclick: edit }, "Edit"),
      h("button", { type: "button", className: "btn btn-link", onclick: remove }, "Delete"),
    );
  }

  function attachmentsOf(message) {
    if (!message.attachments?.length) return null;
    return h(
      "ul",
      { className: "attachments", "aria-label": "Attachments" },
      ...message.attachments.map((a) =>
        h(
          "li",
          {},
          h(
            "a",
            {
              href: api.attachmentUrl(message.stream.streamId, message.messageId, a.id, context.me),
              download: a.name,
              className: "attachment",
            },
            h("span", { className: "attachment-icon", "aria-hidden": "true" }),
            a.name,
            h("span", { className: "attachment-size" }, ` ${formatSize(a.size)}`),
          ),
        ),
      ),
    );
  }

  /** Day dividers and "same sender, moments later" grouping, redone over the whole list. */
  function decorate() {
    let previous;
    for (const node of [...list.children]) if (node.classList.contains("day-divider")) node.remove();
    for (const article of list.querySelectorAll("article")) {
      const ts = Number(article.dataset.timestamp);
      const day = new Date(ts).toDateString();
      const newDay = !previous || new Date(Number(previous.dataset.timestamp)).toDateString() !== day;
      if (newDay)
        article.before(
          h(
            "div",
            { className: "day-divider", role: "separator" },
            h("span", {}, dayFormat.format(new Date(ts))),
          ),
        );
      const grouped =
        !newDay &&
        previous.dataset.userId === article.dataset.userId &&
        ts - Number(previous.dataset.timestamp) < 5 * 60_000;
      article.classList.toggle("grouped", grouped);
      previous = article;
    }
    empty.hidden = list.querySelector("article") !== null;
  }

  const nearBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 120;
  const toBottom = () => {
    scroller.scrollTop = scroller.scrollHeight;
  };

  /** Opens a conversation on its newest page (`prefetched`: that page, already asked for). */
  async function open(id, prefetched) {
    streamId = id;
    const mine = ++generation;
    list.replaceChildren();
    empty.hidden = true;
    hasOlder = false;
    arrivedWhileLoading = [];
    const page = (await prefetched) ?? (await api.messages(id, { as: context.me, limit: PAGE_SIZE }));
    if (mine !== generation) return;
    list.append(...page.map(render));
    hasOlder = page.length >= PAGE_SIZE;
    const arrived = arrivedWhileLoading;
    arrivedWhileLoading = undefined;
    for (const message of arrived) add(message);
    decorate();
    toBottom();
    // After the next frame is painted: when the room became readable (the benchmark reads it).
    requestAnimationFrame(() => setTimeout(() => performance.mark("sprig:room-painted", { detail: id })));
  }

  async function loadOlder() {
    if (!hasOlder || loadingOlder || !streamId) return;
    const oldest = list.querySelector("article");
    if (!oldest) return;
    loadingOlder = true;
    const mine = generation;
    try {
      const page = await api.messages(streamId, {
        as: context.me,
        limit: PAGE_SIZE,
        before: oldest.dataset.messageId,
      });
      if (mine !== generation) return;
      const fresh = page.filter((m) => !articleOf(m.messageId));
      const before = scroller.scrollHeight;
      oldest.before(...fresh.map(render));
      decorate();
      scroller.scrollTop += scroller.scrollHeight - before;
      hasOlder = fresh.length > 0 && page.length >= PAGE_SIZE;
    } finally {
      loadingOlder = false;
    }
  }

  /** A MESSAGESENT of this conversation: a new message, or a new version of one (`replacing`). */
  function add(message) {
    if (message.stream?.streamId !== streamId || articleOf(message.messageId)) return;
    if (arrivedWhileLoading) {
      arrivedWhileLoading.push(message);
      return;
    }
    const stick = nearBottom() || message.user?.userId === context.me;
    const old = message.replacing ? articleOf(message.replacing) : null;
    if (old) old.replaceWith(render(message));
    else list.append(render(message));
    decorate();
    if (stick && !old) toBottom();
  }

  function suppress(messageId) {
    const article = articleOf(messageId);
    if (!article) return;
    article.classList.add("suppressed");
    article
      .querySelector(".message-body")
      .replaceChildren(h("p", { className: "suppressed-note" }, "This message was removed."));
    article.querySelector(".attachments")?.remove();
  }

  return {
    element: scroller,
    open,
    add,
    suppress,
    get streamId() {
      return streamId;
    },
  };
}

function formatSize(bytes) {
  if (!Number.isFinite(bytes)) return "";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
