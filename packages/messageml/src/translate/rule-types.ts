/** What each element kind defines: its attributes, validation, output and entity JSON. */
import type { Element, Format, ResolvedUser } from "./model.ts";
import type { OutAttributes, Printer } from "./printer.ts";
import type { XmlElement, XmlNode } from "./xml-tree.ts";

export type UserQuery = { uid?: string; email?: string };
export type UserLookup = (q: UserQuery) => ResolvedUser | undefined;

/** Label / tooltip parts of a PresentationML form element, collected before the element itself. */
export interface SplittableData {
  label?: string;
  title?: string;
}

export interface BuildContext {
  readonly format: Format;
  readonly entityJson: Record<string, unknown>;
  readonly userLookup: UserLookup | undefined;
  readonly uriSchemes: ReadonlySet<string>;
  readonly splittables: Map<string, SplittableData>;
  shortId(): string;
  /** Build a DOM child into `parent` (text, element, or the agent's error for comments). */
  buildNode(parent: Element, node: XmlNode): void;
  /** Default attribute pass over `x` using the element's rules. */
  buildAttributes(el: Element, x: XmlElement): void;
}

export interface PrintContext {
  readonly out: Printer;
  printChildren(el: Element): void;
  shortId(): string;
}

export interface ElementRules {
  /** `buildAttribute`: store or reject one attribute. */
  attribute(el: Element, name: string, value: string, ctx: BuildContext): void;
  /** Replaces "attributes, then children" for elements the agent builds specially. */
  buildAll?(el: Element, x: XmlElement, ctx: BuildContext): void;
  /** `validate()`, run when the element's subtree is complete. */
  validate(el: Element, ctx: BuildContext): void;
  print(el: Element, ctx: PrintContext): void;
  /** `asEntityJson`: the object its descendants' entities go into, if it has one. */
  entityJson?(el: Element, parent: Record<string, unknown>): Record<string, unknown> | undefined;
}

export type { OutAttributes };
