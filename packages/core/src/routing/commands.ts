/**
 * The command registry: patterns (with aliases) → one handler. For a message, the candidates are
 * the commands whose first word it starts with; the most specific full match wins
 * (see `specificityOf`), ties to the earliest registration.
 */

import type { Restrictions } from "../access/restrictions.ts";
import type { Inline } from "../content/content.ts";
import { ErrorCode, SprigError } from "../errors/errors.ts";
import { leadingWord, matchPattern } from "./match.ts";
import type { Pattern } from "./pattern.ts";
import { parsePattern, sameVariables, specificityOf } from "./pattern.ts";

export interface CommandOptions extends Restrictions {
  /** Other patterns for the same command (synonyms, translations); same variables required. */
  readonly aliases?: readonly string[];
  /** One line for the help page. */
  readonly description?: string;
  /** Leave it off the help page. */
  readonly hidden?: boolean;
  /** Position on the help page (lower first); commands without one follow in registration order. */
  readonly order?: number;
}

export interface CommandEntry<H = unknown> {
  readonly index: number;
  readonly pattern: Pattern;
  readonly aliases: readonly Pattern[];
  readonly options: CommandOptions;
  readonly handler: H;
}

export interface CommandMatch<H = unknown> {
  readonly command: CommandEntry<H>;
  readonly vars: Record<string, unknown>;
}

interface Candidate<H> {
  readonly command: CommandEntry<H>;
  readonly pattern: Pattern;
  readonly specificity: readonly number[];
}

export class CommandRegistry<H = unknown> {
  readonly #commands: CommandEntry<H>[] = [];
  readonly #byWord = new Map<string, Candidate<H>[]>();
  readonly #shapes = new Map<string, string>();

  add(source: string, options: CommandOptions, handler: H): CommandEntry<H> {
    const pattern = parsePattern(source);
    const aliases = (options.aliases ?? []).map(parsePattern);
    for (const alias of aliases) {
      if (!sameVariables(pattern, alias)) {
        throw new SprigError(
          ErrorCode.InvalidRegistration,
          `Alias "${alias.source}" of command "${source}" must declare the same variables as the command.`,
        );
      }
    }
    const command: CommandEntry<H> = { index: this.#commands.length, pattern, aliases, options, handler };
    for (const p of [pattern, ...aliases]) this.#index(command, p);
    this.#commands.push(command);
    return command;
  }

  /** Remove a command (e.g. the built-in help when the author registers their own). */
  remove(command: CommandEntry<H>): void {
    const at = this.#commands.indexOf(command);
    if (at < 0) return;
    this.#commands.splice(at, 1);
    for (const [word, list] of this.#byWord) {
      this.#byWord.set(
        word,
        list.filter((c) => c.command !== command),
      );
    }
    for (const [shape, owner] of this.#shapes)
      if (owner === command.pattern.source) this.#shapes.delete(shape);
  }

  #index(command: CommandEntry<H>, pattern: Pattern): void {
    // Two patterns of the same shape would match the same messages with equal specificity.
    const shape = pattern.elements
      .map((e) => (e.type === "literal" ? e.text : `{${e.kind}${e.arity}}`))
      .join(" ");
    const owner = this.#shapes.get(shape);
    if (owner !== undefined) {
      throw new SprigError(
        ErrorCode.InvalidRegistration,
        `Command "${pattern.source}" matches exactly the same messages as "${owner}"; change or remove one.`,
      );
    }
    this.#shapes.set(shape, pattern.source);
    const first = pattern.elements[0];
    if (first?.type !== "literal") return;
    const list = this.#byWord.get(first.text) ?? [];
    list.push({ command, pattern, specificity: specificityOf(pattern) });
    list.sort(bySpecificity);
    this.#byWord.set(first.text, list);
  }

  /** The winning command for these tokens, or `undefined`. */
  match(tokens: readonly Inline[]): CommandMatch<H> | undefined {
    const word = leadingWord(tokens);
    if (word === undefined) return undefined;
    const candidates = this.#byWord.get(word);
    if (!candidates) return undefined;
    for (const candidate of candidates) {
      const vars = matchPattern(candidate.pattern, tokens);
      if (vars) return { command: candidate.command, vars };
    }
    return undefined;
  }

  list(): readonly CommandEntry<H>[] {
    return this.#commands;
  }
}

function bySpecificity<H>(a: Candidate<H>, b: Candidate<H>): number {
  for (let i = 0; i < a.specificity.length; i++) {
    const d = (b.specificity[i] ?? 0) - (a.specificity[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.command.index - b.command.index;
}
