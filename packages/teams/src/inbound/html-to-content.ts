/**
 * The text of a Teams message activity → core content. Teams sends HTML (`<p>`, `<div>`, `<br>`,
 * `<at>Name</at>` for mentions) or plain text; the parser is lenient (htmlparser2), keeps only the
 * text, and turns each `<at>` into a mention of the user its mention entity names — matched by the
 * entity's `text`, in order, since one name may be mentioned twice. Blocks become paragraphs; words,
 * #hashtags and $cashtags as in any sprig message. Markup in the text never survives as markup.
 */
import type { Content, Message, User } from "@sprig/core";
import { cashTag, hashTag, mention, message, paragraph, word } from "@sprig/core";
import { Parser } from "htmlparser2";

export interface InboundMention {
  /** The entity's `text`, e.g. `<at>Alice</at>`. */
  readonly text: string;
  readonly user: User;
}

const BLOCKS = new Set([
  "p",
  "div",
  "br",
  "li",
  "tr",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "blockquote",
  "pre",
]);
const HASHTAG = /^#[\p{L}\p{N}_-]+$/u;
const CASHTAG = /^\$[A-Za-z][A-Za-z0-9.]*$/;

type Piece = { readonly text: string } | { readonly user: User };

export function htmlToContent(html: string, mentions: readonly InboundMention[]): Message {
  const lines: Piece[][] = [[]];
  const unclaimed = [...mentions];
  let inMention: string | undefined;
  const push = (piece: Piece) => lines[lines.length - 1]!.push(piece);
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === "at") inMention = "";
        else if (BLOCKS.has(name)) lines.push([]);
      },
      ontext(text) {
        if (inMention !== undefined) inMention += text;
        else push({ text });
      },
      onclosetag(name) {
        if (name === "at" && inMention !== undefined) {
          const name = inMention;
          inMention = undefined;
          const found = unclaimed.findIndex((m) => mentionName(m.text) === name.trim());
          if (found >= 0) push({ user: unclaimed.splice(found, 1)[0]!.user });
          else push({ text: ` @${name} ` });
        } else if (BLOCKS.has(name)) lines.push([]);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  const paragraphs = lines.map(toInline).filter((parts) => parts.length > 0);
  return message(...paragraphs.map((parts) => paragraph(...parts)));
}

/** The name inside an entity's `<at>…</at>` text (decoded as the message text is). */
function mentionName(text: string): string {
  let name = "";
  const parser = new Parser(
    {
      ontext(t) {
        name += t;
      },
    },
    { decodeEntities: true },
  );
  parser.write(text);
  parser.end();
  return name.trim();
}

function toInline(pieces: readonly Piece[]): Content[] {
  const out: Content[] = [];
  // The parser hands text over in chunks (split at entities): words are made from joined runs.
  let run = "";
  const flush = () => {
    for (const token of run.split(/\s+/).filter(Boolean)) out.push(tokenContent(token));
    run = "";
  };
  for (const piece of pieces) {
    if ("user" in piece) {
      flush();
      out.push(mention(piece.user));
    } else run += piece.text;
  }
  flush();
  return out;
}

function tokenContent(token: string): Content {
  if (HASHTAG.test(token)) return hashTag(token);
  if (CASHTAG.test(token)) return cashTag(token);
  return word(token);
}
