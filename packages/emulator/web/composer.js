// The composer: a textarea named "Message", @ completion from the room's members, Enter sends,
// Shift+Enter a new line, files attached with a button.

import { composeMessage } from "./composer-message.js";
import { h } from "./dom.js";
import { attachSuggestions } from "./suggest.js";

const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/** `members()` → people of the open conversation; `send({messageML, data, attachments})` → promise. */
export function createComposer({ members, send }) {
  const textarea = h("textarea", {
    id: "message",
    rows: 1,
    placeholder: "Write a message…",
    "aria-label": "Message",
    autocomplete: "off",
  });
  const sendButton = h("button", { type: "submit", className: "btn btn-primary send" }, "Send");
  const fileInput = h("input", { type: "file", multiple: true, hidden: true, "aria-label": "Attach files" });
  const attachButton = h(
    "button",
    {
      type: "button",
      className: "btn btn-secondary attach",
      "aria-label": "Attach a file",
      title: "Attach a file",
      onclick: () => fileInput.click(),
    },
    "Attach",
  );
  const files = h("ul", { className: "attachments-pending", "aria-label": "Files to send" });
  const status = h("p", { className: "composer-status", role: "status" });
  let mentions = [];
  let pending = [];

  const mentionQuery = () => {
    const upToCaret = textarea.value.slice(0, textarea.selectionStart);
    return /(?:^|[\s(])@([^\s@]*)$/.exec(upToCaret);
  };
  const suggestions = attachSuggestions(textarea, {
    find: () => {
      const match = mentionQuery();
      if (!match) return [];
      const query = match[1].toLowerCase();
      return members()
        .filter(
          (p) => p.displayName.toLowerCase().includes(query) || p.username.toLowerCase().startsWith(query),
        )
        .slice(0, 8)
        .map((p) => ({ key: p.id, label: p.displayName, detail: `@${p.username}`, person: p }));
    },
    pick: (item) => {
      const match = mentionQuery();
      const caret = textarea.selectionStart;
      const start = caret - match[1].length - 1;
      const text = `@${item.person.displayName}`;
      textarea.value = `${textarea.value.slice(0, start)}${text} ${textarea.value.slice(caret)}`;
      const after = start + text.length + 1;
      textarea.setSelectionRange(after, after);
      mentions.push({ text, userId: item.person.id });
      grow();
    },
  });

  const grow = () => {
    textarea.style.height = "auto";
    textarea.style.height = `${Math.min(textarea.scrollHeight, 200)}px`;
  };
  const drawFiles = () => {
    files.replaceChildren(
      ...pending.map((file, i) =>
        h(
          "li",
          { className: "chip" },
          file.name,
          h(
            "button",
            {
              type: "button",
              className: "chip-remove",
              "aria-label": `Remove ${file.name}`,
              onclick: () => {
                pending.splice(i, 1);
                drawFiles();
              },
            },
            "×",
          ),
        ),
      ),
    );
  };
  fileInput.addEventListener("change", () => {
    for (const file of fileInput.files) {
      if (file.size > MAX_ATTACHMENT_BYTES)
        status.textContent = `${file.name} is larger than 25 MB and was not added.`;
      else pending.push(file);
    }
    fileInput.value = "";
    drawFiles();
  });

  const form = h(
    "form",
    { className: "composer", "aria-label": "Write a message" },
    files,
    h(
      "div",
      { className: "composer-row" },
      attachButton,
      fileInput,
      h("div", { className: "composer-input" }, textarea, suggestions.list),
      sendButton,
    ),
    status,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = textarea.value;
    if (!text.trim() && pending.length === 0) return;
    const message = composeMessage(
      text.trim() ? text : " ",
      mentions.filter((m) => text.includes(m.text)),
      members(),
    );
    sendButton.disabled = true;
    try {
      const attachments = await Promise.all(pending.map(readAttachment));
      await send({ ...message, attachments });
      textarea.value = "";
      mentions = [];
      pending = [];
      drawFiles();
      status.textContent = "";
      grow();
    } catch (error) {
      status.textContent = `Not sent: ${error.message}`;
    } finally {
      sendButton.disabled = false;
      textarea.focus();
    }
  });
  textarea.addEventListener("input", grow);
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  return {
    element: form,
    focus: () => textarea.focus(),
    setEnabled(enabled) {
      textarea.disabled = !enabled;
      sendButton.disabled = !enabled;
      attachButton.disabled = !enabled;
    },
    clear() {
      textarea.value = "";
      mentions = [];
      pending = [];
      drawFiles();
      status.textContent = "";
    },
  };
}

async function readAttachment(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return {
    name: file.name,
    contentType: file.type || "application/octet-stream",
    contentBase64: btoa(binary),
  };
}
