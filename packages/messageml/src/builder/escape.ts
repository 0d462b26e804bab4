/**
 * Escaping of untrusted text for MessageML. The result is safe both as element text and inside a
 * double- or single-quoted attribute value, and it can never start a FreeMarker construct: the agent
 * runs FreeMarker over the whole message as soon as it contains `${`, `#{`, `<#` or `<@`, so user text
 * holding `${x}` would otherwise be executed (or fail the message).
 */

// Characters XML 1.0 cannot carry at all, not even as a character reference: C0 controls other than
// tab/LF/CR, lone surrogates, U+FFFE and U+FFFF. The agent rejects raw C0 controls with
// "Invalid control characters in message", so they are replaced rather than sent.
// (Built from a string: the linter rightly distrusts control characters in regex literals.)
const C0_NOT_XML = "\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F";
const NON_XML_CHARS = new RegExp(
  `[${C0_NOT_XML}\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]`,
  "g",
);

/** The character that stands in for a character XML cannot represent. */
export const REPLACEMENT_CHARACTER = "\uFFFD";

/**
 * The text a reader gets back after `escapeText(s)` went through an XML parser: `s` with the
 * characters XML cannot represent replaced by U+FFFD. Identity for every ordinary string.
 */
export function representableText(s: string): string {
  return s.replace(NON_XML_CHARS, REPLACEMENT_CHARACTER);
}

const NEEDS_ESCAPE = new RegExp(`[&<>"'$#{\\r${C0_NOT_XML}\\uD800-\\uDFFF\\uFFFE\\uFFFF]`);
// `$` and `#` only where they could start `${` / `#{` (also across an interpolation boundary).
const ESCAPE_CHAR = /[&<>"'\r]|[$#](?=\{|$)|^\{/g;
const ENTITY: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  $: "&#36;",
  "{": "&#123;",
  "#": "&#35;",
  // A raw CR would be normalised to LF by any XML parser; a reference keeps it.
  "\r": "&#13;",
};

/** Escape untrusted text for use as MessageML text or attribute value. */
export function escapeText(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return representableText(s).replace(ESCAPE_CHAR, (c) => ENTITY[c[0] as string] ?? c);
}
