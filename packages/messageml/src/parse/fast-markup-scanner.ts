import type { TokenizerCallbacks } from "htmlparser2";

/**
 * A fast path for the markup the datafeed actually delivers (the agent's well-formed PresentationML),
 * feeding the same callbacks as htmlparser2's tokenizer. It understands only the plain subset —
 * tags with quoted attributes, `</close>`, `/>`, text, `&amp; &lt; &gt; &quot; &apos;` and numeric
 * references — and gives up (returns false) on anything else: comments, declarations, other
 * entities, unquoted values, raw-text elements, a tag cut off at the end. The caller then reads the
 * input with htmlparser2 from the start. A differential test checks that the trees are the same
 * whenever the fast path finishes. Why it exists: htmlparser2's state machine costs ≈ 5 µs of the
 * ≈ 11 µs a typical message took; this scanner is a few `indexOf` calls per tag.
 */
export type ScannerCallbacks = Pick<
  TokenizerCallbacks,
  | "ontext"
  | "ontextentity"
  | "onopentagname"
  | "onattribname"
  | "onattribdata"
  | "onattribentity"
  | "onattribend"
  | "onopentagend"
  | "onselfclosingtag"
  | "onclosetag"
>;

// Elements whose content htmlparser2 reads as raw text; the fast path leaves them to it.
const RAW_TEXT = new Set(["script", "style", "title", "textarea", "xmp"]);

const NAMED: Record<string, number> = { amp: 38, lt: 60, gt: 62, quot: 34, apos: 39 };

function isWhitespace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 12 || c === 13;
}

function isAsciiAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isAsciiAlphanumeric(c: number): boolean {
  return isAsciiAlpha(c) || (c >= 48 && c <= 57);
}

function isEndOfTagSection(c: number): boolean {
  return c === 47 || c === 62 || isWhitespace(c);
}

/** A reference the fast path decodes exactly as htmlparser2 would. */
interface Reference {
  readonly codepoint: number;
  readonly end: number;
}

/** `&…;` at `at`: the decoded reference, "text" when `&` is a plain character, or undefined to give up. */
function readReference(s: string, at: number): Reference | "text" | undefined {
  const next = s.charCodeAt(at + 1);
  if (next !== 35 /* # */ && !isAsciiAlphanumeric(next)) return "text";
  const semicolon = s.indexOf(";", at + 1);
  if (semicolon < 0 || semicolon - at > 10) return undefined;
  const body = s.slice(at + 1, semicolon);
  let codepoint: number | undefined;
  if (next === 35) {
    const hex = body[1] === "x" || body[1] === "X";
    const digits = body.slice(hex ? 2 : 1);
    if (!(hex ? /^[0-9a-fA-F]{1,6}$/ : /^[0-9]{1,7}$/).test(digits)) return undefined;
    codepoint = Number.parseInt(digits, hex ? 16 : 10);
    // htmlparser2 remaps these (NUL, C1 as windows-1252, surrogates, beyond Unicode): leave them to it.
    if (codepoint === 0 || (codepoint >= 0x80 && codepoint <= 0x9f)) return undefined;
    if ((codepoint >= 0xd800 && codepoint <= 0xdfff) || codepoint > 0x10ffff) return undefined;
  } else {
    codepoint = NAMED[body];
    if (codepoint === undefined) return undefined;
  }
  return { codepoint, end: semicolon + 1 };
}

/** Scans `s` into `cbs`; false when the input needs the full tokenizer. */
export function scanPlainMarkup(s: string, cbs: ScannerCallbacks): boolean {
  const length = s.length;
  let i = 0;
  while (i < length) {
    const lt = s.indexOf("<", i);
    const textEnd = lt < 0 ? length : lt;
    if (textEnd > i && !emitText(s, i, textEnd, cbs)) return false;
    if (lt < 0) return true;
    const next = s.charCodeAt(lt + 1);
    if (isAsciiAlpha(next)) {
      const after = scanOpenTag(s, lt + 1, cbs);
      if (after < 0) return false;
      i = after;
    } else if (next === 47 /* / */) {
      const after = scanCloseTag(s, lt + 2, cbs);
      if (after < 0) return false;
      i = after;
    } else if (next === 33 /* ! */ || next === 63 /* ? */ || Number.isNaN(next)) {
      return false;
    } else {
      // `<` not starting a tag is text, as in HTML.
      if (!emitText(s, lt, lt + 1, cbs)) return false;
      i = lt + 1;
    }
  }
  return true;
}

function emitText(s: string, start: number, end: number, cbs: ScannerCallbacks): boolean {
  let from = start;
  let amp = s.indexOf("&", from);
  while (amp >= 0 && amp < end) {
    const ref = readReference(s, amp);
    if (ref === undefined) return false;
    if (ref === "text") {
      amp = s.indexOf("&", amp + 1);
      continue;
    }
    if (ref.end > end) return false;
    if (amp > from) cbs.ontext(from, amp);
    cbs.ontextentity(ref.codepoint, ref.end);
    from = ref.end;
    amp = s.indexOf("&", from);
  }
  if (end > from) cbs.ontext(from, end);
  return true;
}

/** From the first letter of the name; returns the offset after `>`, or -1 to give up. */
function scanOpenTag(s: string, nameStart: number, cbs: ScannerCallbacks): number {
  let i = nameStart;
  while (i < s.length && !isEndOfTagSection(s.charCodeAt(i))) i++;
  if (i >= s.length) return -1;
  if (RAW_TEXT.has(s.slice(nameStart, i).toLowerCase())) return -1;
  cbs.onopentagname(nameStart, i);
  for (;;) {
    while (i < s.length && isWhitespace(s.charCodeAt(i))) i++;
    const c = s.charCodeAt(i);
    if (c === 62 /* > */) {
      cbs.onopentagend(i);
      return i + 1;
    }
    if (c === 47 /* / */) {
      let j = i + 1;
      while (j < s.length && isWhitespace(s.charCodeAt(j))) j++;
      if (s.charCodeAt(j) !== 62) return -1;
      cbs.onselfclosingtag(j);
      return j + 1;
    }
    if (Number.isNaN(c) || c === 61 /* = */ || c === 34 || c === 39 || c === 60) return -1;
    i = scanAttribute(s, i, cbs);
    if (i < 0) return -1;
  }
}

/** One attribute from its name; returns the offset after it, or -1 to give up. */
function scanAttribute(s: string, nameStart: number, cbs: ScannerCallbacks): number {
  let i = nameStart;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 61 || isEndOfTagSection(c)) break;
    i++;
  }
  if (i >= s.length) return -1;
  cbs.onattribname(nameStart, i);
  let j = i;
  while (j < s.length && isWhitespace(s.charCodeAt(j))) j++;
  if (s.charCodeAt(j) !== 61 /* = */) {
    cbs.onattribend(0 /* QuoteType.NoValue */, i);
    return i;
  }
  j++;
  while (j < s.length && isWhitespace(s.charCodeAt(j))) j++;
  const quote = s.charCodeAt(j);
  if (quote !== 34 && quote !== 39) return -1;
  const close = s.indexOf(quote === 34 ? '"' : "'", j + 1);
  if (close < 0) return -1;
  if (!emitAttributeValue(s, j + 1, close, cbs)) return -1;
  cbs.onattribend(quote === 34 ? 3 : 2, close + 1);
  return close + 1;
}

function emitAttributeValue(s: string, start: number, end: number, cbs: ScannerCallbacks): boolean {
  let from = start;
  let amp = s.indexOf("&", from);
  while (amp >= 0 && amp < end) {
    const ref = readReference(s, amp);
    if (ref === undefined || ref === "text") return false;
    if (ref.end > end) return false;
    if (amp > from) cbs.onattribdata(from, amp);
    cbs.onattribentity(ref.codepoint);
    from = ref.end;
    amp = s.indexOf("&", from);
  }
  if (end > from) cbs.onattribdata(from, end);
  return true;
}

/** From after `</`; returns the offset after `>`, or -1 to give up. */
function scanCloseTag(s: string, nameStart: number, cbs: ScannerCallbacks): number {
  if (!isAsciiAlpha(s.charCodeAt(nameStart))) return -1;
  let i = nameStart;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 62 || isWhitespace(c)) break;
    i++;
  }
  const gt = s.indexOf(">", i);
  if (gt < 0) return -1;
  cbs.onclosetag(nameStart, i);
  return gt + 1;
}
