/**
 * Command patterns, parsed once at registration: literals and typed variables.
 *
 * `"delete {items:number...}"` → [literal "delete", variable items (number, one or more)].
 * Literals compare case-insensitively; a leading "/" on the first literal is optional, both in
 * the pattern and in the message. The whole message must match: no prefix matching.
 */
import { ErrorCode, SprigError } from "../errors/errors.ts";
import type { VariableKind } from "./pattern-types.ts";

export type Arity = "one" | "optional" | "many" | "any";

export interface LiteralElement {
  readonly type: "literal";
  /** Lower case, without a leading "/". */
  readonly text: string;
}
export interface VariableElement {
  readonly type: "variable";
  readonly name: string;
  readonly kind: VariableKind;
  readonly arity: Arity;
}
export type PatternElement = LiteralElement | VariableElement;

export interface Pattern {
  readonly source: string;
  readonly elements: readonly PatternElement[];
  readonly variables: readonly VariableElement[];
}

const KINDS: ReadonlySet<string> = new Set<VariableKind>(["word", "number", "mention", "hashtag", "cashtag"]);
const VARIABLE = /^\{([A-Za-z_][A-Za-z0-9_]*)(?::([a-z]+))?(\.\.\.)?(\?)?\}$/;

function invalid(source: string, why: string): SprigError {
  return new SprigError(ErrorCode.InvalidPattern, `Command pattern "${source}" is invalid: ${why}`);
}

export function parsePattern(source: string): Pattern {
  const parts = source.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) throw invalid(source, 'it is empty; start it with a command word, e.g. "new".');
  const elements: PatternElement[] = [];
  const names = new Set<string>();
  parts.forEach((part, index) => {
    const element = part.startsWith("{") ? parseVariable(source, part) : parseLiteral(source, part, index);
    if (element.type === "variable") {
      if (names.has(element.name)) throw invalid(source, `variable "${element.name}" appears twice.`);
      names.add(element.name);
    }
    elements.push(element);
  });
  if (elements[0]?.type !== "literal") {
    throw invalid(source, 'it must start with a command word, e.g. "delete {items...}".');
  }
  const variables = elements.filter((e): e is VariableElement => e.type === "variable");
  return Object.freeze({ source, elements: Object.freeze(elements), variables: Object.freeze(variables) });
}

function parseLiteral(source: string, part: string, index: number): LiteralElement {
  const text = (index === 0 ? part.replace(/^\//, "") : part).toLowerCase();
  if (text === "" || /[{}]/.test(text))
    throw invalid(source, `"${part}" is neither a word nor a {variable}.`);
  return { type: "literal", text };
}

function parseVariable(source: string, part: string): VariableElement {
  const match = VARIABLE.exec(part);
  if (!match) {
    throw invalid(source, `"${part}" is not a variable; write {name}, {name?}, {name...} or {name:number}.`);
  }
  const [, name, kind = "word", many, optional] = match;
  if (!KINDS.has(kind)) {
    throw invalid(source, `"${kind}" is not a variable kind; use one of ${[...KINDS].join(", ")}.`);
  }
  const arity: Arity = many ? (optional ? "any" : "many") : optional ? "optional" : "one";
  return { type: "variable", name: name!, kind: kind as VariableKind, arity };
}

/**
 * Specificity, compared lexicographically (higher wins): literal words, then typed variables
 * (anything but a bare word), then fewer open-ended variables. Ties go to the earlier registration.
 */
export function specificityOf(pattern: Pattern): readonly number[] {
  let literals = 0;
  let typed = 0;
  let open = 0;
  for (const element of pattern.elements) {
    if (element.type === "literal") literals++;
    else {
      if (element.kind !== "word") typed++;
      if (element.arity !== "one") open++;
    }
  }
  return [literals, typed, -open];
}

/** Same variable names, kinds and arities: what aliases of one command must share. */
export function sameVariables(a: Pattern, b: Pattern): boolean {
  const key = (p: Pattern) =>
    p.variables
      .map((v) => `${v.name}:${v.kind}:${v.arity}`)
      .sort()
      .join(",");
  return key(a) === key(b);
}
