/**
 * Symphony stream and message ids are Base64 of 25 bytes. The API speaks URL-safe Base64
 * without padding; clients (and old payloads) sometimes send the standard alphabet, so every
 * id that comes in is normalised before lookup.
 */
export function toUrlSafeId(id: string): string {
  return id.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function bytesToUrlSafeId(bytes: Uint8Array): string {
  // A view, not a copy: the bytes are often a slice of the random pool.
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64url");
}

const ID_SHAPE = /^[A-Za-z0-9_\-+/]{1,64}={0,2}$/;

/** True when the text could be an id at all (any Base64 alphabet); lookups decide if it exists. */
export function isWellFormedId(id: string): boolean {
  return ID_SHAPE.test(id);
}
