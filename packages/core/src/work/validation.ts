import type { StandardSchemaV1 } from "@standard-schema/spec";

/** Dotted path (e.g. `items.0.description`) → message a person can act on. `""` is the whole form. */
export type FieldErrors = Readonly<Record<string, string>>;

/** Why a piece of form input was refused before the schema even saw it. */
export type FormInputCode =
  | "FORM_UNKNOWN_FIELD"
  | "FORM_FORBIDDEN_KEY"
  | "FORM_BAD_PATH"
  | "FORM_INDEX_TOO_LARGE"
  | "FORM_SPARSE_ROWS"
  | "FORM_TOO_MANY_FIELDS"
  | "FORM_VALUE_TOO_LONG"
  | "FORM_BAD_VALUE"
  | "FORM_NO_PLATFORM";

export interface FormInputIssue {
  readonly code: FormInputCode;
  /** The submitted field name, as received (not trusted: render it escaped). */
  readonly field: string;
  readonly message: string;
}

export type Validation<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly errors: FieldErrors;
      /** Present when the input itself was refused (unknown field, forbidden key, …), with stable codes. */
      readonly issues?: readonly FormInputIssue[];
    };

/** Joins a Standard Schema issue path into the dotted form used as form field names. */
export function issuePath(path: StandardSchemaV1.Issue["path"]): string {
  if (!path) return "";
  return path.map((segment) => String(typeof segment === "object" ? segment.key : segment)).join(".");
}

/** First message per path wins: it is the one closest to what the user typed. */
export function issuesToFieldErrors(issues: readonly StandardSchemaV1.Issue[]): FieldErrors {
  const errors = new Map<string, string>();
  for (const issue of issues) {
    const path = issuePath(issue.path);
    if (!errors.has(path)) errors.set(path, issue.message);
  }
  return Object.freeze(Object.fromEntries(errors));
}
