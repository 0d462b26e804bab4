import { escapeFor } from "./escaping.ts";
import { Markup } from "./values.ts";

/**
 * `?truncate`, `?truncate_w`, `?truncate_c` and their `_m` forms, as FreeMarker's default algorithm
 * (DefaultTruncateBuiltinAlgorithm.ASCII_INSTANCE) cuts: the terminator counts against the length,
 * a word boundary is preferred when it keeps at least 75% of it, a space separates the terminator
 * from a whole word, and a terminator starting with a dot swallows the dots it touches.
 */
export type TruncateMode = "auto" | "word" | "char";

const ASCII_TERMINATOR = "[...]";
/** The markup terminator of `?truncate_m` and friends: HTML whose visible text is `[…]`. */
const MARKUP_TERMINATOR = new Markup("<span class='truncateTerminator'>[&#8230;]</span>", "HTML");
const WORD_BOUNDARY_MIN_LENGTH = 0.75;

interface Terminator {
  readonly value: string | Markup;
  readonly length: number;
  readonly removesDots: boolean;
}

export function truncate(
  text: string,
  maxLength: number,
  mode: TruncateMode,
  markupAllowed: boolean,
  terminator: string | Markup | undefined,
  terminatorLength: number | undefined,
): string | Markup {
  if (text.length <= maxLength) return text;
  const term = describeTerminator(terminator ?? (markupAllowed ? MARKUP_TERMINATOR : ASCII_TERMINATOR));
  const length = terminatorLength ?? term.length;
  const kept = cut(text, maxLength, { ...term, length }, mode);
  // The terminator always shows, even past maxLength: otherwise nobody could see the cut.
  if (kept === undefined || kept === "") return term.value;
  if (typeof term.value === "string") return kept + term.value;
  return new Markup(escapeFor(term.value.format, kept) + term.value.text, term.value.format);
}

function describeTerminator(value: string | Markup): Terminator {
  if (typeof value === "string") return { value, length: value.length, removesDots: startsWithDot(value) };
  const htmlLike = value.format === "HTML" || value.format === "XHTML" || value.format === "XML";
  if (!htmlLike) return { value, length: 3, removesDots: true };
  const visible = visibleText(value.text);
  return { value, length: visible.length, removesDots: startsWithDot(visible) };
}

/** The text of HTML or XML as a reader sees it: tags and comments dropped, a reference one character. */
function visibleText(markup: string): string {
  return markup
    .replace(/<!--[\s\S]*?(-->|$)/g, "")
    .replace(/<!\[CDATA\[([\s\S]*?)(\]\]>|$)/g, "$1")
    .replace(/<[^>]*(>|$)/g, "")
    .replace(/&([^;]*)(;|$)/g, (_m, name: string) =>
      ["#8230", "#x2026", "hellip"].includes(name) ? "…" : name === "#46" || name === "#x2e" ? "." : "x",
    );
}

function startsWithDot(text: string): boolean {
  return text.startsWith(".") || text.startsWith("…");
}

/** Java's Character.isWhitespace: white space, but not the no-break spaces. */
function isWhitespace(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const code = ch.charCodeAt(0);
  // \t \n \v \f \r and the four information separators, which Java counts as white space.
  if ((code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x1f)) return true;
  return /[ \u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]/.test(ch);
}

function isDot(ch: string | undefined): boolean {
  return ch === "." || ch === "…";
}

function isWordEnd(text: string, last: number): boolean {
  return last + 1 >= text.length || isWhitespace(text[last + 1]);
}

function skipTrailing(text: string, last: number, test: (ch: string | undefined) => boolean): number {
  let i = last;
  while (i >= 0 && test(text[i])) i--;
  return i;
}

/** What is kept of `text` (with the space before the terminator), or undefined when nothing is. */
function cut(text: string, maxLength: number, term: Terminator, mode: TruncateMode): string | undefined {
  const initialLast = maxLength - term.length - 1;
  let last = skipTrailing(text, initialLast, isWhitespace);
  if (last < 0) return undefined;

  if (mode !== "char") {
    // Word boundary: the last word end that leaves room for " " and the terminator.
    const wordTerminatorLength = term.length + 1;
    const minIndex =
      mode === "auto"
        ? Math.max(Math.ceil(maxLength * WORD_BOUNDARY_MIN_LENGTH) - wordTerminatorLength - 1, 0)
        : 0;
    let i = Math.min(maxLength - wordTerminatorLength - 1, last);
    let followedBySpace = text.length > i + 1 ? isWhitespace(text[i + 1]) : true;
    while (i >= minIndex) {
      const space = isWhitespace(text[i]);
      if (!space && followedBySpace) return `${text.slice(0, i + 1)} `;
      followedBySpace = space;
      i--;
    }
    if (mode === "word") return undefined;
  }

  // Character boundary. A cut right after a word gets a space, which must still fit.
  if (last === initialLast && isWordEnd(text, last)) {
    last--;
    if (last < 0) return undefined;
  }
  for (;;) {
    last = skipTrailing(text, last, isWhitespace);
    if (last < 0) return undefined;
    if (!(isDot(text[last]) && !isWordEnd(text, last) && term.removesDots)) break;
    last = skipTrailing(text, last, isDot);
    if (last < 0) return undefined;
  }
  return text.slice(0, last + 1) + (isWordEnd(text, last) ? " " : "");
}
