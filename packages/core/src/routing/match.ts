/**
 * Matching a message's inline tokens against a parsed pattern. The whole message must be
 * consumed; open-ended variables are greedy and give tokens back when a later element needs them.
 */
import type { Inline } from "../content/content.ts";
import type { Pattern, PatternElement, VariableElement } from "./pattern.ts";

/** The command word a message starts with, lower case and without "/", for indexing. */
export function leadingWord(tokens: readonly Inline[]): string | undefined {
  const first = tokens[0];
  if (first?.kind !== "word") return undefined;
  return stripSlash(first.text).toLowerCase();
}

function stripSlash(text: string): string {
  return text.charCodeAt(0) === 47 /* "/" */ ? text.slice(1) : text;
}

const NUMBER = /^[-+]?(?:\d+(?:\.\d+)?|\.\d+)$/;

/** The value a token gives a variable of this kind, or `undefined` if it does not fit. */
function capture(token: Inline, variable: VariableElement): unknown {
  switch (variable.kind) {
    case "word":
      return token.kind === "word" ? token.text : undefined;
    case "number":
      return token.kind === "word" && NUMBER.test(token.text) ? Number(token.text) : undefined;
    case "mention":
      return token.kind === "mention" ? token.user : undefined;
    case "hashtag":
      return token.kind === "hashtag" ? token.tag : undefined;
    case "cashtag":
      return token.kind === "cashtag" ? token.tag : undefined;
  }
}

function literalMatches(token: Inline | undefined, text: string, first: boolean): boolean {
  if (token?.kind !== "word") return false;
  const word = first ? stripSlash(token.text) : token.text;
  return word.length === text.length && word.toLowerCase() === text;
}

/**
 * Match tokens against a pattern. Returns the variables by name, or `undefined` when the
 * message does not match the pattern exactly.
 */
export function matchPattern(
  pattern: Pattern,
  tokens: readonly Inline[],
): Record<string, unknown> | undefined {
  const values: unknown[] = new Array(pattern.elements.length);
  if (!matchFrom(pattern.elements, 0, tokens, 0, values)) return undefined;
  const vars: Record<string, unknown> = {};
  pattern.elements.forEach((element, i) => {
    if (element.type === "variable" && values[i] !== undefined) vars[element.name] = values[i];
    else if (element.type === "variable" && (element.arity === "many" || element.arity === "any")) {
      vars[element.name] = [];
    }
  });
  return vars;
}

function matchFrom(
  elements: readonly PatternElement[],
  e: number,
  tokens: readonly Inline[],
  t: number,
  values: unknown[],
): boolean {
  if (e === elements.length) return t === tokens.length;
  const element = elements[e]!;
  if (element.type === "literal") {
    return (
      literalMatches(tokens[t], element.text, e === 0) && matchFrom(elements, e + 1, tokens, t + 1, values)
    );
  }
  if (element.arity === "one" || element.arity === "optional") {
    const token = tokens[t];
    const value = token === undefined ? undefined : capture(token, element);
    if (value !== undefined && matchFrom(elements, e + 1, tokens, t + 1, values)) {
      values[e] = value;
      return true;
    }
    values[e] = undefined;
    return element.arity === "optional" && matchFrom(elements, e + 1, tokens, t, values);
  }
  // Open-ended: take as many fitting tokens as possible, then give back one at a time.
  const taken: unknown[] = [];
  for (let i = t; i < tokens.length; i++) {
    const value = capture(tokens[i]!, element);
    if (value === undefined) break;
    taken.push(value);
  }
  const least = element.arity === "many" ? 1 : 0;
  for (let n = taken.length; n >= least; n--) {
    if (matchFrom(elements, e + 1, tokens, t + n, values)) {
      values[e] = taken.slice(0, n);
      return true;
    }
  }
  return false;
}
