// Public API of @sprig/messageml: everything exported from here, nothing else.

// Builder: `mml` tagged template (interpolations escaped unless built) and typed element builders
// under the `ml` namespace (`ml.p`, `ml.mention`, `ml.form`, `ml.textField`, …).
export * as ml from "./builder/index.ts";
export {
  type Attributes,
  type AttributeValue,
  element,
  escapeText,
  isFragment,
  type MessageMLChild,
  MessageMLFragment,
  mml,
  representableText,
  trustedMarkup,
} from "./builder/index.ts";
export { MessageMLError, type MessageMLErrorCode } from "./errors.ts";
