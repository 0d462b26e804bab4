import { SymphonyError, type SymphonyErrorCode } from "../errors/symphony-error.ts";

/** A call the pod or agent answered with an error status (after any retries). */
export class SymphonyHttpError extends SymphonyError {
  override readonly name = "SymphonyHttpError";
  constructor(
    code: SymphonyErrorCode,
    readonly status: number,
    readonly operation: string,
    /** The server's own message (`Error.message` / `V2Error.message`), when it sent one. */
    readonly serverMessage: string | undefined,
    readonly body: unknown,
    /** A 401 that came again after a fresh login (not a login call's own refusal). */
    loggedInAgain = false,
  ) {
    super(code, describe(status, operation, serverMessage, loggedInAgain));
  }
}

function describe(
  status: number,
  operation: string,
  serverMessage: string | undefined,
  loggedInAgain: boolean,
): string {
  const said = serverMessage ? `: ${serverMessage}` : "";
  if (status === 401 && loggedInAgain)
    return `${operation} was refused (401 Unauthorized) even after logging in again${said}.`;
  if (status === 401) return `${operation} was refused (401 Unauthorized)${said}.`;
  if (status === 429) return `${operation} was rate limited (429) on every attempt${said}.`;
  if (status >= 500)
    return `${operation} failed with ${status} on every attempt${said}. Is the pod or agent up?`;
  return `${operation} was rejected with ${status}${said}.`;
}

export function codeForStatus(status: number): SymphonyErrorCode {
  if (status === 401) return "HTTP_UNAUTHORIZED";
  if (status === 429) return "HTTP_RATE_LIMITED";
  if (status >= 500) return "HTTP_SERVER_ERROR";
  return "HTTP_CLIENT_ERROR";
}

/** The `message` member of a Symphony error body (`Error{code,message}` or `V2Error`). */
export function serverMessageOf(body: unknown): string | undefined {
  if (
    typeof body === "object" &&
    body !== null &&
    typeof (body as { message?: unknown }).message === "string"
  ) {
    return (body as { message: string }).message;
  }
  if (typeof body === "string" && body.trim() !== "") return body.slice(0, 300);
  return undefined;
}

export function isHttpStatus(error: unknown, status: number): error is SymphonyHttpError {
  return error instanceof SymphonyHttpError && error.status === status;
}
