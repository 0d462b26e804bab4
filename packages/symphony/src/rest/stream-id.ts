/**
 * Stream and message ids go into URL paths in URL-safe Base64 without padding. Some payloads (old
 * Elements events, room search) still carry standard Base64: convert before building a path.
 */
export function toUrlSafeId(id: string): string {
  return id.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The id ready for a path segment. */
export function idSegment(id: string): string {
  return encodeURIComponent(toUrlSafeId(id));
}
