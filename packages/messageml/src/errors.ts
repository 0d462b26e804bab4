/**
 * The one error type of @sprig/messageml. `message` carries the Symphony agent's own text
 * (e.g. `Invalid messageML: Content is not allowed in prolog.`), so the emulator can return
 * it as-is in a 400 body and bot authors recognise it from a real pod.
 */
export type MessageMLErrorCode =
  | "EMPTY_MESSAGE"
  | "INVALID_ENTITY_JSON"
  | "TEMPLATE_ERROR"
  | "CONTROL_CHARACTERS"
  | "INVALID_XML"
  | "INVALID_MESSAGEML"
  | "ENTITY_DATA"
  | "TOO_LARGE";

export class MessageMLError extends Error {
  override readonly name = "MessageMLError";
  constructor(
    readonly code: MessageMLErrorCode,
    message: string,
  ) {
    super(message);
  }
}
