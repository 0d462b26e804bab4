import type { PodStore } from "../store/pod-store.ts";

/**
 * Escapes for XML, and `$` / `#` as character references: the agent runs FreeMarker on any message
 * containing `${`, `#{`, `<#` or `<@`, and a person's text must never become a template.
 */
const escapeXml = (text: string) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/#/g, "&#35;")
    .replace(/\$/g, "&#36;");

/**
 * What the Symphony client does with typed text: `@username` of a known person becomes a mention,
 * `#tag` a hashtag, `$TAG` a cashtag; everything else is escaped text (markup typed by a person never
 * becomes markup). The text is one paragraph; newlines become `<br/>`.
 */
export function textToMessageML(text: string, store: PodStore): string {
  const token = /(^|[\s(])([@#$])([A-Za-z0-9][\w.\-@]*[\w]|[A-Za-z0-9])/g;
  let out = "";
  let last = 0;
  for (const match of text.matchAll(token)) {
    const [whole, lead, sigil, name] = match as unknown as [string, string, string, string];
    const start = match.index! + lead.length;
    const rendered = renderToken(sigil, name, store);
    if (rendered === undefined) continue;
    out += escapeXml(text.slice(last, start)) + rendered;
    last = match.index! + whole.length;
  }
  out += escapeXml(text.slice(last));
  // The client sends typed text as a paragraph, as a pod then delivers it: `<p>hi</p>`.
  return `<messageML><p>${out.replace(/\r?\n/g, "<br/>")}</p></messageML>`;
}

function renderToken(sigil: string, name: string, store: PodStore): string | undefined {
  if (sigil === "@") {
    const user = store.userByUsername(name);
    return user ? `<mention uid="${user.id}"/>` : undefined;
  }
  if (sigil === "#") return `<hash tag="${escapeXml(name)}"/>`;
  if (/^[A-Za-z][A-Za-z0-9.]*$/.test(name)) return `<cash tag="${escapeXml(name)}"/>`;
  return undefined;
}
