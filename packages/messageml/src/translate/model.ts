/**
 * The agent's element tree: one node per MessageML element, typed by `kind` (the agent's Java class
 * name, which its error messages quote in lower case: `[orderedlist, bulletlist]`). Attributes keep
 * insertion order (a `Map`, like the agent's LinkedHashMap), and `set` on an existing key keeps its
 * place, as `put` does.
 */
export type Format = "MESSAGEML" | "PRESENTATIONML";

export type Kind =
  | "MessageML"
  | "Paragraph"
  | "LineBreak"
  | "HorizontalRule"
  | "Span"
  | "Div"
  | "Bold"
  | "Italic"
  | "Preformatted"
  | "Header"
  | "Subscript"
  | "Superscript"
  | "Link"
  | "Image"
  | "BulletList"
  | "OrderedList"
  | "ListItem"
  | "Table"
  | "TableHeader"
  | "TableBody"
  | "TableFooter"
  | "TableRow"
  | "TableHeaderCell"
  | "TableCell"
  | "Code"
  | "Chime"
  | "HashTag"
  | "CashTag"
  | "Mention"
  | "Emoji"
  | "DateTime"
  | "Tag"
  | "Card"
  | "CardHeader"
  | "CardBody"
  | "ExpandableCard"
  | "ExpandableCardHeader"
  | "ExpandableCardBody"
  | "Form"
  | "Button"
  | "TextField"
  | "TextArea"
  | "RichTextArea"
  | "Checkbox"
  | "Radio"
  | "Select"
  | "Option"
  | "PersonSelector"
  | "RoomSelector"
  | "DateSelector"
  | "DatePicker"
  | "TimePicker"
  | "TimezonePicker"
  | "UIAction"
  | "Dialog"
  | "DialogTitle"
  | "DialogBody"
  | "DialogFooter";

export interface TextNode {
  readonly kind: "TextNode";
  readonly parent: Element;
  text: string;
}

export interface ResolvedUser {
  id: string;
  displayName: string;
  email?: string;
}

export class Element {
  /** Made on first use: most elements have no attributes, and an empty Map each stays alive with the tree. */
  private attributes: Map<string, string> | undefined = undefined;
  /** Replaced by an exact-size copy when the element is complete (see `compactChildren`). */
  children: MNode[] = [];
  // Entity, root and dialog state: declared only (no slot until set), since few elements use it and
  // fourteen always-present fields were a fifth of what a large message's tree keeps alive.
  // Entity state (mention, hash, cash, emoji, dateTime, tag).
  declare entityId: string | undefined;
  /** PresentationML tag of an entity (`span` when unset, `div` when it came from a div). */
  declare entityTag: string | undefined;
  declare tagValue: string | undefined;
  declare uid: string | undefined;
  declare email: string | undefined;
  declare fallback: boolean | undefined;
  declare user: ResolvedUser | undefined;
  declare shortcode: string | undefined;
  declare family: string | undefined;
  declare size: string | undefined;
  // Root state.
  declare version: string | undefined;
  declare chime: boolean | undefined;
  declare beta: boolean | undefined;
  /** Dialog: its generated PresentationML id, made once. */
  declare presentationId: string | undefined;

  constructor(
    readonly kind: Kind,
    /** The MessageML tag the agent names in its messages. */
    readonly tag: string,
    readonly parent: Element | null,
    readonly format: Format,
  ) {}

  /** The attributes, in insertion order (the Map is made on first use). */
  get attrs(): Map<string, string> {
    if (this.attributes === undefined) this.attributes = new Map();
    return this.attributes;
  }

  /** The attributes if any were set, without making a Map for an element that has none. */
  get attrsIfAny(): Map<string, string> | undefined {
    return this.attributes;
  }

  /**
   * Once complete, keep the children in an exact-size array: a growing array reserves room for
   * 16, which for the usual one or two children is most of what a large message keeps alive.
   */
  compactChildren(): void {
    if (this.children.length > 0 && this.children.length < 16) this.children = this.children.slice();
  }
}

export type MNode = Element | TextNode;

export function isText(node: MNode): node is TextNode {
  return node.kind === "TextNode";
}

export function isBlank(s: string | undefined): boolean {
  return s === undefined || s.trim() === "";
}

/** The lower-cased Java class name the agent prints in lists of element types. */
export function className(kind: Kind | "TextNode"): string {
  switch (kind) {
    case "TextNode":
      return "text content";
    case "DialogTitle":
      return "title";
    case "DialogBody":
      return "body";
    case "DialogFooter":
      return "footer";
    default:
      return kind.toLowerCase();
  }
}

export function hasAncestor(element: Element, kinds: readonly Kind[]): boolean {
  for (let p = element.parent; p; p = p.parent) if (kinds.includes(p.kind)) return true;
  return false;
}

/** Depth-first, the element itself first, like the agent's `findElements` (the tree is at most 1000 deep). */
export function findElements(root: Element, match: (e: Element) => boolean): Element[] {
  const result: Element[] = [];
  collectElements(root, match, result);
  return result;
}

function collectElements(el: Element, match: (e: Element) => boolean, result: Element[]): void {
  if (match(el)) result.push(el);
  for (const child of el.children) if (!isText(child)) collectElements(child, match, result);
}

/** Text of an element and its descendants. */
export function textContent(node: MNode): string {
  if (isText(node)) return node.text;
  let s = "";
  for (const c of node.children) s += textContent(c);
  return s;
}
