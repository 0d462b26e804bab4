import { type NumberValue, parseNumber } from "./numbers.ts";

/**
 * `?eval_json`: JSON as FreeMarker's own reader takes it — strict JSON plus `/* *\/` and `//`
 * comments, numbers as BigDecimal (`"0.1"?eval_json + 0.2` is 0.3). Returns undefined for JSON
 * `null`; throws `InvalidJson` for anything else that is not JSON.
 */
export class InvalidJson extends Error {}

export function evalJson(text: string): unknown {
  const reader = new JsonReader(text);
  const value = reader.value();
  reader.end();
  return value;
}

const MAX_DEPTH = 200;

class JsonReader {
  private i = 0;
  private depth = 0;

  constructor(private readonly s: string) {}

  end(): void {
    this.skip();
    if (this.i < this.s.length) this.fail();
  }

  value(): unknown {
    this.skip();
    const ch = this.s[this.i];
    if (ch === "{") return this.nested(() => this.object());
    if (ch === "[") return this.nested(() => this.array());
    if (ch === '"') return this.string();
    for (const [word, value] of [
      ["true", true],
      ["false", false],
      ["null", undefined],
    ] as const) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return value;
      }
    }
    return this.number();
  }

  private nested<T>(read: () => T): T {
    if (++this.depth > MAX_DEPTH) this.fail();
    try {
      return read();
    } finally {
      this.depth--;
    }
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i++;
    if (this.peek() === "}") {
      this.i++;
      return out;
    }
    for (;;) {
      if (this.peek() !== '"') this.fail();
      const key = this.string();
      if (this.peek() !== ":") this.fail();
      this.i++;
      out[key] = this.value();
      const next = this.peek();
      this.i++;
      if (next === "}") return out;
      if (next !== ",") this.fail();
    }
  }

  private array(): unknown[] {
    const out: unknown[] = [];
    this.i++;
    if (this.peek() === "]") {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      const next = this.peek();
      this.i++;
      if (next === "]") return out;
      if (next !== ",") this.fail();
    }
  }

  private string(): string {
    // Find the closing quote, then let JSON.parse judge the escapes and control characters.
    let end = this.i + 1;
    while (end < this.s.length && this.s[end] !== '"') end += this.s[end] === "\\" ? 2 : 1;
    if (end >= this.s.length) this.fail();
    try {
      const text = JSON.parse(this.s.slice(this.i, end + 1)) as string;
      this.i = end + 1;
      return text;
    } catch {
      return this.fail();
    }
  }

  private number(): NumberValue {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i));
    const value = match === null ? undefined : parseNumber(match[0]);
    if (match === null || value === undefined) this.fail();
    this.i += match[0].length;
    return value;
  }

  /** The next significant character, after white space and comments. */
  private peek(): string | undefined {
    this.skip();
    return this.s[this.i];
  }

  private skip(): void {
    for (;;) {
      while (this.i < this.s.length && " \t\r\n".includes(this.s[this.i] as string)) this.i++;
      if (this.s.startsWith("//", this.i)) {
        const end = this.s.indexOf("\n", this.i);
        this.i = end < 0 ? this.s.length : end + 1;
      } else if (this.s.startsWith("/*", this.i)) {
        const end = this.s.indexOf("*/", this.i + 2);
        if (end < 0) this.fail();
        this.i = end + 2;
      } else return;
    }
  }

  private fail(): never {
    throw new InvalidJson(`Invalid JSON at character ${this.i + 1}.`);
  }
}
