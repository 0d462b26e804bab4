/**
 * Typed text → a message, the way a chat client would send it: "@Name" of a known user becomes a
 * mention, "#tag" a hashtag, "$TICKER" a cashtag, everything else plain words (never markup).
 * Each line is a paragraph.
 */
import type { Content, Message, User } from "@sprig/core";
import { cashTag, hashTag, mention, message, paragraph, word } from "@sprig/core";

const HASHTAG = /^#[\p{L}\p{N}_-]+$/u;
const CASHTAG = /^\$[A-Za-z][A-Za-z0-9.]*$/;

export function parseText(text: string, userNamed: (name: string) => User | undefined): Message {
  const paragraphs = text
    .split(/\r?\n/)
    .map((line) => line.split(/\s+/).filter(Boolean))
    .filter((tokens) => tokens.length > 0)
    .map((tokens) => paragraph(...tokens.map((token) => toContent(token, userNamed))));
  return message(...paragraphs);
}

function toContent(token: string, userNamed: (name: string) => User | undefined): Content {
  if (token.startsWith("@") && token.length > 1) {
    const user = userNamed(token.slice(1));
    if (user) return mention(user);
  }
  if (HASHTAG.test(token)) return hashTag(token);
  if (CASHTAG.test(token)) return cashTag(token);
  return word(token);
}
