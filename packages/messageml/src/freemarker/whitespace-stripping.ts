import type { ScanToken } from "./template-scanner.ts";

/**
 * FreeMarker's default `whitespace_stripping`: on a line that holds only FTL tags (directives,
 * user-defined directive calls, comments) and white space, the white space and the line break are
 * dropped. Lines with an interpolation or other text are kept as they are.
 */
export function stripTagOnlyLines(tokens: readonly ScanToken[], source: string): ScanToken[] {
  const firstLines = firstLineOfEach(tokens, source);
  const lineCount =
    (firstLines.at(-1) ?? 0) + countNewlines(source, tokens.at(-1)?.start ?? 0, source.length) + 1;
  const hasTag = new Uint8Array(lineCount);
  const hasContent = new Uint8Array(lineCount);
  tokens.forEach((token, i) => {
    if (token.k === "text") return;
    const first = firstLines[i] as number;
    const last = first + countNewlines(source, token.start, token.end - 1);
    const flags = token.k === "interpolation" ? hasContent : hasTag;
    for (let line = first; line <= last; line++) flags[line] = 1;
  });
  tokens.forEach((token, i) => {
    if (token.k === "text") markTextOnTagLines(token.text, firstLines[i] as number, hasTag, hasContent);
  });

  const out: ScanToken[] = [];
  tokens.forEach((token, i) => {
    if (token.k !== "text") {
      out.push(token);
      return;
    }
    const kept = keepText(token.text, firstLines[i] as number, hasTag, hasContent);
    if (kept.length > 0) out.push({ ...token, text: kept });
  });
  return out;
}

/** The 0-based line each token starts on, counted in one pass (tokens are in source order). */
function firstLineOfEach(tokens: readonly ScanToken[], source: string): number[] {
  const lines: number[] = [];
  let line = 0;
  let at = 0;
  for (const token of tokens) {
    line += countNewlines(source, at, token.start);
    at = token.start;
    lines.push(line);
  }
  return lines;
}

function countNewlines(source: string, from: number, to: number): number {
  let count = 0;
  for (let i = source.indexOf("\n", from); i >= 0 && i < to; i = source.indexOf("\n", i + 1)) count++;
  return count;
}

const NON_BLANK = /[^ \t\r]/;

/** Only lines holding a tag can be stripped, so only their text needs looking at. */
function markTextOnTagLines(
  text: string,
  firstLine: number,
  hasTag: Uint8Array,
  hasContent: Uint8Array,
): void {
  let line = firstLine;
  let segmentStart = 0;
  for (;;) {
    const newline = text.indexOf("\n", segmentStart);
    const segmentEnd = newline < 0 ? text.length : newline;
    if (
      hasTag[line] === 1 &&
      hasContent[line] !== 1 &&
      NON_BLANK.test(text.slice(segmentStart, segmentEnd))
    ) {
      hasContent[line] = 1;
    }
    if (newline < 0) return;
    segmentStart = newline + 1;
    line++;
  }
}

/** The parts of a text token that lie on lines not stripped. */
function keepText(text: string, firstLine: number, hasTag: Uint8Array, hasContent: Uint8Array): string {
  let kept = "";
  let line = firstLine;
  let segmentStart = 0;
  for (;;) {
    const newline = text.indexOf("\n", segmentStart);
    const segmentEnd = newline < 0 ? text.length : newline + 1;
    if (!(hasTag[line] === 1 && hasContent[line] !== 1)) kept += text.slice(segmentStart, segmentEnd);
    if (newline < 0) return kept;
    segmentStart = segmentEnd;
    line++;
  }
}
