import { Tokenizer, type TokenizerCallbacks } from "htmlparser2";

/**
 * Reads any string as lenient markup into a small element tree, on htmlparser2's tokenizer.
 *
 * htmlparser2's own `Parser` keeps its open elements with `unshift`/`indexOf`, which is quadratic
 * on deep or unbalanced input (measured: 200k nested tags take seconds). Here the stack is an
 * array used at its end, a close tag looks at most `CLOSE_SEARCH` open elements back, and elements
 * deeper than `MAX_DEPTH` are made transparent (their content goes to the deepest kept element):
 * time stays linear in the input and the tree stays shallow enough to walk recursively.
 */
export interface MarkupElement {
  readonly name: string;
  readonly attrs: ReadonlyMap<string, string>;
  /** Replaced by an exact-size copy when the element closes (see `closeTop`). */
  children: MarkupNode[];
}

export type MarkupNode = MarkupElement | string;

export const MAX_DEPTH = 256;
const CLOSE_SEARCH = 32;

const VOID_ELEMENTS = new Set([
  "br",
  "hr",
  "img",
  "input",
  "meta",
  "link",
  "area",
  "base",
  "col",
  "embed",
  "source",
  "track",
  "wbr",
  "param",
]);

/** Opening one of these closes an open element of the listed names directly above it (HTML's rule). */
const IMPLIED_CLOSE: Record<string, readonly string[]> = {
  li: ["li"],
  tr: ["tr", "td", "th"],
  td: ["td", "th"],
  th: ["td", "th"],
  option: ["option"],
};

/**
 * Shared by every element without attributes (most of them): an empty Map per element is a few
 * hundred bytes that stay alive with the tree, which on megabyte messages is what the GC pays for.
 */
const NO_ATTRIBUTES: ReadonlyMap<string, string> = new Map();

interface OpenEntry {
  readonly name: string;
  readonly element: MarkupElement;
}

/**
 * Called when a child of the document (`parent` is the document) or a grandchild closes; what it
 * returns takes the element's place among its parent's children. The tree builder uses it to turn
 * the top-level content of a long message into blocks as soon as it is complete, so the markup
 * tree never holds the whole message (what stays alive until the end is what the GC copies).
 */
export type SettleTopLevel = (element: MarkupElement, parent: MarkupElement) => MarkupElement;

export function readMarkup(source: string, settle?: SettleTopLevel): MarkupElement {
  const reader = new MarkupReader(source, settle);
  const tokenizer = new Tokenizer({ xmlMode: false, decodeEntities: true }, reader);
  tokenizer.write(source);
  tokenizer.end();
  return reader.root;
}

class MarkupReader implements TokenizerCallbacks {
  readonly root: MarkupElement = { name: "#document", attrs: new Map(), children: [] };
  private readonly stack: OpenEntry[] = [{ name: "#document", element: this.root }];
  private tagName = "";
  private attrs: Map<string, string> | undefined;
  private attrName = "";
  private attrValue = "";

  constructor(
    private readonly source: string,
    private readonly settle: SettleTopLevel | undefined,
  ) {}

  private get top(): OpenEntry {
    return this.stack[this.stack.length - 1] as OpenEntry;
  }

  private appendText(text: string): void {
    const children = this.top.element.children;
    const last = children.length - 1;
    if (last >= 0 && typeof children[last] === "string") children[last] = (children[last] as string) + text;
    else children.push(text);
  }

  ontext(start: number, endIndex: number): void {
    this.appendText(this.source.slice(start, endIndex));
  }

  ontextentity(codepoint: number): void {
    this.appendText(String.fromCodePoint(codepoint));
  }

  oncdata(start: number, endIndex: number, endOffset: number): void {
    this.appendText(this.source.slice(start, endIndex - endOffset));
  }

  onopentagname(start: number, endIndex: number): void {
    this.tagName = this.source.slice(start, endIndex).toLowerCase();
    this.attrs = undefined;
  }

  onattribname(start: number, endIndex: number): void {
    this.attrName = this.source.slice(start, endIndex).toLowerCase();
    this.attrValue = "";
  }

  onattribdata(start: number, endIndex: number): void {
    this.attrValue += this.source.slice(start, endIndex);
  }

  onattribentity(codepoint: number): void {
    this.attrValue += String.fromCodePoint(codepoint);
  }

  onattribend(): void {
    if (!this.attrs) this.attrs = new Map();
    else if (this.attrs.has(this.attrName)) return;
    this.attrs.set(this.attrName, this.attrValue);
  }

  onopentagend(): void {
    this.openElement(VOID_ELEMENTS.has(this.tagName));
  }

  onselfclosingtag(): void {
    this.openElement(true);
  }

  private openElement(selfClosing: boolean): void {
    const name = this.tagName;
    this.closeImplied(name);
    if (this.stack.length > MAX_DEPTH) {
      // Too deep: keep the content, drop the wrapper, but remember it so its close tag matches.
      if (!selfClosing) this.stack.push({ name, element: this.top.element });
      return;
    }
    const element: MarkupElement = { name, attrs: this.attrs ?? NO_ATTRIBUTES, children: [] };
    this.top.element.children.push(element);
    if (!selfClosing) this.stack.push({ name, element });
  }

  private closeImplied(name: string): void {
    const closes = IMPLIED_CLOSE[name];
    if (closes === undefined) return;
    while (this.stack.length > 1 && closes.includes(this.top.name)) this.closeTop();
  }

  onclosetag(start: number, endIndex: number): void {
    const name = this.source.slice(start, endIndex).toLowerCase();
    const lowest = Math.max(1, this.stack.length - CLOSE_SEARCH);
    for (let i = this.stack.length - 1; i >= lowest; i--) {
      if ((this.stack[i] as OpenEntry).name === name) {
        while (this.stack.length > i) this.closeTop();
        return;
      }
    }
    // No matching open element nearby: an unbalanced close tag is ignored.
  }

  /**
   * Pop the innermost open element. Its children move to an exact-size array: a growing array
   * reserves 16 slots, which for the usual one or two children is most of what a large message's
   * markup tree keeps alive. (A too-deep entry shares its element with the one below: left alone.)
   */
  private closeTop(): void {
    const { element } = this.stack.pop() as OpenEntry;
    const parent = this.top.element;
    if (element === parent) return;
    const n = element.children.length;
    if (n > 0 && n < 16) element.children = element.children.slice();
    if (this.settle !== undefined && this.stack.length <= 2) {
      // The closing element is its parent's last child: nothing is added to a parent while a child is open.
      parent.children[parent.children.length - 1] = this.settle(element, parent);
    }
  }

  oncomment(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  onend(): void {}
}
