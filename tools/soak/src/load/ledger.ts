/**
 * What each scripted person said, in the order the pod received it, and how many answers each
 * message must get: `/new` → the empty list; `/echo TAG` → TAG; `/add` → the new-item form; the
 * form's "Add" pressed with TAG → `Added "TAG" as item N.` and the list ending in TAG.
 */
export type Kind = "new" | "echo" | "add" | "press";

export const ANSWERS: Readonly<Record<Kind, number>> = { new: 1, echo: 1, add: 1, press: 2 };

export interface Said {
  /** Position in the person's conversation (0 = first). */
  readonly seq: number;
  readonly kind: Kind;
  /** Unique text of an echo or a pressed item (`p7-12`); "" for `/new` and `/add`. */
  readonly tag: string;
}

export interface Person {
  readonly index: number;
  readonly id: number;
  readonly username: string;
  /** The person's 1:1 with the bot. */
  readonly im: string;
  readonly said: Said[];
}

export function expectedAnswers(person: Person): number {
  return person.said.reduce((sum, s) => sum + ANSWERS[s.kind], 0);
}
