/**
 * Strict XML straight into the agent's element tree, in one pass and without a DOM of the whole
 * message: each element is created and given its attributes when its start tag is read, and
 * validated and attached when its end tag is read — the order `ElementTreeBuilder` follows on a DOM.
 * Only subtrees whose building needs their content first (labels, dropped PresentationML parts,
 * elements with their own `buildAll`) are read into a small DOM and built at their end tag.
 *
 * On a megabyte message a whole-message DOM is tens of megabytes that stay alive until the tree
 * is built; here it never exists, so time stays proportional to the input.
 *
 * The agent parses the whole document first, then checks every data-entity-id, then the root tag,
 * then builds. The same errors win here: XML errors stop the read at once; an entity-id error
 * found anywhere wins over a root-tag or build error found earlier, which are held until the end.
 */
import { type BuildOptions, ElementTreeBuilder } from "./build.ts";
import { RULES } from "./elements/index.ts";
import { checkEntityIds } from "./entity-ids.ts";
import { addElementEntries } from "./entity-json.ts";
import { invalid } from "./invalid.ts";
import { type Element, type Format, isText, type Kind, type MNode, type TextNode } from "./model.ts";
import { EarlyPrinter, PRINTED_EARLY } from "./print.ts";
import { DomBuilder, readXml, type XmlElement, type XmlSink } from "./xml-tree.ts";

export interface StreamBuildOptions extends BuildOptions {
  /** Whether the message can hold a data-entity-id at all (skips the per-element check if not). */
  checkEntityIds: boolean;
  /** Print top-level nodes as they complete (worth it on long messages only; see `PRINTABLE_EARLY`). */
  printEarly: boolean;
}

export interface StreamBuildResult {
  root: Element;
  builder: ElementTreeBuilder;
  /** Output of the top-level nodes already printed (see `PRINTED_EARLY`), for `printPresentationML`. */
  early: string;
}

/**
 * Kinds whose printing and entity JSON depend only on their own subtree, and that no message-level
 * check looks at (not chime, tag, forms, dialogs, ui-actions): a top-level run of these is printed
 * as soon as it is complete and then let go, so a long message never holds its whole tree.
 */
const PRINTABLE_EARLY = new Set<Kind>([
  "Paragraph",
  "LineBreak",
  "HorizontalRule",
  "Span",
  "Div",
  "Bold",
  "Italic",
  "Preformatted",
  "Header",
  "Subscript",
  "Superscript",
  "Link",
  "Image",
  "BulletList",
  "OrderedList",
  "ListItem",
  "Table",
  "TableHeader",
  "TableBody",
  "TableFooter",
  "TableRow",
  "TableHeaderCell",
  "TableCell",
  "Code",
  "HashTag",
  "CashTag",
  "Mention",
  "Emoji",
  "Card",
  "CardHeader",
  "CardBody",
  "ExpandableCard",
  "ExpandableCardHeader",
  "ExpandableCardBody",
]);

function printableEarly(el: Element): boolean {
  if (!PRINTABLE_EARLY.has(el.kind)) return false;
  for (const child of el.children) if (!isText(child) && !printableEarly(child)) return false;
  return true;
}

/** A subtree read into a DOM, built by `finish` when its end tag is read. */
interface Capture {
  readonly dom: DomBuilder;
  readonly finish: (x: XmlElement) => void;
}

export function buildFromXml(message: string, options: StreamBuildOptions): StreamBuildResult {
  const sink = new StreamingBuilder(options);
  readXml(message, sink);
  return sink.result();
}

class StreamingBuilder implements XmlSink {
  private builder: ElementTreeBuilder | undefined;
  private root: Element | undefined;
  /** Open elements being built, innermost last. */
  private readonly building: Element[] = [];
  private capture: Capture | undefined;
  /** The text node the previous event made, so adjacent text stays one node (as in a DOM). */
  private lastText: TextNode | undefined;
  private entityIds: boolean;
  private entityError: unknown;
  private buildError: unknown;
  private stopped = false;
  /** Prints the top-level prefix of printable-early nodes; undefined once a node is not one. */
  private early: EarlyPrinter | undefined;
  /** Index in the root's children of the first node not printed early yet. */
  private earlyFrom = 0;

  constructor(private readonly options: StreamBuildOptions) {
    this.entityIds = options.checkEntityIds;
    this.early = options.printEarly ? new EarlyPrinter(options.shortId) : undefined;
  }

  result(): StreamBuildResult {
    if (this.entityError !== undefined) throw this.entityError;
    if (this.buildError !== undefined) throw this.buildError;
    return {
      root: this.root as Element,
      builder: this.builder as ElementTreeBuilder,
      early: this.early?.output ?? this.earlyOutput,
    };
  }

  private earlyOutput = "";

  /**
   * Print the root's new children if they all qualify, replacing each by `PRINTED_EARLY` and adding
   * its entity JSON entries now (document order is kept: only a prefix is ever printed early). At
   * the first child that does not qualify, early printing stops for the rest of the message.
   */
  private printEarly(root: Element): void {
    const early = this.early as EarlyPrinter;
    const children = root.children;
    for (let i = this.earlyFrom; i < children.length; i++) {
      const node = children[i] as MNode;
      if (!isText(node) && !printableEarly(node)) {
        this.earlyOutput = early.output;
        this.early = undefined;
        return;
      }
    }
    for (let i = this.earlyFrom; i < children.length; i++) {
      const node = children[i] as MNode;
      early.print(node);
      if (!isText(node)) addElementEntries(node, this.options.entityJson);
      children[i] = PRINTED_EARLY;
    }
    this.earlyFrom = children.length;
  }

  open(x: XmlElement): void {
    if (this.entityIds) this.checkEntityIds(x);
    if (this.stopped) return;
    this.lastText = undefined;
    try {
      if (this.capture) this.capture.dom.open(x);
      else if (!this.root) this.openRoot(x);
      else this.openChild(x, this.building[this.building.length - 1] as Element);
    } catch (e) {
      this.stop(e);
    }
  }

  close(): void {
    if (this.stopped) return;
    this.lastText = undefined;
    try {
      const capture = this.capture;
      if (capture) {
        capture.dom.close();
        if (!capture.dom.done) return;
        this.capture = undefined;
        capture.finish(capture.dom.root as XmlElement);
        if (this.early && this.building.length === 1) this.printEarly(this.root as Element);
        return;
      }
      const element = this.building.pop() as Element;
      const parent = this.building[this.building.length - 1];
      // The root is validated after the whole tree, with the message-level checks.
      if (parent) (this.builder as ElementTreeBuilder).closeElement(parent, element);
      if (this.early && parent === this.root) this.printEarly(parent as Element);
    } catch (e) {
      this.stop(e);
    }
  }

  text(text: string): void {
    if (this.stopped) return;
    if (this.capture) {
      this.capture.dom.text(text);
      return;
    }
    if (this.lastText) {
      this.lastText.text += text;
      return;
    }
    const parent = this.building[this.building.length - 1] as Element;
    const node: TextNode = { kind: "TextNode", parent, text };
    parent.children.push(node);
    this.lastText = node;
  }

  other(nodeName: string): void {
    if (this.stopped) return;
    this.lastText = undefined;
    try {
      if (this.capture) this.capture.dom.other(nodeName);
      else
        (this.builder as ElementTreeBuilder).buildNode(this.building[this.building.length - 1] as Element, {
          type: "other",
          nodeName,
        });
    } catch (e) {
      this.stop(e);
    }
  }

  private checkEntityIds(x: XmlElement): void {
    try {
      checkEntityIds(x, this.options.entityIndex);
    } catch (e) {
      this.entityError = e;
      this.entityIds = false;
      this.stopped = true;
    }
  }

  private stop(error: unknown): void {
    this.buildError = error;
    this.stopped = true;
  }

  private openRoot(x: XmlElement): void {
    let format: Format;
    if (x.name === "messageML") format = "MESSAGEML";
    else if (x.name === "div") format = "PRESENTATIONML";
    else invalid("Root tag must be <messageML> or <div>");
    const builder = new ElementTreeBuilder(this.options, format);
    const root = builder.createRoot();
    this.builder = builder;
    this.root = root;
    if (RULES[root.kind].buildAll) this.startCapture(x, (full) => builder.buildAll(root, full));
    else builder.buildAttributes(root, x);
    this.building.push(root);
  }

  private openChild(x: XmlElement, parent: Element): void {
    const builder = this.builder as ElementTreeBuilder;
    // A label's element is made from its text, so all of it is read first.
    if (x.name === "label") {
      this.startCapture(x, (full) => builder.buildNode(parent, full));
      return;
    }
    const child = builder.openElement(x, parent);
    if (!child) {
      this.startCapture(x, (full) => builder.buildDropped(parent, full));
    } else if (RULES[child.kind].buildAll) {
      this.startCapture(x, (full) => {
        builder.buildAll(child, full);
        builder.closeElement(parent, child);
      });
    } else {
      builder.buildAttributes(child, x);
      this.building.push(child);
    }
  }

  private startCapture(x: XmlElement, finish: (x: XmlElement) => void): void {
    const dom = new DomBuilder();
    dom.open(x);
    this.capture = { dom, finish };
  }
}
