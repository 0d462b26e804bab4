/**
 * Strict XML → a light DOM, with Xerces' error texts. The agent parses with Xerces (DOCTYPE
 * forbidden, only the five XML entities and character references known) and reports
 * `Invalid messageML: <SAX message>`; saxes finds the same faults, and `xerces-messages.ts` rewords
 * them. Comments, CDATA and processing instructions inside the root are kept as nodes because the
 * agent rejects them only when it builds the tree (`Invalid element "#comment"`), after the whole
 * document parsed.
 */
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { MessageMLError } from "../errors.ts";
import { type SaxesState, xercesMessage } from "./xerces-messages.ts";

export interface XmlElement {
  readonly type: "element";
  readonly name: string;
  /** Attributes in document order (the agent's output order follows it). */
  attributes: [string, string][];
  children: XmlNode[];
}

export interface XmlText {
  readonly type: "text";
  text: string;
}

/** A node the agent refuses: `#comment`, `#cdata-section`, or a processing instruction (its target). */
export interface XmlOther {
  readonly type: "other";
  readonly nodeName: string;
}

export type XmlNode = XmlElement | XmlText | XmlOther;

/**
 * Deepest element nesting accepted. Xerces has no such limit (the agent's recursive tree building
 * fails far beyond any real message); sprig refuses clearly instead of exhausting the stack.
 */
export const MAX_DEPTH = 1000;

/** What the parser's private state holds at an error; read only to reword the message. */
interface SaxesInternals {
  name: string;
  tag: { name: string } | undefined;
}

/**
 * Receives the document as it is read, in document order. `open` gets the element with its
 * attributes and no children yet; `other` is a node the agent refuses (see `XmlOther`). Text and
 * nodes outside the root are not passed on (saxes reports anything there but white space).
 */
export interface XmlSink {
  open(element: XmlElement): void;
  close(): void;
  text(text: string): void;
  other(nodeName: string): void;
}

/** Read a whole document into `sink`; throws `MessageMLError` (INVALID_XML) with the agent's text. */
export function readXml(input: string, sink: XmlSink): void {
  // A new parser per read on purpose: one kept between reads (handlers bound once, reset by close())
  // made a short message's parse ~50% slower (2.2 → 3.5 µs), presumably because the long-lived parser
  // sits in the old generation and every young string or tag it stores pays a write barrier.
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  const internals = parser as unknown as SaxesInternals;
  const state: SaxesState = { input, lastClosed: "", depth: 0, sawRoot: false, closedRoot: false };
  /** Names of the open elements (the error texts quote the innermost). */
  const open: string[] = [];

  const fail = (message: string): never => {
    throw new MessageMLError("INVALID_XML", `Invalid messageML: ${message}`);
  };

  parser.on("error", (err) => {
    fail(
      xercesMessage(err.message, state, {
        attributeName: internals.name,
        tagName: internals.tag?.name ?? open[open.length - 1] ?? "",
        position: parser.position,
      }),
    );
  });
  parser.on("doctype", () => {
    fail(
      'DOCTYPE is disallowed when the feature "http://apache.org/xml/features/disallow-doctype-decl" set to true.',
    );
  });
  parser.on("opentag", (tag: SaxesTagPlain) => {
    const attributes: [string, string][] = [];
    for (const name in tag.attributes) attributes.push([name, tag.attributes[name] as string]);
    state.sawRoot = true;
    open.push(tag.name);
    state.depth = open.length;
    if (open.length > MAX_DEPTH) fail(`The element nesting is deeper than ${MAX_DEPTH} levels.`);
    sink.open({ type: "element", name: tag.name, attributes, children: [] });
  });
  parser.on("closetag", (tag) => {
    state.lastClosed = tag.name;
    open.pop();
    state.depth = open.length;
    if (open.length === 0) state.closedRoot = true;
    sink.close();
  });
  parser.on("text", (text) => {
    if (open.length > 0) sink.text(text); // outside the root only white space gets here
  });
  // Registering these handlers slows saxes down several times, so only when the markup can occur.
  if (input.includes("<!--")) {
    parser.on("comment", () => {
      if (open.length > 0) sink.other("#comment");
    });
  }
  if (input.includes("<![")) {
    parser.on("cdata", () => {
      if (open.length > 0) sink.other("#cdata-section");
    });
  }
  if (input.includes("<?")) {
    parser.on("processinginstruction", (pi) => {
      if (open.length > 0) sink.other(pi.target);
    });
  }

  parser.write(input).close();
  if (!state.sawRoot) fail("Premature end of file.");
}

/** Builds the light DOM of what it receives (adjacent text merged into one node). */
export class DomBuilder implements XmlSink {
  root: XmlElement | undefined;
  private readonly stack: XmlElement[] = [];

  open(element: XmlElement): void {
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.children.push(element);
    else this.root = element;
    this.stack.push(element);
  }

  close(): void {
    this.stack.pop();
  }

  text(text: string): void {
    const parent = this.stack[this.stack.length - 1];
    if (!parent) return;
    const last = parent.children[parent.children.length - 1];
    if (last?.type === "text") last.text += text;
    else parent.children.push({ type: "text", text });
  }

  other(nodeName: string): void {
    this.stack[this.stack.length - 1]?.children.push({ type: "other", nodeName });
  }

  /** Whether the element `open` was given first has been closed. */
  get done(): boolean {
    return this.stack.length === 0;
  }
}

/** Parse a whole document into a light DOM; throws `MessageMLError` (INVALID_XML) with the agent's text. */
export function parseXml(input: string): XmlElement {
  const dom = new DomBuilder();
  readXml(input, dom);
  return dom.root as XmlElement;
}
