import type { ServiceName } from "../config/config-types.ts";
import { SymphonyError } from "../errors/symphony-error.ts";
import { isConnectionFailure } from "../http/connection-failure.ts";
import { SymphonyHttpError } from "../http/http-error.ts";
import type { RestClient } from "../http/rest-client.ts";

export interface LoginCall {
  readonly service: ServiceName;
  readonly path: string;
  readonly body?: unknown;
  /** "session token" or "key-manager token", for messages. */
  readonly what: string;
  /** What to check when the server refuses the credentials. */
  readonly refusedHint: string;
  /** A session the call is made with (an app's, asking for a session on behalf of a user). */
  readonly sessionToken?: string;
}

/**
 * One login call. It is retried like any call on 5xx, 429 and network errors, but a 401 is final
 * (the credentials are wrong: logging in again would not help) and is reported as AUTH_REJECTED.
 */
export async function performLogin(client: RestClient, call: LoginCall): Promise<string> {
  let body: unknown;
  try {
    body = await client.call<unknown>({
      service: call.service,
      method: "POST",
      path: call.path,
      // Certificate login takes no body (the TLS client certificate is the credential).
      ...(call.body === undefined ? {} : { json: call.body }),
      ...(call.sessionToken === undefined
        ? { auth: "none" as const }
        : { auth: "session" as const, tokens: { sessionToken: call.sessionToken, keyManagerToken: "" } }),
      reauthenticate: false,
      operation: `login for the ${call.what} (POST ${call.path})`,
    });
  } catch (error) {
    throw loginError(error, call);
  }
  const token = (body as { token?: unknown } | undefined)?.token;
  if (typeof token !== "string" || token === "") {
    throw new SymphonyError(
      "AUTH_FAILED",
      `POST ${call.path} answered without a ${call.what} ("token" is missing).`,
    );
  }
  return token;
}

/** A login call's failure as the adapter reports it: AUTH_REJECTED with what to check on 401/403. */
export function loginError(error: unknown, call: LoginCall): SymphonyError {
  // Wrong scheme, untrusted certificate…: its own code says what to fix (and no re-login helps).
  if (isConnectionFailure(error)) return error;
  if (error instanceof SymphonyHttpError && (error.status === 401 || error.status === 403)) {
    const said = error.serverMessage ? ` The server said: ${error.serverMessage}.` : "";
    return new SymphonyError(
      "AUTH_REJECTED",
      `Login refused (${error.status}) by POST ${call.path} for the ${call.what}. ${call.refusedHint}${said}`,
      { cause: error },
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new SymphonyError("AUTH_FAILED", `Could not obtain the ${call.what}: ${reason}`, { cause: error });
}
