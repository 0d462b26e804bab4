import type { Dispatcher } from "undici";

/**
 * A request that failed before undici began to write it: no connection could be had (refused,
 * DNS, connect timeout, a TLS handshake or proxy tunnel that failed or was cut). The server never
 * saw it, so it cannot have acted on it: a retry loses nothing and repeats nothing.
 *
 * Told by *where* the failure happened, not by its code: the same ECONNRESET ends a TLS handshake
 * (never sent) or a request in flight (perhaps acted on). Once undici starts writing, every failure
 * is ambiguous — a reset after the request left may come before or after the server acted on it.
 */
export class UnsentRequestError extends Error {
  constructor(cause: unknown) {
    super(`the request was never sent: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "UnsentRequestError";
  }
}

/**
 * An undici interceptor (`dispatcher.compose(markingUnsent)`): a failure that comes before the
 * request started on a connection (undici's `onRequestStart`, called just before it writes the
 * request) reaches the caller as an `UnsentRequestError` around the original error.
 */
export const markingUnsent: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (options, handler) => {
  let started = false;
  return dispatch(options, {
    onRequestStart(controller, context) {
      started = true;
      handler.onRequestStart?.(controller, context);
    },
    onRequestUpgrade: (controller, status, headers, socket) =>
      handler.onRequestUpgrade?.(controller, status, headers, socket),
    onResponseStart: (controller, status, headers, message) =>
      handler.onResponseStart?.(controller, status, headers, message),
    onResponseData: (controller, chunk) => handler.onResponseData?.(controller, chunk),
    onResponseEnd: (controller, trailers) => handler.onResponseEnd?.(controller, trailers),
    onResponseError(controller, error) {
      handler.onResponseError?.(controller, started ? error : new UnsentRequestError(error));
    },
  });
};
