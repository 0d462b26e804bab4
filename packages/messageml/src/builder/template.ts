import { escapeText } from "./escape.ts";
import { MessageMLFragment } from "./fragment.ts";

/**
 * What may be interpolated: text (escaped), numbers and bigints (as text), built fragments (as
 * markup), arrays of these (concatenated), and `null` / `undefined` / `false` (nothing) so that
 * `${cond && fragment}` works.
 */
export type MessageMLChild =
  | string
  | number
  | bigint
  | MessageMLFragment
  | null
  | undefined
  | false
  | readonly MessageMLChild[];

/** The markup of one child: fragments as-is, everything else escaped as text. */
export function renderChild(child: MessageMLChild): string {
  if (child === null || child === undefined || child === false) return "";
  if (child instanceof MessageMLFragment) return child.markup;
  if (typeof child === "string") return escapeText(child);
  if (typeof child === "number" || typeof child === "bigint") return String(child);
  if (Array.isArray(child)) {
    let out = "";
    for (const c of child as readonly MessageMLChild[]) out += renderChild(c);
    return out;
  }
  // Anything else (an object slipped past the types) is shown as text, never as markup.
  return escapeText(String(child));
}

/**
 * Tagged template for MessageML: the literal parts are markup written by the bot author; every
 * interpolated value is escaped text unless it is itself a built fragment.
 *
 * ```ts
 * const msg = mml`<messageML><p>Hello ${name}, ${mention({ uid: 42 })}</p></messageML>`;
 * ```
 */
export function mml(strings: TemplateStringsArray, ...values: readonly MessageMLChild[]): MessageMLFragment {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) {
    out += renderChild(values[i]) + (strings[i + 1] ?? "");
  }
  return new MessageMLFragment(out);
}

/** Insert markup the caller vouches for (e.g. a stored template). Never pass user input here. */
export function trustedMarkup(markup: string): MessageMLFragment {
  return new MessageMLFragment(markup);
}

/** Text as a fragment (escaped), for places that want a fragment. */
export function text(value: string): MessageMLFragment {
  return new MessageMLFragment(escapeText(value));
}
