/**
 * Errors with stable codes. `UserError` is the one error whose message is shown in chat as
 * written; every other error reaches the user as a short apology with a reference id,
 * and its details (stack included) go to the log only.
 */

/** Stable codes of errors raised by the engine. Adapters add their own (`symphony.*`, …). */
export const ErrorCode = {
  /** A command pattern does not parse. */
  InvalidPattern: "sprig.invalid_pattern",
  /** Two registrations collide (same button id on a work type, alias variables differ, …). */
  InvalidRegistration: "sprig.invalid_registration",
  /** A press of a button id the work type does not have. */
  UnknownButton: "sprig.unknown_button",
  /** A press naming a button that belongs to another work type. */
  ButtonWrongWorkType: "sprig.button_wrong_work_type",
  /** A press of a button the form message did not show (a forged submission). */
  ButtonNotOffered: "sprig.button_not_offered",
  /** A press on a form whose message is gone, unreadable, or from another conversation. */
  FormUnavailable: "sprig.form_unavailable",
  /** A form that names no registered work type. */
  UnknownForm: "sprig.unknown_form",
  /** A table button (add / edit / delete rows) that does not fit the form's object. */
  TableAction: "sprig.table_action",
  /** The user may not run this command or press this button here. */
  Forbidden: "sprig.forbidden",
  /** Submitted form values failed validation. */
  InvalidForm: "sprig.invalid_form",
  /** A handler returned something that is not a response. */
  InvalidResponse: "sprig.invalid_response",
  /** No adapter is attached for the platform an action or response names. */
  NoAdapter: "sprig.no_adapter",
  /** An error the handler did not expect: shown as a reference id. */
  Internal: "sprig.internal",
  /** A `UserError` thrown by bot code. */
  User: "sprig.user",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Base of every error sprig throws on purpose: a stable `code` and a message a person can act on. */
export class SprigError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SprigError";
    this.code = code;
  }
}

/**
 * An error meant for the person in the chat: its message is shown as written.
 * Throw it from a handler for "that list has no item 7" and the like.
 */
export class UserError extends SprigError {
  constructor(message: string, options?: { code?: string; cause?: unknown }) {
    super(options?.code ?? ErrorCode.User, message, options);
    this.name = "UserError";
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** A code for any thrown value: its own if it has one, else `sprig.internal`. */
export function errorCodeOf(error: unknown): string {
  if (error instanceof SprigError) return error.code;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : ErrorCode.Internal;
}
