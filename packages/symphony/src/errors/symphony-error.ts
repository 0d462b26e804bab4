/**
 * The one error type of @sprig/symphony. `code` is stable (match on it, never on the text);
 * `message` says what is wrong and what to do about it, and never carries a secret.
 */
export type SymphonyErrorCode =
  | "CONFIG_UNREADABLE"
  | "CONFIG_SYNTAX"
  | "CONFIG_MISSING_KEY"
  | "CONFIG_INVALID_VALUE"
  | "ADAPTER_BAD_ADDRESS"
  | "ADAPTER_NOT_STARTED"
  | "AUTH_REJECTED"
  | "AUTH_FAILED"
  | "JWT_MALFORMED"
  | "JWT_ALGORITHM_REFUSED"
  | "JWT_BAD_SIGNATURE"
  | "JWT_EXPIRED"
  | "JWT_WRONG_AUDIENCE"
  | "JWT_CLAIMS_INVALID"
  | "HTTP_CLIENT_ERROR"
  | "HTTP_UNAUTHORIZED"
  | "HTTP_SERVER_ERROR"
  | "HTTP_RATE_LIMITED"
  | "HTTP_NETWORK_ERROR"
  | "HTTP_INVALID_RESPONSE"
  | "HTTP_PROTOCOL_ERROR"
  | "TLS_PLAIN_HTTP_SERVER"
  | "TLS_CERTIFICATE_UNTRUSTED"
  | "TLS_CERTIFICATE_INVALID"
  | "TLS_HANDSHAKE_FAILED"
  | "ABORTED"
  | "DATAFEED_FAILED"
  | "EVENT_MALFORMED"
  | "MESSAGE_TOO_LARGE"
  | "HEALTH_ENDPOINT_FAILED"
  | "REDIS_PACKAGE_MISSING";

export class SymphonyError extends Error {
  override readonly name: string = "SymphonyError";
  constructor(
    readonly code: SymphonyErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isSymphonyError(value: unknown, code?: SymphonyErrorCode): value is SymphonyError {
  return value instanceof SymphonyError && (code === undefined || value.code === code);
}
