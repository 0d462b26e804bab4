/** Errors of the Symphony renderer, with stable codes. */
export type RenderErrorCode =
  | "RENDER_TEMPLATES_UNREADABLE"
  | "RENDER_TEMPLATE_TOO_LARGE"
  | "RENDER_UNKNOWN_WORK_TYPE";

export class RenderError extends Error {
  override readonly name = "RenderError";
  constructor(
    readonly code: RenderErrorCode,
    message: string,
  ) {
    super(message);
  }
}
