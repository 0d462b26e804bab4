/**
 * Symphony stream and message ids are Base64 of 25 bytes. The API speaks URL-safe Base64
 * without padding; clients (and old payloads) sometimes send the standard alphabet, so every
 * id that comes in is normalised before lookup.
 */
export function toUrlSafeId(id: string): string {
  // Most ids come in URL-safe already: one test instead of three replacements (each a new string).
  if (!STANDARD_ALPHABET.test(id)) return id;
  return id.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const STANDARD_ALPHABET = /[+/=]/;

export function bytesToUrlSafeId(bytes: Uint8Array): string {
  return asBuffer(bytes).toString("base64url");
}

/** The bytes as a Buffer: themselves when they are one (the system random pool's slices), else a view, not a copy. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const ID_SHAPE = /^[A-Za-z0-9_\-+/]{1,64}={0,2}$/;

/** True when the text could be an id at all (any Base64 alphabet); lookups decide if it exists. */
export function isWellFormedId(id: string): boolean {
  return ID_SHAPE.test(id);
}
