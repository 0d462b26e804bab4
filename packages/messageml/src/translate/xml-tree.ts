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

/** Parse a whole document; throws `MessageMLError` (INVALID_XML) with the agent's text. */
export function parseXml(input: string): XmlElement {
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  const internals = parser as unknown as SaxesInternals;
  const state: SaxesState = { input, lastClosed: "", depth: 0, sawRoot: false, closedRoot: false };

  let root: XmlElement | undefined;
  const stack: XmlElement[] = [];

  const fail = (message: string): never => {
    throw new MessageMLError("INVALID_XML", `Invalid messageML: ${message}`);
  };

  parser.on("error", (err) => {
    fail(
      xercesMessage(err.message, state, {
        attributeName: internals.name,
        tagName: internals.tag?.name ?? stack[stack.length - 1]?.name ?? "",
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
    const element: XmlElement = { type: "element", name: tag.name, attributes, children: [] };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
    state.sawRoot = true;
    stack.push(element);
    state.depth = stack.length;
    if (stack.length > MAX_DEPTH) fail(`The element nesting is deeper than ${MAX_DEPTH} levels.`);
  });
  parser.on("closetag", (tag) => {
    state.lastClosed = tag.name;
    stack.pop();
    state.depth = stack.length;
    if (stack.length === 0) state.closedRoot = true;
  });
  parser.on("text", (text) => {
    const parent = stack[stack.length - 1];
    if (!parent) return; // whitespace around the root; saxes reports anything else
    const last = parent.children[parent.children.length - 1];
    if (last?.type === "text") last.text += text;
    else parent.children.push({ type: "text", text });
  });
  // Registering these handlers slows saxes down several times, so only when the markup can occur.
  if (input.includes("<!--")) {
    parser.on("comment", () => {
      stack[stack.length - 1]?.children.push({ type: "other", nodeName: "#comment" });
    });
  }
  if (input.includes("<![")) {
    parser.on("cdata", () => {
      stack[stack.length - 1]?.children.push({ type: "other", nodeName: "#cdata-section" });
    });
  }
  if (input.includes("<?")) {
    parser.on("processinginstruction", (pi) => {
      stack[stack.length - 1]?.children.push({ type: "other", nodeName: pi.target });
    });
  }

  parser.write(input).close();
  if (!root) fail("Premature end of file.");
  return root as XmlElement;
}
