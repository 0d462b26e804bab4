// Public API of @sprig/messageml: everything exported from here, nothing else.
export { MessageMLError, type MessageMLErrorCode } from "./errors.ts";
export {
  containsFreemarkerSyntax,
  expandFreemarker,
  type RenderLimits,
  TemplateError,
} from "./freemarker/index.ts";
export * from "./parse/index.ts";
