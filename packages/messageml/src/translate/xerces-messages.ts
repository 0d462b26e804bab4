/**
 * saxes error texts → the Xerces SAX texts the agent returns after `Invalid messageML: `.
 * The common faults map one to one; anything unmapped keeps saxes' own wording (documented in
 * the package README) so the caller still gets a clear message.
 */

export interface SaxesState {
  readonly input: string;
  lastClosed: string;
  depth: number;
  sawRoot: boolean;
  closedRoot: boolean;
}

export interface ErrorContext {
  attributeName: string;
  tagName: string;
  /** Offset just after the character saxes was looking at. */
  position: number;
}

/** `1:5: text data outside of root node.` → `text data outside of root node.` */
function bareMessage(message: string): string {
  const match = /^(?:[^:]*:)?\d+:\d+: ([\s\S]*)$/.exec(message);
  return match ? (match[1] as string) : message;
}

function outsideRoot(state: SaxesState): string {
  return state.closedRoot
    ? "The markup in the document following the root element must be well-formed."
    : "The markup in the document preceding the root element must be well-formed.";
}

function malformedMarkup(state: SaxesState): string {
  return state.depth > 0
    ? "The content of elements must consist of well-formed character data or markup."
    : outsideRoot(state);
}

function hex(code: number): string {
  return code.toString(16);
}

export function xercesMessage(saxesMessage: string, state: SaxesState, context: ErrorContext): string {
  const message = bareMessage(saxesMessage);
  const { tagName, attributeName } = context;
  switch (message) {
    case "text data outside of root node.":
      return state.closedRoot
        ? "Content is not allowed in trailing section."
        : "Content is not allowed in prolog.";
    case "document must contain a root element.":
      return "Premature end of file.";
    case "unexpected end.":
      return badReference(state) ?? "XML document structures must start and end within the same entity.";
    case "unexpected close tag.":
      return `The element type "${state.lastClosed}" must be terminated by the matching end-tag "</${state.lastClosed}>".`;
    case "undefined entity.":
      return `The entity "${firstUndefinedEntity(state.input)}" was referenced, but not declared.`;
    case "empty entity name.":
    case "disallowed character in entity name.":
      return "The entity name must immediately follow the '&' in the entity reference.";
    case "malformed character entity.":
      return `Character reference "&${firstInvalidCharacterReference(state.input)}" is an invalid XML character.`;
    case "unquoted attribute value.":
      return `Open quote is expected for attribute "${attributeName}" associated with an  element type  "${tagName}".`;
    case "attribute without value.":
      return `Attribute name "${attributeName}" associated with an element type "${tagName}" must be followed by the ' = ' character.`;
    case "documents may contain only one root.":
      return "The markup in the document following the root element must be well-formed.";
    case "inappropriately located doctype declaration.":
      return 'DOCTYPE is disallowed when the feature "http://apache.org/xml/features/disallow-doctype-decl" set to true.';
    case 'the string "]]>" is disallowed in char data.':
      return 'The character sequence "]]>" must not appear in content unless used to mark the end of a CDATA section.';
    case "disallowed character in tag name.":
    case "disallowed character in tag name":
    case "disallowed character in closing tag.":
    case "weird empty close tag.":
      return malformedMarkup(state);
    case "disallowed character in attribute name.":
      if (attributeName !== "") {
        return `Attribute name "${attributeName}" associated with an element type "${tagName}" must be followed by the ' = ' character.`;
      }
      return `Element type "${tagName}" must be followed by either attribute specifications, ">" or "/>".`;
    case "no whitespace between attributes.":
    case "forward-slash in opening tag not followed by >.":
      return `Element type "${tagName}" must be followed by either attribute specifications, ">" or "/>".`;
    case "malformed comment.":
      return 'The string "--" is not permitted within comments.';
    case "an XML declaration must be at the start of the document.":
    case "the XML declaration must appear at the start of the document.":
      return 'The processing instruction target matching "[xX][mM][lL]" is not allowed.';
    case "disallowed character.":
      return disallowedCharacter(state, context);
  }
  if (message.startsWith("unclosed tag: ")) {
    return badReference(state) ?? "XML document structures must start and end within the same entity.";
  }
  if (message.startsWith("unmatched closing tag: ")) return outsideRoot(state);
  if (message.startsWith("duplicate attribute: ")) {
    const name = message.slice("duplicate attribute: ".length, -1);
    return `Attribute "${name}" was already specified for element "${tagName}".`;
  }
  return message;
}

function disallowedCharacter(state: SaxesState, context: ErrorContext): string {
  const code = state.input.codePointAt(Math.max(0, context.position - 1)) ?? 0;
  if (code === 0x3c) {
    return `The value of attribute "${context.attributeName}" associated with an element type "${context.tagName}" must not contain the '<' character.`;
  }
  const where =
    state.depth > 0
      ? "element content"
      : state.closedRoot
        ? "markup after the end of the element content"
        : "prolog";
  return `An invalid XML character (Unicode: 0x${hex(code)}) was found in the ${where} of the document.`;
}

// saxes reads `&` up to the next `;`, so `Tom & Jerry` surfaces only at the end of the input; Xerces
// stops at the `&`. Find the first malformed reference to report what Xerces reports.
const BAD_REFERENCE = /&(?![A-Za-z_:][\w.:-]*;|#[0-9]+;|#x[0-9a-fA-F]+;)([A-Za-z_:][\w.:-]*)?/;

function badReference(state: SaxesState): string | undefined {
  const match = BAD_REFERENCE.exec(state.input);
  if (!match) return undefined;
  const name = match[1];
  return name === undefined
    ? "The entity name must immediately follow the '&' in the entity reference."
    : `The reference to entity "${name}" must end with the ';' delimiter.`;
}

// saxes names no entity in its message; the first offending reference in the input is the one it
// stopped at (it stops at the first error).
const PREDEFINED = new Set(["amp", "lt", "gt", "quot", "apos"]);

function firstUndefinedEntity(input: string): string {
  for (const match of input.matchAll(/&([^#;\s&<][^;\s&<]*);/g)) {
    const name = match[1] as string;
    if (!PREDEFINED.has(name)) return name;
  }
  return "";
}

function isXmlChar(c: number): boolean {
  return (
    c === 0x9 ||
    c === 0xa ||
    c === 0xd ||
    (c >= 0x20 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0x10ffff)
  );
}

function firstInvalidCharacterReference(input: string): string {
  for (const match of input.matchAll(/&(#x[0-9a-fA-F]+|#[0-9]+);/g)) {
    const ref = match[1] as string;
    const code = ref[1] === "x" ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    if (!isXmlChar(code)) return ref;
  }
  return "";
}
