/**
 * PresentationML output as the agent writes it (`XmlPrintStream` with no indentation): `< > & "`
 * escaped in text and attributes; JSON-valued attributes in single quotes with `'` escaped instead.
 */

const TEXT_ESCAPES = /[<>&"]/g;
const JSON_ESCAPES = /[<>&']/g;
const ENTITY: Record<string, string> = {
  "<": "&lt;",
  ">": "&gt;",
  "&": "&amp;",
  '"': "&quot;",
  "'": "&apos;",
};

const NEEDS_TEXT_ESCAPE = /[<>&"]/;

export function escapeXml(s: string): string {
  return NEEDS_TEXT_ESCAPE.test(s) ? s.replace(TEXT_ESCAPES, (c) => ENTITY[c] as string) : s;
}

function escapeJsonAttribute(s: string): string {
  return s.replace(JSON_ESCAPES, (c) => ENTITY[c] as string);
}

/** An attribute value the agent writes in single quotes (JSON). */
export class JsonValue {
  constructor(readonly json: string) {}
}

export type OutAttributes = Map<string, string | JsonValue>;

/**
 * Parts are joined into one flat string every `CHUNK_PARTS` parts: a long message otherwise keeps
 * every small piece (and a rope node per `+=`) alive until the end, and on megabyte inputs copying
 * that live set between GC generations costs more than the printing itself.
 */
const CHUNK_PARTS = 2048;

export class Printer {
  private parts: string[] = [];
  private readonly chunks: string[] = [];
  /** Runs of `\n` in text become one space, except under `pre` (and directly in code / textarea). */
  removeNewLines = true;
  private readonly open: string[] = [];

  /** The whole output so far, as one string. */
  get out(): string {
    this.flush();
    return this.chunks.length === 1 ? (this.chunks[0] as string) : this.chunks.join("");
  }

  private write(s: string): void {
    if (this.parts.push(s) >= CHUNK_PARTS) this.flush();
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    this.chunks.push(this.parts.join(""));
    this.parts = [];
  }

  private attributes(attributes: OutAttributes | undefined): void {
    if (!attributes) return;
    for (const [name, value] of attributes) {
      this.write(
        value instanceof JsonValue
          ? ` ${name}='${escapeJsonAttribute(value.json)}'`
          : ` ${name}="${escapeXml(value)}"`,
      );
    }
  }

  openElement(tag: string, attributes?: OutAttributes): void {
    this.write(`<${tag}`);
    this.attributes(attributes);
    this.write(">");
    this.open.push(tag);
  }

  closeElement(): void {
    this.write(`</${this.open.pop()}>`);
  }

  /** `<tag …/>`, or `<tag …>text</tag>` when `text` is given. */
  printElement(tag: string, attributes?: OutAttributes, text?: string): void {
    this.write(`<${tag}`);
    this.attributes(attributes);
    this.write(text === undefined ? "/>" : `>${escapeXml(text)}</${tag}>`);
  }

  text(s: string, keepNewLines: boolean): void {
    this.write(escapeXml(this.removeNewLines && !keepNewLines ? collapseNewLines(s) : s));
  }

  raw(s: string): void {
    this.write(s);
  }
}

export function collapseNewLines(s: string): string {
  return s.indexOf("\n") === -1 ? s : s.replace(/\n+/g, " ");
}
