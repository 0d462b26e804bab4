/**
 * The translation of a message that is text and nothing else — `<messageML>Hello</messageML>`, most
 * of what bots send — made without a parser or a tree: the text escaped inside the root `<div>`,
 * exactly what the full translation prints for it. A short message's full translation (a saxes
 * parser, an element tree, the rules, a printer) was most of the emulator's CPU per message beyond
 * node:http's own. Anything the XML reader would rewrite, refuse or read as more than characters
 * falls back to the full translation. test/translate/plain-text.test.ts proves both equal.
 */
import { containsFreemarkerSyntax } from "../freemarker/index.ts";
import { collapseNewLines, escapeXml } from "./printer.ts";

const OPEN = "<messageML>";
const CLOSE = "</messageML>";

/**
 * What makes text more than characters, or what XML rewrites or refuses in character data: markup
 * and references (`<`, `&`), a CR (line ends are normalised), `]]>`, control characters, the
 * non-characters U+FFFE/U+FFFF, and a surrogate that is not half of a pair.
 */
const NOT_PLAIN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are what XML refuses
  /[<&\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\]\]>|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The root `<div>` the full translation prints for `<messageML>` (see root-rules.ts). */
const ROOT_OPEN = '<div data-format="PresentationML" data-version="2.0">';

/** The PresentationML of `input` when it is plain text in `<messageML>`; undefined for anything else. */
export function plainTextPresentationML(input: string): string | undefined {
  if (!input.startsWith(OPEN) || !input.endsWith(CLOSE) || input.length < OPEN.length + CLOSE.length)
    return undefined;
  const text = input.slice(OPEN.length, input.length - CLOSE.length);
  if (NOT_PLAIN.test(text) || containsFreemarkerSyntax(text)) return undefined;
  // As the printer writes text directly under the root: runs of new lines become one space.
  return `${ROOT_OPEN}${escapeXml(collapseNewLines(text))}</div>`;
}
