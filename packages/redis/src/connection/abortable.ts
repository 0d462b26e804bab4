/**
 * `promise`, or a rejection with the signal's reason once `signal` aborts, whichever comes first.
 * For a wait shared with others (a subscriber still connecting while Redis is away) that one
 * caller must be able to stop waiting for without cancelling it for the rest.
 */
export function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
