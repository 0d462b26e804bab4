import type { ScanToken } from "./template-scanner.ts";

/**
 * FreeMarker's default `whitespace_stripping`: on a line that holds only FTL tags (directives,
 * user-defined directive calls, comments) and white space, the white space and the line break are
 * dropped. Lines with an interpolation or other text are kept as they are.
 */
export function stripTagOnlyLines(tokens: readonly ScanToken[], source: string): ScanToken[] {
  const lineOf = lineIndexer(source);
  const lineCount = lineOf(source.length) + 1;
  const hasTag = new Uint8Array(lineCount);
  const hasContent = new Uint8Array(lineCount);
  for (const token of tokens) if (token.k !== "text") markTagLines(token, lineOf, hasTag, hasContent);
  for (const token of tokens) if (token.k === "text") markTextOnTagLines(token, lineOf, hasTag, hasContent);

  const out: ScanToken[] = [];
  for (const token of tokens) {
    if (token.k !== "text") {
      out.push(token);
      continue;
    }
    const kept = keepText(token.text, lineOf(token.start), hasTag, hasContent);
    if (kept.length > 0) out.push({ ...token, text: kept });
  }
  return out;
}

function markTagLines(
  token: ScanToken,
  lineOf: (offset: number) => number,
  hasTag: Uint8Array,
  hasContent: Uint8Array,
): void {
  const first = lineOf(token.start);
  const last = lineOf(token.end - 1);
  const flags = token.k === "interpolation" ? hasContent : hasTag;
  for (let line = first; line <= last; line++) flags[line] = 1;
}

/** Only lines holding a tag can be stripped, so only their text needs looking at. */
function markTextOnTagLines(
  token: ScanToken & { k: "text" },
  lineOf: (offset: number) => number,
  hasTag: Uint8Array,
  hasContent: Uint8Array,
): void {
  const text = token.text;
  let line = lineOf(token.start);
  let segmentStart = 0;
  while (segmentStart <= text.length) {
    const newline = text.indexOf("\n", segmentStart);
    const segmentEnd = newline < 0 ? text.length : newline;
    if (
      hasTag[line] === 1 &&
      hasContent[line] !== 1 &&
      NON_BLANK.test(text.slice(segmentStart, segmentEnd))
    ) {
      hasContent[line] = 1;
    }
    if (newline < 0) break;
    segmentStart = newline + 1;
    line++;
  }
}

const NON_BLANK = /[^ \t\r]/;

/** The parts of a text token that lie on lines not stripped. */
function keepText(text: string, firstLine: number, hasTag: Uint8Array, hasContent: Uint8Array): string {
  let kept = "";
  let line = firstLine;
  let segmentStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text.charCodeAt(i) !== 10) continue;
    const segmentEnd = i < text.length ? i + 1 : i;
    if (!(hasTag[line] === 1 && hasContent[line] !== 1)) kept += text.slice(segmentStart, segmentEnd);
    segmentStart = segmentEnd;
    line++;
  }
  return kept;
}

function lineIndexer(source: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
}
