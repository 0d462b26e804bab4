import { type NumberValue, numberLiteral } from "./numbers.ts";
import { EndOfTemplateFault, SyntaxFault } from "./template-error.ts";

/** One token of a FreeMarker expression. Strings keep their raw body so interpolations can be parsed. */
export type Token =
  | { readonly k: "number"; readonly value: NumberValue; readonly at: number; readonly end: number }
  | {
      readonly k: "string";
      readonly value: string;
      readonly raw: boolean;
      readonly bodyAt: number;
      readonly at: number;
      readonly end: number;
    }
  | { readonly k: "name"; readonly value: string; readonly at: number; readonly end: number }
  | { readonly k: "punct"; readonly value: string; readonly at: number; readonly end: number }
  | { readonly k: "eof"; readonly value: ""; readonly at: number; readonly end: number };

// Longest first, so `..<` wins over `..` and `!=` over `!`.
const PUNCTUATION = [
  "..<",
  "..!",
  "...",
  "..",
  "??",
  "==",
  "!=",
  "&&",
  "||",
  "<=",
  ">=",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "++",
  "--",
  "->",
  "/>",
  "?",
  "=",
  "!",
  "<",
  ">",
  "+",
  "-",
  "*",
  "/",
  "%",
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  ",",
  ":",
  ";",
  ".",
];

/** Punctuation grouped by first character, longest first, so a token costs one lookup and few compares. */
const PUNCTUATION_BY_FIRST = new Map<string, string[]>();
for (const p of PUNCTUATION) {
  const group = PUNCTUATION_BY_FIRST.get(p[0] as string) ?? [];
  group.push(p);
  PUNCTUATION_BY_FIRST.set(p[0] as string, group);
}

const ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  f: "\f",
  b: "\b",
  l: "<",
  g: ">",
  a: "&",
  "\\": "\\",
  '"': '"',
  "'": "'",
  "{": "{",
  "=": "=",
  $: "$",
};

function isNameStart(ch: number): boolean {
  return (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch === 95 || ch === 36 || ch === 64 || ch > 127;
}

function isNamePart(ch: number): boolean {
  return isNameStart(ch) || (ch >= 48 && ch <= 57);
}

function isBlank(ch: number): boolean {
  return (
    ch === 32 ||
    ch === 10 ||
    ch === 13 ||
    ch === 9 ||
    ch === 12 ||
    ch === 0xa0 ||
    ch === 0x2028 ||
    ch === 0x2029
  );
}

function isDigit(ch: number): boolean {
  return ch >= 48 && ch <= 57;
}

/** Reads tokens on demand from an offset: the end of an expression is only known once it is parsed. */
export class ExpressionLexer {
  constructor(private readonly source: string) {}

  /** The token starting at or after `offset`, skipping white space and `<#-- -->` comments. */
  read(offset: number): Token {
    const at = this.skipBlank(offset);
    const src = this.source;
    if (at >= src.length) return { k: "eof", value: "", at, end: at };
    const ch = src.charCodeAt(at);
    if (isDigit(ch)) return this.readNumber(at);
    if (ch === 34 || ch === 39) return this.readString(at, at + 1, false);
    if (ch === 114 /* r */ && (src.charCodeAt(at + 1) === 34 || src.charCodeAt(at + 1) === 39)) {
      return this.readString(at, at + 2, true);
    }
    if (isNameStart(ch)) {
      let end = at + 1;
      while (end < src.length && isNamePart(src.charCodeAt(end))) end++;
      return { k: "name", value: src.slice(at, end), at, end };
    }
    for (const p of PUNCTUATION_BY_FIRST.get(src[at] as string) ?? []) {
      if (src.startsWith(p, at)) return { k: "punct", value: p, at, end: at + p.length };
    }
    throw new SyntaxFault(at, `Encountered "${src[at]}", which is not allowed in an expression.`);
  }

  private skipBlank(offset: number): number {
    const src = this.source;
    let i = offset;
    for (;;) {
      while (i < src.length && isBlank(src.charCodeAt(i))) i++;
      if (src.startsWith("<#--", i) || src.startsWith("[#--", i)) {
        const close = src.indexOf("-->", i + 4);
        if (close < 0) throw new SyntaxFault(i, "Unclosed comment.");
        i = close + 3;
        continue;
      }
      return i;
    }
  }

  private readNumber(at: number): Token {
    const src = this.source;
    let end = at;
    while (end < src.length && isDigit(src.charCodeAt(end))) end++;
    // A dot followed by a digit is a decimal point; `1..3` is a range.
    if (src[end] === "." && isDigit(src.charCodeAt(end + 1))) {
      end++;
      while (end < src.length && isDigit(src.charCodeAt(end))) end++;
    }
    return { k: "number", value: numberLiteral(src.slice(at, end)), at, end };
  }

  private readString(at: number, bodyAt: number, raw: boolean): Token {
    const src = this.source;
    const quote = src[bodyAt - 1];
    let value = "";
    let i = bodyAt;
    while (i < src.length && src[i] !== quote) {
      const c = src[i] as string;
      if (c === "\\" && !raw) {
        const next = src[i + 1];
        if (next === undefined) break;
        if (next === "x") {
          let j = i + 2;
          while (j < src.length && j < i + 6 && /[0-9a-fA-F]/.test(src[j] as string)) j++;
          if (j === i + 2) throw new SyntaxFault(i, "Invalid \\x escape in a string literal.");
          value += String.fromCodePoint(Number.parseInt(src.slice(i + 2, j), 16));
          i = j;
          continue;
        }
        const mapped = ESCAPES[next];
        if (mapped === undefined)
          throw new SyntaxFault(i, `Invalid escape sequence \\${next} in a string literal.`);
        value += mapped;
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    // FreeMarker's lexer reads to the end looking for the closing quote and fails there.
    if (i >= src.length) throw new EndOfTemplateFault(src.length, "Unclosed string literal.");
    return { k: "string", value, raw, bodyAt, at, end: i + 1 };
  }
}
