export * from "./element.ts";
export * from "./elements.ts";
export { escapeText, REPLACEMENT_CHARACTER, representableText } from "./escape.ts";
export { isFragment, MessageMLFragment } from "./fragment.ts";
export * from "./shorthand.ts";
export { type MessageMLChild, mml, text, trustedMarkup } from "./template.ts";
export * from "./text-tags.ts";
