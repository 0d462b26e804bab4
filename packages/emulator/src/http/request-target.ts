/** A request's target (`req.url`) as routes read it: the path, and the query string with its `?` (or ""). */
export interface RequestTarget {
  path: string;
  query: string;
}

/**
 * A path WHATWG URL leaves as it is: segments of letters, digits and `_-.~`, none starting with a dot
 * (nothing to resolve), no `%` (nothing to normalise).
 */
const PLAIN_PATH = /^(?:\/[\w~-][\w.~-]*)+\/?$|^\/$/;

/**
 * What URL changes or stops at anywhere in a target: anything but printable ASCII (control
 * characters and space are dropped or encoded, other characters percent-encoded) and a fragment.
 */
const NOT_PLAIN = /[^\u0021-\u007e]|#/;

/**
 * Splits a request target into path and query. A plain target (what bots send) is split as it is:
 * building a URL costs microseconds per request. Anything else is read as WHATWG URL reads it
 * (dot segments, percent-encoding, white space, a fragment); undefined when it is not a URL at all.
 */
export function requestTarget(raw: string): RequestTarget | undefined {
  const queryAt = raw.indexOf("?");
  const path = queryAt < 0 ? raw : raw.slice(0, queryAt);
  if (PLAIN_PATH.test(path) && !NOT_PLAIN.test(raw))
    return { path, query: queryAt < 0 ? "" : raw.slice(queryAt) };
  try {
    const url = new URL(raw, "http://emulator.local");
    return { path: url.pathname, query: url.search };
  } catch {
    return undefined;
  }
}
