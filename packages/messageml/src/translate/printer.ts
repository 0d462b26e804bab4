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

export class Printer {
  out = "";
  /** Runs of `\n` in text become one space, except under `pre` (and directly in code / textarea). */
  removeNewLines = true;
  private readonly open: string[] = [];

  private attributes(attributes: OutAttributes | undefined): void {
    if (!attributes) return;
    for (const [name, value] of attributes) {
      this.out +=
        value instanceof JsonValue
          ? ` ${name}='${escapeJsonAttribute(value.json)}'`
          : ` ${name}="${escapeXml(value)}"`;
    }
  }

  openElement(tag: string, attributes?: OutAttributes): void {
    this.out += `<${tag}`;
    this.attributes(attributes);
    this.out += ">";
    this.open.push(tag);
  }

  closeElement(): void {
    this.out += `</${this.open.pop()}>`;
  }

  /** `<tag …/>`, or `<tag …>text</tag>` when `text` is given. */
  printElement(tag: string, attributes?: OutAttributes, text?: string): void {
    this.out += `<${tag}`;
    this.attributes(attributes);
    this.out += text === undefined ? "/>" : `>${escapeXml(text)}</${tag}>`;
  }

  text(s: string, keepNewLines: boolean): void {
    this.out += escapeXml(this.removeNewLines && !keepNewLines ? collapseNewLines(s) : s);
  }

  raw(s: string): void {
    this.out += s;
  }
}

export function collapseNewLines(s: string): string {
  return s.indexOf("\n") === -1 ? s : s.replace(/\n+/g, " ");
}
