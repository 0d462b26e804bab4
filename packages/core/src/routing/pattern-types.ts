/**
 * Compile-time typing of command patterns: `Vars<"assign {items:number...} {who:mention}">`
 * is `{ items: number[]; who: User }`. Mirrors the run-time parser in `pattern.ts`.
 *
 * Variable syntax: `{name}` one word, `{name?}` optional, `{name...}` one or more (greedy),
 * `{name...?}` zero or more; a kind after a colon types it: `{n:number}`, `{who:mention}`,
 * `{t:hashtag}`, `{s:cashtag}`, `{w:word}` (the default).
 */
import type { User } from "../addressables/addressables.ts";

/** What each variable kind captures. */
export interface VariableKinds {
  word: string;
  number: number;
  mention: User;
  hashtag: string;
  cashtag: string;
}
export type VariableKind = keyof VariableKinds;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type KindOf<K extends string> = K extends VariableKind ? VariableKinds[K] : never;

/** One `{…}` body to a single-key object type. */
type VariableEntry<Body extends string> = Body extends `${infer Name}:${infer Rest}`
  ? Entry<Name, Rest>
  : Body extends `${infer Name}...?`
    ? { [N in Name]: string[] }
    : Body extends `${infer Name}...`
      ? { [N in Name]: string[] }
      : Body extends `${infer Name}?`
        ? { [N in Name]?: string | undefined }
        : { [N in Body]: string };

type Entry<Name extends string, Rest extends string> = Rest extends `${infer K}...?`
  ? { [N in Name]: KindOf<K>[] }
  : Rest extends `${infer K}...`
    ? { [N in Name]: KindOf<K>[] }
    : Rest extends `${infer K}?`
      ? { [N in Name]?: KindOf<K> | undefined }
      : { [N in Name]: KindOf<Rest> };

type Collect<P extends string> = P extends `${string}{${infer Body}}${infer Rest}`
  ? VariableEntry<Body> & Collect<Rest>
  : {};

/** The typed variables of a command pattern. A plain `string` pattern gives a loose record. */
export type Vars<P extends string> = string extends P ? Record<string, unknown> : Simplify<Collect<P>>;
