import type { ScanToken } from "./template-scanner.ts";

/**
 * FreeMarker's white-space stripping (TextBlock.postParseCleanup in 2.3.31), on the token stream:
 * - a text block loses its first line if that line is blank and nothing before it on the line
 *   "heeds" white space (an interpolation or non-blank text), and its last line likewise;
 * - `#t`, `#lt`, `#rt` trim the line they are on deliberately, `#nt` turns stripping off for it;
 * - the first top-level text block is never stripped (FreeMarker's own quirk), and blank text
 *   between non-outputting siblings (`#assign`, `#macro`, comments) disappears.
 * Deliberate trims apply even with `strip_whitespace=false`.
 */
export function stripWhitespace(tokens: readonly ScanToken[], source: string, strip: boolean): ScanToken[] {
  const lines = new LineIndex(source);
  const structure = describeStructure(tokens);
  const texts = tokens.map((t) => (t.k === "text" ? t.text : ""));
  const leaves = structure.leaves;
  const leafAt = new Map(leaves.map((tokenIndex, i) => [tokenIndex, i]));

  const beginLine = (i: number) => lines.lineOf(tokens[i]!.start);
  const endLine = (i: number) => lines.lineOf(Math.max(tokens[i]!.start, tokens[i]!.end - 1));

  const isIgnorable = (i: number): boolean => {
    const text = texts[i]!;
    if (text.length === 0) return true;
    if (!strip || text.trim() !== "") return false;
    const { top, prev, next } = structure.siblings.get(i)!;
    return (
      ((prev === undefined && top) || prev === "quiet") && ((next === undefined && top) || next === "quiet")
    );
  };
  const heedsTrailing = (i: number): boolean => {
    const token = tokens[i]!;
    if (token.k === "interpolation") return true;
    if (token.k !== "text" || isIgnorable(i)) return false;
    const text = texts[i]!;
    for (let c = text.length - 1; c >= 0; c--) {
      if (text[c] === "\n" || text[c] === "\r") return false;
      if (!isSpace(text[c]!)) return true;
    }
    return true;
  };
  const heedsOpening = (i: number): boolean => {
    const token = tokens[i]!;
    if (token.k === "interpolation") return true;
    if (token.k !== "text" || isIgnorable(i)) return false;
    const text = texts[i]!;
    for (const ch of text) {
      if (ch === "\n" || ch === "\r") return false;
      if (!isSpace(ch)) return true;
    }
    return true;
  };
  /** Leaves after token i that start on the line where it ends, and before it ending where it begins. */
  const leavesAfterOnLine = (i: number): number[] => {
    const out: number[] = [];
    const line = endLine(i);
    for (let l = leafAt.get(i)! + 1; l < leaves.length && beginLine(leaves[l]!) === line; l++)
      out.push(leaves[l]!);
    return out;
  };
  const leavesBeforeOnLine = (i: number): number[] => {
    const out: number[] = [];
    const line = beginLine(i);
    for (let l = leafAt.get(i)! - 1; l >= 0 && endLine(leaves[l]!) === line; l--) out.push(leaves[l]!);
    return out;
  };
  const trimOf = (i: number) => {
    const token = tokens[i]!;
    return token.k === "tag" && token.tag.name === "trim" ? token.tag : undefined;
  };

  /**
   * After a deliberate right trim, a blank rest of the text goes too, unless something on its last
   * line heeds the white space before it (and no `#lt`/`#t` follows first): TextBlock's "heinous" block.
   */
  const trimsTrailingPart = (i: number, trailing: string): boolean => {
    if (trailing.trim() !== "") return false;
    let trim = true;
    for (const after of leavesAfterOnLine(i)) {
      // FreeMarker asks heedsOpeningWhitespace here, which reads from the end (sprig's heedsTrailing).
      if (heedsTrailing(after)) trim = false;
      if (trimOf(after)?.left) return true;
    }
    return trim;
  };

  for (const i of leaves) {
    if (tokens[i]!.k !== "text" || texts[i]!.length === 0) continue;
    let atLineStart = lines.columnIsOne(tokens[i]!.start);

    let leftTrim = false;
    for (const after of leavesAfterOnLine(i)) {
      const trim = trimOf(after);
      if (trim === undefined) continue;
      leftTrim = true;
      if (!trim.left) continue;
      const text = texts[i]!;
      const lastNewline = text.lastIndexOf("\n");
      if (lastNewline >= 0 || atLineStart) {
        const lastLine = text.slice(lastNewline + 1);
        texts[i] =
          text.slice(0, lastNewline + 1) + (lastLine.trim() === "" ? "" : lastLine.replace(/^\s+/, ""));
      }
    }
    let rightTrim = false;
    for (const before of leavesBeforeOnLine(i)) {
      const trim = trimOf(before);
      if (trim === undefined) continue;
      rightTrim = true;
      if (!trim.right) continue;
      const text = texts[i]!;
      const firstLineEnd = text.indexOf("\n") + 1;
      if (firstLineEnd === 0) {
        rightTrim = false;
        break;
      }
      const opening = text.slice(0, firstLineEnd);
      if (opening.trim() === "") {
        // FreeMarker then moves the block's start to the next line, column 1.
        texts[i] = text.slice(firstLineEnd);
        atLineStart = true;
      } else {
        const trailing = text.slice(firstLineEnd);
        texts[i] = opening.replace(/\s+$/, "") + (trimsTrailingPart(i, trailing) ? "" : trailing);
      }
    }

    if (!strip) continue;
    const { top, prev } = structure.siblings.get(i)!;
    if (top && prev === undefined) continue;
    const text = texts[i]!;
    let closing = 0;
    if (!leftTrim) {
      const lastNewline = text.lastIndexOf("\n");
      const lastLine = text.slice(lastNewline + 1);
      if ((lastNewline >= 0 || atLineStart) && lastLine.trim() === "") {
        if (!leavesAfterOnLine(i).some(heedsOpening)) closing = lastLine.length;
      }
    }
    let opening = 0;
    if (!rightTrim) {
      const firstNewline = text.indexOf("\n");
      if (firstNewline >= 0 || atLineStart) {
        const firstLine = text.slice(0, firstNewline + 1);
        if (firstLine.trim() === "" && !leavesBeforeOnLine(i).some(heedsTrailing)) opening = firstLine.length;
      }
    }
    if (opening > 0 || closing > 0) texts[i] = text.slice(opening, Math.max(opening, text.length - closing));
  }

  const out: ScanToken[] = [];
  tokens.forEach((token, i) => {
    if (token.k !== "text") out.push(token);
    else if (!isIgnorable(i)) out.push({ ...token, text: texts[i]! });
  });
  return out;
}

function isSpace(ch: string): boolean {
  return ch === " " || ch === "\t" || ch === "\n" || ch === "\r" || ch === "\f";
}

/** What a text's neighbour in the directive tree is: "quiet" ones (#assign, #macro, comments) print nothing. */
type SiblingKind = "quiet" | "loud";

interface Structure {
  /** Tokens that are leaves of FreeMarker's tree, in document order (block tags are not). */
  readonly leaves: number[];
  readonly siblings: Map<
    number,
    { top: boolean; prev: SiblingKind | undefined; next: SiblingKind | undefined }
  >;
}

const BLOCKS = new Set([
  "if",
  "list",
  "items",
  "switch",
  "macro",
  "capture",
  "compress",
  "attempt",
  "noautoesc",
  "autoesc",
  "escape",
  "noescape",
]);
const MIDDLES = new Set(["else", "elseif", "recover", "case", "default"]);

function describeStructure(tokens: readonly ScanToken[]): Structure {
  const leaves: number[] = [];
  const siblings: Structure["siblings"] = new Map();
  // Each frame is the list of children being built: [kind, token index of a text or -1].
  const frames: { children: [SiblingKind, number][] }[] = [{ children: [] }];
  const finish = (frame: { children: [SiblingKind, number][] }, top: boolean) => {
    frame.children.forEach(([, tokenIndex], c) => {
      if (tokenIndex < 0 || tokens[tokenIndex]!.k !== "text") return;
      siblings.set(tokenIndex, { top, prev: frame.children[c - 1]?.[0], next: frame.children[c + 1]?.[0] });
    });
    frame.children = [];
  };
  const current = () => frames[frames.length - 1]!;
  tokens.forEach((token, i) => {
    switch (token.k) {
      case "text":
        leaves.push(i);
        current().children.push(["loud", i]);
        return;
      case "interpolation":
        leaves.push(i);
        current().children.push(["loud", i]);
        return;
      case "comment":
        leaves.push(i);
        current().children.push(["quiet", i]);
        return;
      case "call":
        current().children.push(["loud", -1]);
        if (token.call.selfClosing) leaves.push(i);
        else frames.push({ children: [] });
        return;
      case "end":
      case "callEnd":
        if (frames.length > 1) finish(frames.pop()!, false);
        return;
      case "tag": {
        const name = token.tag.name;
        if (name === "ftl") return;
        if (MIDDLES.has(name)) {
          if (frames.length > 1) finish(current(), false);
          return;
        }
        if (BLOCKS.has(name) || (name === "sep" && sepIsClosed(tokens, i))) {
          current().children.push([name === "macro" ? "quiet" : "loud", -1]);
          frames.push({ children: [] });
          return;
        }
        leaves.push(i);
        const quiet = name === "assign" || name === "global" || name === "local";
        current().children.push([quiet ? "quiet" : "loud", i]);
      }
    }
  });
  while (frames.length > 1) finish(frames.pop()!, false);
  finish(frames[0]!, true);
  return { leaves, siblings };
}

/** `<#sep>` is a block only when `</#sep>` closes it before its list or items body ends. */
function sepIsClosed(tokens: readonly ScanToken[], at: number): boolean {
  for (let i = at + 1; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.k === "end") return token.name === "sep";
    if (token.k === "tag" && (token.tag.name === "sep" || token.tag.name === "else")) return false;
  }
  return false;
}

/** Line numbers of offsets, for a single forward-moving or random access pattern. */
class LineIndex {
  private readonly starts: number[] = [0];
  constructor(private readonly source: string) {
    for (let i = source.indexOf("\n"); i >= 0; i = source.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }

  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /**
   * Whether a text token starts in column 1 as FreeMarker's lexer reports it: JavaCC gives a token
   * that starts with a tab the column after the tab, so "\t<#t>x" keeps its tab.
   */
  columnIsOne(offset: number): boolean {
    return (offset === 0 || this.source[offset - 1] === "\n") && this.source[offset] !== "\t";
  }
}
