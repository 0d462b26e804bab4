/**
 * Stream and message ids go into URL paths in URL-safe Base64 without padding. The Symphony client
 * shows them in standard Base64, and some payloads (old Elements events, room search) still carry
 * that: whatever a bot author or a payload gives, convert before building a path or comparing.
 */
export function toUrlSafeId(id: string): string {
  return id.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The id as the Symphony client shows it: standard Base64 with its padding (to show people, or match what they paste). */
export function toStandardId(id: string): string {
  const standard = id.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  const missing = (4 - (standard.length % 4)) % 4;
  // A length of 1 past a multiple of 4 is no Base64 at all: left as it is rather than padded into nonsense.
  return missing === 3 ? standard : standard + "=".repeat(missing);
}

/** The id ready for a path segment. */
export function idSegment(id: string): string {
  return encodeURIComponent(toUrlSafeId(id));
}
