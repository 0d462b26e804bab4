// What the Symphony client sends for typed text: PresentationML with entity spans, and `data` naming
// each mention, hashtag and cashtag. Everything typed is escaped: a person's text never becomes
// markup, and `$`/`#` go as character references so the agent never reads them as a template.

const escapeText = (text) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/#/g, "&#35;")
    .replace(/\$/g, "&#36;");

const HASHTAG = /^#([\p{L}\p{N}_][\p{L}\p{N}_-]*)/u;
const CASHTAG = /^\$([A-Za-z][A-Za-z0-9.]*[A-Za-z0-9]|[A-Za-z])/;

/**
 * `text` as typed; `mentions`: `[{text: "@Bob Builder", userId}]` chosen from the completion;
 * `people`: the room's members, so a typed `@username` also becomes a mention.
 * → `{messageML, data}` ready for the dev API.
 */
export function composeMessage(text, mentions, people) {
  const data = {};
  let html = "";
  let plain = "";
  let next = 0;
  const flush = () => {
    html += escapeText(plain).replace(/\r?\n/g, "<br/>");
    plain = "";
  };
  const entity = (shown, entry) => {
    flush();
    const id = String(next++);
    data[id] = entry;
    html += `<span class="entity" data-entity-id="${id}">${escapeText(shown)}</span>`;
  };
  const byName = [...mentions].sort((a, b) => b.text.length - a.text.length);
  let i = 0;
  while (i < text.length) {
    const atWordStart = i === 0 || /[\s(]/.test(text[i - 1]);
    const rest = text.slice(i);
    if (atWordStart && text[i] === "@") {
      const chosen = byName.find((m) => rest.startsWith(m.text));
      const typed = chosen ? undefined : /^@([\w.-]+)/.exec(rest);
      const person = typed ? people.find((p) => p.username === typed[1]) : undefined;
      const userId = chosen?.userId ?? person?.id;
      if (userId !== undefined) {
        const shown = chosen?.text ?? `@${person.displayName}`;
        entity(shown, {
          type: "com.symphony.user.mention",
          version: "1.0",
          id: [{ type: "com.symphony.user.userId", value: String(userId) }],
        });
        i += chosen ? chosen.text.length : typed[0].length;
        continue;
      }
    }
    const hash = atWordStart && text[i] === "#" ? HASHTAG.exec(rest) : null;
    if (hash) {
      entity(hash[0], {
        type: "org.symphonyoss.taxonomy",
        version: "1.0",
        id: [{ type: "org.symphonyoss.taxonomy.hashtag", value: hash[1] }],
      });
      i += hash[0].length;
      continue;
    }
    const cash = atWordStart && text[i] === "$" ? CASHTAG.exec(rest) : null;
    if (cash) {
      entity(cash[0], {
        type: "org.symphonyoss.fin.security",
        version: "1.0",
        id: [{ type: "org.symphonyoss.fin.security.id.ticker", value: cash[1] }],
      });
      i += cash[0].length;
      continue;
    }
    plain += text[i];
    i++;
  }
  flush();
  return {
    messageML: `<div data-format="PresentationML" data-version="2.0" class="wysiwyg"><p>${html}</p></div>`,
    data: JSON.stringify(data),
  };
}
