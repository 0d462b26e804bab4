/**
 * An error a route turns into an HTTP response. The body follows Symphony's `Error` / `V2Error`
 * shape `{code, message}` (code = HTTP status, as the pod does); `reason` is a stable machine
 * code for the dev API and tests (e.g. `FORM_DISABLED`).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason?: string,
  ) {
    super(message);
  }

  body(withReason = true): Record<string, unknown> {
    return this.reason === undefined || !withReason
      ? { code: this.status, message: this.message }
      : { code: this.status, message: this.message, reason: this.reason };
  }
}

export const badRequest = (message: string, reason?: string) => new ApiError(400, message, reason);
export const unauthorized = (message = "Invalid session") => new ApiError(401, message, "UNAUTHORIZED");
export const forbidden = (message: string, reason?: string) =>
  new ApiError(403, message, reason ?? "FORBIDDEN");
export const notFound = (message: string) => new ApiError(404, message, "NOT_FOUND");
