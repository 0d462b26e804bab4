/**
 * Core content → the HTML subset Teams shows in a message, every piece of text escaped, so user
 * words never become markup. A mention of a Teams user is `<at>Name</at>` plus a mention entity
 * (Teams links the two by the `<at>` text); other users are shown as "@Name".
 */
import type { Content, Message, User } from "@sprig/core";

export interface MentionEntity {
  readonly type: "mention";
  readonly text: string;
  readonly mentioned: { readonly id: string; readonly name: string };
}

export interface TeamsHtml {
  readonly text: string;
  readonly entities: readonly MentionEntity[];
}

const LINK_SCHEMES: ReadonlySet<string> = new Set(["http", "https", "mailto"]);

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function linkable(href: string): boolean {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(href)?.[1];
  return scheme !== undefined && LINK_SCHEMES.has(scheme.toLowerCase());
}

export function messageToHtml(message: Message, platform: string): TeamsHtml {
  const entities: MentionEntity[] = [];
  const mentionOf = (user: User): string => {
    const name = user.name ?? user.id;
    if (user.platform !== platform) return escapeHtml(`@${name}`);
    const text = `<at>${escapeHtml(name)}</at>`;
    entities.push({ type: "mention", text, mentioned: { id: user.id, name } });
    return text;
  };
  const inline = (children: readonly Content[]) => children.map(html).join(" ");
  function html(content: Content): string {
    switch (content.kind) {
      case "word":
        return escapeHtml(content.text);
      case "mention":
        return mentionOf(content.user);
      case "hashtag":
        return escapeHtml(`#${content.tag}`);
      case "cashtag":
        return escapeHtml(`$${content.tag}`);
      case "link":
        return linkable(content.href)
          ? `<a href="${escapeHtml(content.href)}">${escapeHtml(content.text)}</a>`
          : escapeHtml(content.text);
      case "image":
        return linkable(content.url)
          ? `<img src="${escapeHtml(content.url)}" alt="${escapeHtml(content.alt)}">`
          : escapeHtml(content.alt || content.url);
      case "paragraph":
        return `<p>${inline(content.children)}</p>`;
      case "heading":
        return `<h${content.level}>${inline(content.children)}</h${content.level}>`;
      case "blockquote":
        return `<blockquote>${content.children.map(html).join("")}</blockquote>`;
      case "code":
        return `<pre><code>${escapeHtml(content.text)}</code></pre>`;
      case "ordered-list":
        return `<ol>${content.items.map((item) => `<li>${html(item)}</li>`).join("")}</ol>`;
      case "unordered-list":
        return `<ul>${content.items.map((item) => `<li>${html(item)}</li>`).join("")}</ul>`;
      case "table": {
        const head = content.header
          ? `<thead><tr>${content.header.map((c) => `<th>${html(c)}</th>`).join("")}</tr></thead>`
          : "";
        const rows = content.rows.map((row) => `<tr>${row.map((c) => `<td>${html(c)}</td>`).join("")}</tr>`);
        return `<table>${head}<tbody>${rows.join("")}</tbody></table>`;
      }
      case "card":
        // Teams' message HTML has no card and no collapsing: a quoted block, its header in bold,
        // sets it apart (an expandable card shows its body at once).
        return `<blockquote><strong>${content.header.map(html).join("")}</strong>${content.body.map(html).join("")}</blockquote>`;
      case "message":
        return content.children.map(html).join("");
    }
  }
  return { text: html(message), entities };
}
