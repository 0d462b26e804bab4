/**
 * Core content → MessageML markup, through @sprig/messageml's escaping builder: every piece of text
 * is escaped (also against FreeMarker), so user words can never become markup or template.
 */
import type { CardAccent, Content, Message } from "@sprig/core";
import { isCodeLanguage, type MessageMLFragment, ml, mml } from "@sprig/messageml";

const QUOTE_STYLE = "border-left: 3px solid #b0b0b0; padding-left: 8px";

/** A card's accent as a Symphony colour class (the client draws the card's edge in it). */
const ACCENTS: Readonly<Record<CardAccent, string>> = {
  blue: "tempo-bg-color--blue",
  green: "tempo-bg-color--green",
  orange: "tempo-bg-color--orange",
  red: "tempo-bg-color--red",
  purple: "tempo-bg-color--purple",
  grey: "tempo-bg-color--gray",
};

const HEADINGS = [ml.h1, ml.h2, ml.h3, ml.h4, ml.h5, ml.h6] as const;

/**
 * The pod refuses a whole message over one link it does not allow (a relative URI, `javascript:`…),
 * so such links are shown as their text. The pod's default allow-list.
 */
const LINK_SCHEMES: ReadonlySet<string> = new Set(["http", "https", "mailto", "ftp"]);

function linkable(href: string): boolean {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(href)?.[1];
  return scheme !== undefined && LINK_SCHEMES.has(scheme.toLowerCase());
}

/** Numeric Symphony user ids become `<mention uid>`; anything else is shown as the name (never markup). */
function mentionMarkup(user: { id: string; name?: string; email?: string }): MessageMLFragment {
  if (/^\d{1,19}$/.test(user.id)) return ml.mention({ uid: user.id, strict: false });
  if (user.email) return ml.mention({ email: user.email, strict: false });
  return ml.text(`@${user.name ?? user.id}`);
}

/**
 * Words are separated by single spaces; block nodes stand on their own. Children go to the builders
 * as one array, never spread into arguments: a reply of ~33 000 words overflowed the call stack.
 */
function inlineRun(children: readonly Content[]): MessageMLFragment[] {
  const out: MessageMLFragment[] = [];
  children.forEach((child, i) => {
    if (i > 0) out.push(ml.text(" "));
    out.push(contentMarkup(child));
  });
  return out;
}

export function contentMarkup(content: Content): MessageMLFragment {
  switch (content.kind) {
    case "word":
      return ml.text(content.text);
    case "mention":
      return mentionMarkup(content.user);
    case "hashtag":
      return ml.hash(content.tag);
    case "cashtag":
      return ml.cash(content.tag);
    case "link":
      return linkable(content.href) ? ml.a({ href: content.href }, content.text) : ml.text(content.text);
    case "image":
      return linkable(content.url) ? ml.img({ src: content.url }) : ml.text(content.alt || content.url);
    case "paragraph":
      return ml.p(inlineRun(content.children));
    case "heading":
      return (HEADINGS[content.level - 1] ?? ml.h6)(inlineRun(content.children));
    case "blockquote":
      // MessageML has no quote element: an indented, ruled block looks like one.
      return ml.div({ style: QUOTE_STYLE }, content.children.map(contentMarkup));
    case "code":
      return ml.code(
        content.language && isCodeLanguage(content.language) ? { language: content.language } : {},
        content.text,
      );
    case "ordered-list":
      return ml.ol(content.items.map((item) => ml.li(contentMarkup(item))));
    case "unordered-list":
      return ml.ul(content.items.map((item) => ml.li(contentMarkup(item))));
    case "table":
      return ml.table(
        content.header ? ml.thead(ml.tr(content.header.map((c) => ml.th(contentMarkup(c))))) : undefined,
        ml.tbody(content.rows.map((row) => ml.tr(row.map((c) => ml.td(contentMarkup(c)))))),
      );
    case "card": {
      const header = content.header.map(contentMarkup);
      const body = content.body.map(contentMarkup);
      // An expandable card has no accent in MessageML: its edge is the client's.
      if (content.expandable) return ml.expandableCard({ state: "collapsed", header, body });
      return ml.card(content.accent ? { accent: ACCENTS[content.accent] } : {}, { header, body });
    }
    case "message":
      return mml`${content.children.map(contentMarkup)}`;
  }
}

/** The body of a message (without the `<messageML>` root). */
export function messageBody(message: Message): MessageMLFragment {
  return contentMarkup(message);
}

/** A whole `<messageML>` document for a content message. */
export function messageToMessageML(message: Message): string {
  return ml.messageML(messageBody(message)).markup;
}
