/**
 * Errors raised while defining, creating, encoding or decoding work objects.
 * Each carries a stable `code` so callers (and tests) can branch on it without parsing text.
 */
export type WorkErrorCode =
  | "WORK_BAD_TYPE_NAME"
  | "WORK_BAD_VERSION"
  | "WORK_RESERVED_FIELD"
  | "WORK_SCHEMA_NOT_OBJECT"
  | "WORK_ASYNC_SCHEMA"
  | "WORK_INVALID"
  | "WORK_DUPLICATE_TYPE"
  | "WORK_NOT_A_WORK_OBJECT"
  | "WORK_NO_FORM_MODEL"
  | "WORK_BAD_TAG"
  | "WORK_NOT_INDEXED";

export class WorkError extends Error {
  override readonly name = "WorkError";
  constructor(
    readonly code: WorkErrorCode,
    message: string,
    /** Field errors when the failure is a validation failure (code WORK_INVALID). */
    readonly fieldErrors?: Readonly<Record<string, string>>,
  ) {
    super(message);
  }
}
