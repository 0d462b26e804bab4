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
  for (const token of tokens) markLines(token, source, lineOf, hasTag, hasContent);

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

function markLines(
  token: ScanToken,
  source: string,
  lineOf: (offset: number) => number,
  hasTag: Uint8Array,
  hasContent: Uint8Array,
): void {
  if (token.k === "text") {
    let line = lineOf(token.start);
    for (let i = token.start; i < token.end; i++) {
      const ch = source.charCodeAt(i);
      if (ch === 10) line++;
      else if (ch !== 32 && ch !== 9 && ch !== 13) hasContent[line] = 1;
    }
    return;
  }
  const first = lineOf(token.start);
  const last = lineOf(token.end - 1);
  const flags = token.k === "interpolation" ? hasContent : hasTag;
  for (let line = first; line <= last; line++) flags[line] = 1;
}

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
