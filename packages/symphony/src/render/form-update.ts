/**
 * Updating the form message in place after a submission (optional): a work response of the
 * submitted form's type, to the same conversation, replaces the message that carried the form
 * instead of adding a new one. Only the decision lives here; the adapter posts the rendered
 * message to `…/message/{replaces}/update` through `OnceSender.update`: an update is not
 * idempotent on Symphony (the replaced message can be updated no more), so it is never retried
 * blindly — after an ambiguous failure, on a redelivery, or when refused, the stream is looked up
 * for the update's send id first.
 */
import { type Action, type Response, sameAddressable } from "@sprig/core";

/** The id of the message this response should replace, if any. */
export function messageToReplace(response: Response, action: Action | undefined): string | undefined {
  if (response.kind !== "work" || action?.kind !== "form" || !action.formMessageId) return undefined;
  if (action.formId !== response.workType.typeName) return undefined;
  if (!sameAddressable(response.to, action.addressable)) return undefined;
  return action.formMessageId;
}
