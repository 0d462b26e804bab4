import type { ServiceConfig } from "../config/config-types.ts";
import { SymphonyError, type SymphonyErrorCode } from "../errors/symphony-error.ts";

/**
 * Network errors that no retry can fix: the TLS handshake failed because of how the bot or the
 * server is set up (wrong scheme, certificate not trusted, expired or for another host), or the
 * server does not speak HTTP. Retrying them with backoff only hides the cause for minutes (the
 * BDK's 10 attempts wait ~8.5 min in all); they fail at once with a code and the setting to change.
 * Refused or reset connections and timeouts are not here: a pod restarting or a network blip
 * looks like them, and those do pass.
 */

/** OpenSSL's answer when the other side sent plain text where a TLS record was expected. */
const PLAIN_HTTP = new Set(["ERR_SSL_WRONG_VERSION_NUMBER", "ERR_SSL_PACKET_LENGTH_TOO_LONG"]);

/** Node's verification codes for a chain that ends in a CA this process does not trust. */
const UNTRUSTED = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_UNTRUSTED",
  "CERT_SIGNATURE_FAILURE",
]);

const OUT_OF_DATE = new Set(["CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID"]);

const WRONG_HOST = "ERR_TLS_CERT_ALTNAME_INVALID";

/**
 * TLS codes of a connection cut or damaged on the way (a timeout, an abrupt end, a corrupt record):
 * the network's doing, not the setup's, so they pass like a reset connection.
 */
const TRANSIENT_TLS = new Set([
  "ERR_TLS_HANDSHAKE_TIMEOUT",
  "ERR_SSL_UNEXPECTED_EOF_WHILE_READING",
  "ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC",
  "ERR_SSL_BAD_RECORD_MAC",
]);

/** The server refused this client's certificate during the handshake (mutual TLS). */
const CLIENT_CERTIFICATE_REFUSED =
  /^ERR_SSL_(TLSV1_ALERT_UNKNOWN_CA|SSLV3_ALERT_BAD_CERTIFICATE|SSLV3_ALERT_CERTIFICATE_UNKNOWN|TLSV13_ALERT_CERTIFICATE_REQUIRED|TLSV1_ALERT_ACCESS_DENIED)$/;

/** The codes a `connectionFailure` error may carry. */
export const CONNECTION_FAILURE_CODES = [
  "TLS_PLAIN_HTTP_SERVER",
  "TLS_CERTIFICATE_UNTRUSTED",
  "TLS_CERTIFICATE_INVALID",
  "TLS_HANDSHAKE_FAILED",
  "HTTP_PROTOCOL_ERROR",
] as const satisfies readonly SymphonyErrorCode[];

export type ConnectionFailureCode = (typeof CONNECTION_FAILURE_CODES)[number];

/** True for an error `connectionFailure` made: a setup problem, to report rather than retry. */
export function isConnectionFailure(error: unknown): error is SymphonyError {
  return (
    error instanceof SymphonyError && (CONNECTION_FAILURE_CODES as readonly string[]).includes(error.code)
  );
}

/**
 * The coded error for a network error no retry can fix, or undefined when it may pass (refused,
 * reset, timed out, DNS…) and the caller's backoff applies.
 */
export function connectionFailure(
  error: unknown,
  operation: string,
  service: ServiceConfig,
): SymphonyError | undefined {
  const where = `${service.host}:${service.port}`;
  for (const code of errorCodes(error)) {
    const failure = classify(code, where, service);
    if (failure) {
      return new SymphonyError(failure.code, `${operation} failed: ${failure.message}`, { cause: error });
    }
  }
  return undefined;
}

function classify(
  code: string,
  where: string,
  service: ServiceConfig,
): { code: ConnectionFailureCode; message: string } | undefined {
  if (PLAIN_HTTP.has(code)) {
    return {
      code: "TLS_PLAIN_HTTP_SERVER",
      message: `the server at ${where} speaks plain HTTP, not HTTPS (${code}): set scheme: http in the config (or point port at the server's HTTPS port).`,
    };
  }
  if (UNTRUSTED.has(code)) {
    return {
      code: "TLS_CERTIFICATE_UNTRUSTED",
      message: `the certificate of ${where} is not trusted (${code}): set ssl.trustStore.path to the pod's CA certificate (PEM).`,
    };
  }
  if (OUT_OF_DATE.has(code)) {
    const state = code === "CERT_HAS_EXPIRED" ? "has expired" : "is not valid yet";
    return {
      code: "TLS_CERTIFICATE_INVALID",
      message: `the certificate of ${where} ${state} (${code}): renew the server's certificate, or check this machine's clock.`,
    };
  }
  if (code === WRONG_HOST) {
    return {
      code: "TLS_CERTIFICATE_INVALID",
      message: `the certificate of ${where} is not issued for host "${service.host}" (${code}): set host to a name the certificate lists.`,
    };
  }
  if (CLIENT_CERTIFICATE_REFUSED.test(code)) {
    return {
      code: "TLS_HANDSHAKE_FAILED",
      message: `the server at ${where} refused this bot's client certificate (${code}): check bot.certificate (path, password) and that the pod trusts its issuer.`,
    };
  }
  if ((code.startsWith("ERR_SSL_") || code.startsWith("ERR_TLS_")) && !TRANSIENT_TLS.has(code)) {
    return {
      code: "TLS_HANDSHAKE_FAILED",
      message: `the TLS handshake with ${where} failed (${code}): check scheme, port, proxy and ssl settings against the server's TLS setup.`,
    };
  }
  if (code.startsWith("HPE_")) {
    return {
      code: "HTTP_PROTOCOL_ERROR",
      message: `the server at ${where} did not answer in HTTP (${code}): check host, port and scheme (${service.scheme}) — is this the pod's web port, or a proxy?`,
    };
  }
  return undefined;
}

/**
 * The `code`s on an error and its causes (undici wraps socket errors; connect may aggregate);
 * `HPE_PARSE_ERROR` stands for an HTTP parser error without its own code.
 */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number) => {
    if (typeof value !== "object" || value === null || seen.has(value) || depth > 4) return;
    seen.add(value);
    const code = (value as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
    // undici 7 loses llhttp's error name (its HTTPParserError has no code): known by its class name.
    else if ((value as { name?: unknown }).name === "HTTPParserError") codes.push("HPE_PARSE_ERROR");
    visit((value as { cause?: unknown }).cause, depth + 1);
    const errors = (value as { errors?: unknown }).errors;
    if (Array.isArray(errors)) for (const inner of errors) visit(inner, depth + 1);
  };
  visit(error, 0);
  return codes;
}
