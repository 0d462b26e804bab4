export type { FieldErrors, FormInputCode, FormInputIssue, Validation } from "./validation.ts";
export { issuesToFieldErrors } from "./validation.ts";
export { WorkError, type WorkErrorCode } from "./work-error.ts";
export {
  type Decoded,
  type DecodeFailureCode,
  type EncodedWork,
  WorkRegistry,
} from "./work-registry.ts";
export {
  DEFAULT_EDIT_TEMPLATE,
  DEFAULT_VIEW_TEMPLATE,
  type Input,
  type Output,
  type WorkOptions,
  type WorkType,
  work,
  workTypeOf,
} from "./work-type.ts";
