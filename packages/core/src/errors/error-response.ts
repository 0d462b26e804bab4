/**
 * How a thrown error reaches the chat: a UserError as written; anything else as a short apology
 * with a reference id, the details (stack, cause) logged under that id. Never a stack in chat.
 */
import type { Action } from "../actions/actions.ts";
import type { Addressable } from "../addressables/addressables.ts";
import type { Logger } from "../context/logger.ts";
import type { ErrorResponse } from "../responses/responses.ts";
import { errorCodeOf, isUserError } from "./errors.ts";

export function errorResponse(
  error: unknown,
  to: Addressable,
  context: { readonly log: Logger; readonly newId: () => string; readonly action?: Action },
): ErrorResponse {
  const code = errorCodeOf(error);
  if (isUserError(error)) return { kind: "error", to, code, message: error.message };
  const referenceId = context.newId();
  context.log.error(
    { err: error, code, referenceId, eventId: context.action?.eventId, actionKind: context.action?.kind },
    "handler failed",
  );
  return {
    kind: "error",
    to,
    code,
    referenceId,
    message: `Sorry, something went wrong. If it keeps happening, give this reference to the bot's owner: ${referenceId}.`,
  };
}
