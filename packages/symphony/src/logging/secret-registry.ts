/**
 * The secrets of one running bot (session and key-manager tokens, the private key, passwords), so the
 * log destination can blank them out of every line, whatever field or message they strayed into.
 */

/** Shorter values are not registered: blanking them would mangle ordinary text (numbers, ids). */
const MIN_SECRET_LENGTH = 8;
/** Tokens are replaced at every login: only the most recent ones are kept (older ones are dead anyway). */
const MAX_ROTATING = 64;
const MASK = "[REDACTED]";

// Secrets recognised by shape even when nobody registered them.
// A JWT is header.payload.signature; header.payload alone (a token cut short) is caught too.
const JWT =
  /eyJ[A-Za-z0-9_-]{4,}\.(?:eyJ[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*)?|[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*)/g;
const PEM_PRIVATE_KEY =
  /-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----[\s\S]*?-----END \1-----|-----BEGIN [A-Z ]*PRIVATE KEY-----[^"]*/g;

export class SecretRegistry {
  private readonly permanent = new Set<string>();
  private readonly rotating = new Set<string>();

  /** A secret for the life of the process: the private key, a password. */
  add(secret: string | undefined): void {
    for (const form of formsOf(secret)) this.permanent.add(form);
  }

  /** A secret replaced from time to time: session and key-manager tokens. */
  addRotating(secret: string | undefined): void {
    for (const form of formsOf(secret)) {
      this.rotating.delete(form);
      this.rotating.add(form);
    }
    for (const oldest of this.rotating) {
      if (this.rotating.size <= MAX_ROTATING) break;
      this.rotating.delete(oldest);
    }
  }

  scrub(text: string): string {
    let result = text.replace(PEM_PRIVATE_KEY, MASK).replace(JWT, MASK);
    for (const secrets of [this.permanent, this.rotating]) {
      for (const secret of secrets) if (result.includes(secret)) result = result.split(secret).join(MASK);
    }
    return result;
  }
}

/** The secret as written, as escaped inside a JSON string (a PEM's newlines become \n), and its long lines. */
function formsOf(secret: string | undefined): string[] {
  if (secret === undefined || secret.length < MIN_SECRET_LENGTH) return [];
  const forms = [secret, JSON.stringify(secret).slice(1, -1)];
  for (const line of secret.split(/\r?\n/))
    if (line.length >= 16 && !line.startsWith("-----")) forms.push(line);
  return forms;
}
