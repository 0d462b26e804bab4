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
export { CODE_LANGUAGES, type CodeLanguage, isCodeLanguage } from "./code-languages.ts";
// EntityJSON: structured objects `{type, version, …}` in a message's data.
export {
  type EntityJSON,
  findStructuredObjects,
  isStructuredObject,
  parseEntityJSON,
  type ReadOptions,
  readStructuredObject,
  type StructuredObject,
  stringifyEntityJSON,
  structuredObject,
  writeStructuredObject,
} from "./entities/structured-object.ts";
export { MessageMLError, type MessageMLErrorCode } from "./errors.ts";
// FreeMarker subset (mml-template).
export {
  containsFreemarkerSyntax,
  expandFreemarker,
  type RenderLimits,
  TemplateError,
} from "./freemarker/index.ts";
// Inbound: PresentationML + EntityJSON → a neutral MessageTree with entities resolved.
export * from "./parse/index.ts";
export { compileJavaRegex, type JavaRegex } from "./translate/java-regex.ts";
export type { ResolvedUser } from "./translate/model.ts";
export type { UserLookup, UserQuery } from "./translate/rule-types.ts";
// Translator: MessageML / PresentationML + data → PresentationML + entity JSON, as the agent does it.
export {
  type TemplateExpander,
  type TranslateOptions,
  type TranslateResult,
  translateMessageML,
} from "./translate/translate.ts";
