/**
 * A piece of MessageML markup that the builder produced, so it is trusted: interpolating it into
 * another template inserts it as markup. Every other interpolated value is escaped as text.
 */
export class MessageMLFragment {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

export function isFragment(value: unknown): value is MessageMLFragment {
  return value instanceof MessageMLFragment;
}
